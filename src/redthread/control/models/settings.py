"""The municipality's internal-control configuration: risk colour bands, step texts, deadlines.

Everything that differs between municipalities is data (DESIGN): the band limits of the risk
value, the names and descriptions of the four probability and consequence steps, the date
by which a nämnd must decide its internkontrollplan, and how many common control points
kommunstyrelsen decides each year. Without a stored row the defaults of Mjölby's
ledningssystem apply.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from redthread.core.models import DomainModel
from redthread.organisation.models import Municipality

LEVELS = (1, 2, 3, 4)
MAX_VALUE = 16


class Band(models.TextChoices):
    """The colour of a risk value, in the same green/yellow/red language as the follow-up."""

    GREEN = "green", _("grön")
    YELLOW = "yellow", _("gul")
    RED = "red", _("röd")

    @property
    def css(self) -> str:
        return f"status-{self.value}"


class Axis(models.TextChoices):
    PROBABILITY = "probability", _("sannolikhet")
    CONSEQUENCE = "consequence", _("konsekvens")


@dataclass(frozen=True)
class Step:
    """One step of a scale, with the description shown where the user picks it."""

    level: int
    name: str | Promise
    description: str | Promise

    @property
    def label(self) -> str:
        return f"{self.level} {self.name}"


DEFAULT_STEPS: dict[str, tuple[Step, ...]] = {
    Axis.PROBABILITY: (
        Step(1, _("Osannolik"), _("Risken är praktiskt taget obefintlig att fel ska uppstå.")),
        Step(2, _("Mindre sannolik"), _("Risken är mycket liten att fel ska uppstå.")),
        Step(3, _("Möjlig"), _("Det finns en möjlig risk att fel ska uppstå.")),
        Step(4, _("Sannolik"), _("Det är mycket troligt att fel ska uppstå.")),
    ),
    Axis.CONSEQUENCE: (
        Step(1, _("Försumbar"), _("Obetydlig för medborgare, kommunen och verksamheten.")),
        Step(2, _("Lindrig"), _("Uppfattas som liten av medborgare, kommunen och verksamheten.")),
        Step(
            3,
            _("Kännbar"),
            _("Uppfattas som besvärande av medborgare, kommunen och verksamheten."),
        ),
        Step(4, _("Allvarlig"), _("Är så stor att fel inte får inträffa.")),
    ),
}


class ControlSettings(DomainModel):
    """How a municipality runs internal control: band limits, plan deadline, common points.

    Default: a risk value of 1-4 is green, 5-8 yellow and 9-16 red; the plan is decided by
    31 January; kommunstyrelsen decides two common control points a year (seed 2.5).
    """

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.CASCADE,
        related_name="control_settings",
    )
    yellow_from = models.PositiveSmallIntegerField(
        _("gul från riskvärde"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(MAX_VALUE)],
    )
    red_from = models.PositiveSmallIntegerField(
        _("röd från riskvärde"),
        default=9,
        validators=[MinValueValidator(2), MaxValueValidator(MAX_VALUE)],
    )
    plan_deadline_month = models.PositiveSmallIntegerField(
        _("planen beslutas senast, månad"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    plan_deadline_day = models.PositiveSmallIntegerField(
        _("planen beslutas senast, dag"),
        default=31,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    common_points_per_year = models.PositiveSmallIntegerField(
        _("gemensamma kontrollmoment per år"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )

    class Meta:
        verbose_name = _("inställningar för internkontroll")
        verbose_name_plural = _("inställningar för internkontroll")

    def __str__(self) -> str:
        return str(_("Internkontroll, %(municipality)s") % {"municipality": self.municipality})

    @classmethod
    def for_municipality(cls, municipality: Municipality) -> ControlSettings:
        """The stored settings, or the defaults (unsaved) when none are stored."""
        found = ControlSettings.objects.filter(municipality=municipality).first()
        return found if found is not None else ControlSettings(municipality=municipality)

    def clean(self) -> None:
        if not 2 <= self.yellow_from < self.red_from <= MAX_VALUE:
            raise ValidationError(
                _(
                    "Gränserna ska vara stigande: gul från ett värde mellan 2 och 15 och röd "
                    "från ett högre värde, högst 16."
                )
            )
        try:
            dt.date(2025, self.plan_deadline_month, self.plan_deadline_day)
        except ValueError:
            raise ValidationError(
                _("Datumet för planbeslutet finns inte. Välj en dag som finns i månaden.")
            ) from None

    def band(self, value: int) -> Band:
        """The colour band of a risk value (probability x consequence)."""
        if value >= self.red_from:
            return Band.RED
        if value >= self.yellow_from:
            return Band.YELLOW
        return Band.GREEN

    def band_ranges(self) -> list[tuple[Band, int, int]]:
        """The bands with their first and last value, for the legend."""
        return [
            (Band.GREEN, 1, self.yellow_from - 1),
            (Band.YELLOW, self.yellow_from, self.red_from - 1),
            (Band.RED, self.red_from, MAX_VALUE),
        ]

    def plan_deadline(self, year: int) -> dt.date:
        """The last day a nämnd may decide its plan for ``year``."""
        return dt.date(year, self.plan_deadline_month, self.plan_deadline_day)

    def steps(self, axis: str) -> tuple[Step, ...]:
        """The four steps of an axis: the municipality's own texts where stored, else defaults."""
        stored = {}
        if self.municipality_id:
            stored = {
                s.level: Step(s.level, s.name, s.description)
                for s in RiskStep.objects.filter(municipality_id=self.municipality_id, axis=axis)
            }
        return tuple(stored.get(step.level, step) for step in DEFAULT_STEPS[axis])


class RiskStep(DomainModel):
    """A municipality's own name and description of one probability or consequence step."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.CASCADE, related_name="risk_steps"
    )
    axis = models.CharField(_("skala"), max_length=12, choices=Axis.choices)
    level = models.PositiveSmallIntegerField(
        _("steg"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    name = models.CharField(_("benämning"), max_length=60)
    description = models.CharField(_("beskrivning"), max_length=255)

    class Meta:
        verbose_name = _("steg i riskskala")
        verbose_name_plural = _("steg i riskskalor")
        ordering = ["axis", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "axis", "level"], name="unique_risk_step"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_axis_display()} {self.level}: {self.name}"
