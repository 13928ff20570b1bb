"""Indicators (of kommunmål) and measures (of åtaganden), with target values and actuals.

A target is set per year by a decision: preliminary in June, final in November. An actual
belongs to a reporting period; a yearly figure (Kolada, a survey) belongs to the helår.
Both become read-only when their period closes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.cycle.models import ReportingPeriod
from redthread.goals.models.structure import Commitment, MunicipalGoal, Publishable, YearScoped
from redthread.goals.status import Direction, Status, metric_status
from redthread.organisation.models import Decision, Person, Unit


class Source(models.TextChoices):
    MANUAL = "manual", _("manuellt")
    KOLADA = "kolada", _("Kolada")
    SURVEY = "survey", _("enkät")
    COMPUTED = "computed", _("beräknat")


class Metric(YearScoped, Publishable):
    """What indicators and measures share: a unit, a direction, a source and an owner."""

    title = models.CharField(_("namn"), max_length=255)
    description = models.TextField(_("beskrivning"), blank=True)
    unit_label = models.CharField(
        _("enhet"), max_length=30, blank=True, help_text=_("T.ex. %, kr/inv, antal, index.")
    )
    decimals = models.PositiveSmallIntegerField(
        _("decimaler"), default=0, validators=[MaxValueValidator(4)]
    )
    direction = models.CharField(
        _("riktning"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    source = models.CharField(
        _("källa"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    kolada_kpi = models.CharField(
        _("Kolada-id"), max_length=12, blank=True, help_text=_("T.ex. N01951.")
    )
    computation = models.CharField(
        _("beräkning"),
        max_length=60,
        blank=True,
        help_text=_("För källan beräknat: vilken beräkning i systemet som ger utfallet."),
    )
    gender_split = models.BooleanField(_("redovisas för kvinnor och män"), default=False)
    tolerance = models.DecimalField(
        _("egen tolerans för gul"),
        max_digits=5,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("Lämna tomt för kommunens standard."),
    )
    owner = models.ForeignKey(
        Person,
        verbose_name=_("ansvarig"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def status_for(
        self, actual: Decimal | None, target: Decimal | None, default_tolerance: Decimal
    ) -> Status:
        tolerance = self.tolerance if self.tolerance is not None else default_tolerance
        return metric_status(actual, target, self.direction, tolerance)


class Indicator(Metric):
    """An indicator of a kommunmål, with a target value per year decided in mål och budget."""

    goal = models.ForeignKey(
        MunicipalGoal,
        verbose_name=_("kommunmål"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["year", "goal__order", "order", "title"]

    def get_absolute_url(self) -> str:
        return reverse("goals:indicator", args=[self.pk])


class Measure(Metric):
    """A mått of an åtagande, with a target value per year decided by the nämnd."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("åtagande"), on_delete=models.CASCADE, related_name="measures"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("ansvarig enhet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
    )

    class Meta:
        verbose_name = _("mått")
        verbose_name_plural = _("mått")
        ordering = ["year", "commitment__order", "order", "title"]

    def get_absolute_url(self) -> str:
        return reverse("goals:measure", args=[self.pk])


ONE_METRIC = Q(indicator__isnull=False, measure__isnull=True) | Q(
    indicator__isnull=True, measure__isnull=False
)


class MetricValue(DomainModel):
    """A value that belongs to exactly one indicator or one measure."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
    )
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("mått"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
    )

    class Meta:
        abstract = True

    @property
    def metric(self) -> Indicator | Measure:
        metric = self.indicator or self.measure
        assert metric is not None
        return metric

    @property
    def metric_key(self) -> tuple[str, int]:
        if self.indicator_id:
            return ("indicator", self.indicator_id)
        assert self.measure_id is not None
        return ("measure", self.measure_id)


class TargetQuerySet(models.QuerySet["Target"]):
    def effective(self) -> dict[tuple[str, int, int], Target]:
        """The target that counts per (metric kind, metric id, year): final over preliminary."""
        chosen: dict[tuple[str, int, int], Target] = {}
        for target in self:
            key = (*target.metric_key, target.year)
            current = chosen.get(key)
            if current is None or (
                current.kind == Target.Kind.PRELIMINARY and target.kind == Target.Kind.FINAL
            ):
                chosen[key] = target
        return chosen


class Target(MetricValue):
    """A target value for a year: preliminary (KF in June) or final (KF in November), by a decision."""

    class Kind(models.TextChoices):
        PRELIMINARY = "preliminary", _("preliminärt")
        FINAL = "final", _("slutligt")

    year = models.PositiveSmallIntegerField(_("år"))
    kind = models.CharField(_("typ"), max_length=12, choices=Kind.choices, default=Kind.FINAL)
    value = models.DecimalField(_("målvärde"), max_digits=14, decimal_places=4)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("målvärde")
        verbose_name_plural = _("målvärden")
        ordering = ["year", "kind"]
        constraints = [
            models.CheckConstraint(condition=ONE_METRIC, name="target_one_metric"),
            models.UniqueConstraint(
                fields=["indicator", "year", "kind"],
                condition=Q(indicator__isnull=False),
                name="unique_indicator_target",
            ),
            models.UniqueConstraint(
                fields=["measure", "year", "kind"],
                condition=Q(measure__isnull=False),
                name="unique_measure_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric} {self.year}: {self.value}"

    def locking_period(self) -> ReportingPeriod | None:
        """A closed period of the target's year: once one is closed, the target has been used."""
        municipality_id = _municipality_id(self.metric)
        return (
            ReportingPeriod.objects.closed()
            .filter(municipality_id=municipality_id, year=self.year)
            .order_by("end_date")
            .first()
        )

    def clean(self) -> None:
        period = self.locking_period()
        if period is not None:
            period.ensure_writable()


class Actual(MetricValue):
    """An actual for a reporting period, with women and men where the metric is split by gender."""

    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="actuals"
    )
    value = models.DecimalField(_("utfall"), max_digits=14, decimal_places=4, null=True, blank=True)
    value_women = models.DecimalField(
        _("utfall kvinnor"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    value_men = models.DecimalField(
        _("utfall män"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    source = models.CharField(
        _("källa"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    published_on = models.DateField(_("publicerat"), null=True, blank=True)
    note = models.CharField(_("kommentar"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("utfall")
        verbose_name_plural = _("utfall")
        ordering = ["period__end_date"]
        constraints = [
            models.CheckConstraint(condition=ONE_METRIC, name="actual_one_metric"),
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=Q(indicator__isnull=False),
                name="unique_indicator_actual",
            ),
            models.UniqueConstraint(
                fields=["measure", "period"],
                condition=Q(measure__isnull=False),
                name="unique_measure_actual",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric} {self.period}: {self.value}"

    def clean(self) -> None:
        if self.period_id is not None:
            self.period.ensure_writable()
        if self.value is None and self.value_women is None and self.value_men is None:
            raise ValidationError(_("Ange ett utfall."))


def _municipality_id(metric: Indicator | Measure) -> int:
    if isinstance(metric, Indicator):
        return metric.goal.area.vision.municipality_id
    return metric.commitment.body.municipality_id


def values_by_metric(values: Any) -> dict[tuple[str, int], list[Any]]:
    grouped: dict[tuple[str, int], list[Any]] = {}
    for value in values:
        grouped.setdefault(value.metric_key, []).append(value)
    return grouped
