"""The red thread's structure: vision, strategic areas, kommunmål, åtaganden, strategic actions.

Goals, commitments and everything below them belong to a planning year. Rolling the
structure into a new year copies each object with ``previous`` pointing back and the
same ``lineage``, so a closed year stays exactly as it was and history stays linked.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.goals.status import DEFAULT_TOLERANCE
from redthread.organisation.models import Body, Decision, Municipality, Person, Unit, WorkingGroup


class YearScoped(DomainModel):
    """An object of one planning year, linked to its copies in other years by ``lineage``."""

    year = models.PositiveSmallIntegerField(_("år"), db_index=True)
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("föregående års version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True


class GoalSettings(DomainModel):
    """How a municipality computes statuses: the default tolerance band for yellow."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.CASCADE,
        related_name="goal_settings",
    )
    tolerance = models.DecimalField(
        _("tolerans för gul"),
        max_digits=5,
        decimal_places=3,
        default=DEFAULT_TOLERANCE,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("Andel av målvärdet, t.ex. 0,05 = inom 5 % av målvärdet blir gult."),
    )

    class Meta:
        verbose_name = _("inställningar för målstyrning")
        verbose_name_plural = _("inställningar för målstyrning")

    def __str__(self) -> str:
        return str(self.municipality)

    @classmethod
    def tolerance_for(cls, municipality: Municipality) -> Decimal:
        settings = cls.objects.filter(municipality=municipality).only("tolerance").first()
        return settings.tolerance if settings else DEFAULT_TOLERANCE


class Vision(DomainModel):
    """The municipality's vision, e.g. Vision 2025 "Världsvan & hemkär"."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="visions"
    )
    title = models.CharField(_("namn"), max_length=120)
    statement = models.CharField(_("vision"), max_length=255)
    description = models.TextField(_("beskrivning"), blank=True)
    first_year = models.PositiveSmallIntegerField(_("gäller från år"))
    last_year = models.PositiveSmallIntegerField(_("gäller till och med år"), null=True, blank=True)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("vision")
        verbose_name_plural = _("visioner")
        ordering = ["-first_year"]

    def __str__(self) -> str:
        return f"{self.title} – {self.statement}"

    @classmethod
    def for_year(cls, municipality: Municipality, year: int) -> Vision | None:
        return (
            cls.objects.filter(municipality=municipality, first_year__lte=year)
            .filter(models.Q(last_year__isnull=True) | models.Q(last_year__gte=year))
            .first()
        )


class StrategicArea(DomainModel):
    """A strategic area of the vision; one area is the internal one (the organisation itself)."""

    vision = models.ForeignKey(
        Vision, verbose_name=_("vision"), on_delete=models.CASCADE, related_name="areas"
    )
    title = models.CharField(_("namn"), max_length=160)
    description = models.TextField(_("beskrivning"), blank=True)
    is_internal = models.BooleanField(
        _("internt område"),
        default=False,
        help_text=_("Området gäller kommunens egen organisation, t.ex. attraktiv arbetsgivare."),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("strategiskt område")
        verbose_name_plural = _("strategiska områden")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class Publishable(models.Model):
    is_published = models.BooleanField(
        _("publiceras"),
        default=False,
        help_text=_("Visas i den öppna redovisningen för medborgare när perioden är stängd."),
    )

    class Meta:
        abstract = True


class MunicipalGoal(YearScoped, Publishable):
    """A kommunmål: an effect goal decided by KF, at least one term long, followed by indicators."""

    area = models.ForeignKey(
        StrategicArea,
        verbose_name=_("strategiskt område"),
        on_delete=models.PROTECT,
        related_name="goals",
    )
    number = models.CharField(_("nummer"), max_length=10, blank=True)
    title = models.CharField(_("kommunmål"), max_length=255)
    description = models.TextField(_("beskrivning"), blank=True)
    first_year = models.PositiveSmallIntegerField(_("gäller från år"))
    last_year = models.PositiveSmallIntegerField(_("gäller till och med år"))
    owner = models.ForeignKey(
        Person,
        verbose_name=_("ansvarig"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("kommunmål")
        verbose_name_plural = _("kommunmål")
        ordering = ["year", "area__order", "order", "number"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("goals:goal", args=[self.pk])


class Commitment(YearScoped, Publishable):
    """A nämnd's åtagande towards one or more kommunmål, spanning one or more years."""

    body = models.ForeignKey(
        Body, verbose_name=_("nämnd"), on_delete=models.PROTECT, related_name="commitments"
    )
    goals = models.ManyToManyField(
        MunicipalGoal, verbose_name=_("kommunmål"), related_name="commitments"
    )
    title = models.CharField(_("åtagande"), max_length=255)
    description = models.TextField(_("beskrivning"), blank=True)
    first_year = models.PositiveSmallIntegerField(_("från år"))
    last_year = models.PositiveSmallIntegerField(_("till och med år"))
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("ansvarig förvaltning"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
    )
    owner = models.ForeignKey(
        Person,
        verbose_name=_("ansvarig"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    environment_scan = models.ForeignKey(
        "cycle.EnvironmentScan",
        verbose_name=_("omvärldsanalys som översynen utgick från"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        help_text=_("Nämndens årliga översyn av åtagandena kopplas till omvärldsanalysen."),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("åtagande")
        verbose_name_plural = _("åtaganden")
        ordering = ["year", "body__order", "order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("goals:commitment", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        """A commitment the nämnd has not decided yet (the förvaltning's proposal)."""
        return self.decision_id is None


class StrategicAction(YearScoped):
    """A strategic network's action towards a kommunmål, across förvaltningar; reported to the ledningsgrupp."""

    network = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("strategiskt nätverk"),
        on_delete=models.PROTECT,
        related_name="strategic_actions",
        limit_choices_to={"kind": WorkingGroup.Kind.STRATEGIC_NETWORK},
    )
    goal = models.ForeignKey(
        MunicipalGoal,
        verbose_name=_("kommunmål"),
        on_delete=models.PROTECT,
        related_name="strategic_actions",
    )
    title = models.CharField(_("strategisk åtgärd"), max_length=255)
    description = models.TextField(_("beskrivning"), blank=True)
    units = models.ManyToManyField(
        Unit, verbose_name=_("förvaltningar som deltar"), blank=True, related_name="+"
    )
    responsible = models.ForeignKey(
        Person,
        verbose_name=_("ansvarig"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("slut"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("genomfört (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("strategisk åtgärd")
        verbose_name_plural = _("strategiska åtgärder")
        ordering = ["year", "goal__order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("goals:strategic_action", args=[self.pk])


class FulfilmentThreshold(DomainModel):
    """KF's decision of the share of kommunmål that must be fulfilled for god ekonomisk hushållning."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    share = models.DecimalField(
        _("andel kommunmål som ska vara uppfyllda"),
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    decision = models.ForeignKey(
        Decision, verbose_name=_("beslut"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("krav för god ekonomisk hushållning")
        verbose_name_plural = _("krav för god ekonomisk hushållning")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="unique_threshold_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.share:.0%}"
