"""Risks and their yearly assessments: the nämnd's risk analysis (seed 2.5).

A risk belongs to a nämnd (and optionally to the part of the förvaltning it concerns) and
names the process or routine at risk. Each year it is assessed again: probability and
consequence 1-4, the risk value is their product, and the nämnd decides whether the risk
goes into the internkontrollplan, is accepted, or is handled by other actions. Earlier
years' assessments are kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.organisation.models import Body, Unit

if TYPE_CHECKING:
    from redthread.control.models.settings import Band, ControlSettings

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]


class Risk(DomainModel):
    """A risk that something in a nämnd's operations goes wrong, in a named process or routine."""

    class Category(models.TextChoices):
        EXTERNAL = "external", _("omvärld")
        OPERATIONS = "operations", _("verksamhet")
        LEGAL = "legal", _("legal")
        IT = "it", _("IT")
        REPORTING = "reporting", _("rapportering")

    body = models.ForeignKey(
        Body, verbose_name=_("nämnd"), on_delete=models.PROTECT, related_name="risks"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("förvaltning eller enhet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risks",
    )
    title = models.CharField(_("risk"), max_length=200)
    process = models.CharField(
        _("process eller rutin"),
        max_length=200,
        help_text=_("Den process eller rutin som risken gäller, t.ex. fakturahantering."),
    )
    description = models.TextField(_("beskrivning"), blank=True)
    category = models.CharField(_("kategori"), max_length=12, choices=Category.choices)
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risker")
        ordering = ["body__order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("control:risk", args=[self.pk])

    @property
    def owner_body(self) -> Body:
        return self.body

    def clean(self) -> None:
        if self.unit_id and self.body_id:
            serving = Unit.objects.filter(serves=self.body_id).values_list("path", flat=True)
            unit = Unit.objects.get(pk=self.unit_id)
            if not any(unit.path.startswith(path) for path in serving):
                raise ValidationError(
                    {"unit": _("Välj en del av en förvaltning som arbetar åt nämnden.")}
                )

    def assessment_for(self, year: int) -> RiskAssessment | None:
        return self.assessments.filter(year=year).first()


class RiskAssessmentQuerySet(models.QuerySet["RiskAssessment"]):
    def for_year(self, year: int) -> RiskAssessmentQuerySet:
        return self.filter(year=year)


class RiskAssessment(DomainModel):
    """One year's assessment of a risk, and the nämnd's decision about how to handle it."""

    class Handling(models.TextChoices):
        UNDECIDED = "undecided", _("inte beslutat")
        PLAN = "plan", _("kontrolleras i internkontrollplanen")
        ACCEPTED = "accepted", _("accepteras")
        OTHER_ACTIONS = "other_actions", _("hanteras genom andra åtgärder")

    risk = models.ForeignKey(
        Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    probability = models.PositiveSmallIntegerField(_("sannolikhet"), validators=LEVEL_VALIDATORS)
    consequence = models.PositiveSmallIntegerField(_("konsekvens"), validators=LEVEL_VALIDATORS)
    motivation = models.TextField(_("motivering av bedömningen"), blank=True)
    handling = models.CharField(
        _("hantering"), max_length=16, choices=Handling.choices, default=Handling.UNDECIDED
    )
    handling_reason = models.TextField(_("skäl för hanteringen"), blank=True)
    assessed_on = models.DateField(_("bedömd"), default=timezone.localdate)

    objects = RiskAssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("riskbedömning")
        verbose_name_plural = _("riskbedömningar")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["risk", "year"], name="unique_risk_assessment_year"),
            models.CheckConstraint(
                condition=Q(probability__gte=1, probability__lte=4)
                & Q(consequence__gte=1, consequence__lte=4),
                name="risk_levels_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.risk} {self.year}: {self.probability} × {self.consequence} = {self.value}"

    def get_absolute_url(self) -> str:
        return self.risk.get_absolute_url()

    @property
    def owner_body(self) -> Body:
        return self.risk.body

    @property
    def value(self) -> int:
        """The risk value: probability x consequence, 1-16."""
        return int(self.probability) * int(self.consequence)

    def band(self, settings: ControlSettings) -> Band:
        return settings.band(self.value)

    def clean(self) -> None:
        needs_reason = (self.Handling.ACCEPTED, self.Handling.OTHER_ACTIONS)
        if self.handling in needs_reason and not self.handling_reason.strip():
            raise ValidationError(
                {
                    "handling_reason": _(
                        "Skriv skälet till att risken accepteras eller hanteras på annat sätt."
                    )
                }
            )
