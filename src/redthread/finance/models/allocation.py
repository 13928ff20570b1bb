"""Resursfördelningsmodellen (seed 2.6.2): proposed frames per nämnd with a visible bridge.

Last year's frame, then demography (population per age group × coverage × cost per
person), pris- och lönekompensation (PKV), state grants, rent and capital cost changes,
and political priorities. Each scenario is one ``AllocationModel``; scenarios for the
same budget year are compared side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redthread.core.formatting import kr
from redthread.core.models import DomainModel
from redthread.organisation.models import Body, Decision, Municipality


class AgeGroup(DomainModel):
    """An age group of the model, e.g. 1–5 år (förskola) or 80 år och äldre."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(_("åldersgrupp"), max_length=60)
    min_age = models.PositiveSmallIntegerField(_("från ålder"))
    max_age = models.PositiveSmallIntegerField(
        _("till och med ålder"), null=True, blank=True, help_text=_("Tomt: och äldre.")
    )

    class Meta:
        verbose_name = _("åldersgrupp")
        verbose_name_plural = _("åldersgrupper")
        ordering = ["min_age"]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("finance:population")

    def contains(self, age: int) -> bool:
        return age >= self.min_age and (self.max_age is None or age <= self.max_age)


class PopulationFigure(DomainModel):
    """Folkmängd by single year of age (or the total when a file has no ages), per year."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    age = models.PositiveSmallIntegerField(
        _("ålder"), null=True, blank=True, help_text=_("Tomt: alla åldrar.")
    )
    count = models.PositiveIntegerField(_("antal"))
    is_forecast = models.BooleanField(_("prognos"), default=False)
    source = models.CharField(_("källa"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("folkmängd")
        verbose_name_plural = _("folkmängd")
        ordering = ["year", "age"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "age", "is_forecast"],
                name="unique_population_age",
            ),
            models.UniqueConstraint(
                fields=["municipality", "year", "is_forecast"],
                condition=models.Q(age__isnull=True),
                name="unique_population_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.age if self.age is not None else '–'}: {self.count}"

    def get_absolute_url(self) -> str:
        return reverse("finance:population")


def population_by_group(
    municipality: Municipality, groups: list[AgeGroup], years: list[int]
) -> dict[tuple[int, int], int]:
    """(group id, year) -> people: actual figures where they exist, else the forecast."""
    actual: dict[tuple[int, int], int] = {}
    forecast: dict[tuple[int, int], int] = {}
    for fig in PopulationFigure.objects.filter(
        municipality=municipality, year__in=years, age__isnull=False
    ):
        target = forecast if fig.is_forecast else actual
        for group in groups:
            if group.contains(fig.age or 0):
                key = (group.pk, fig.year)
                target[key] = target.get(key, 0) + fig.count
    years_with_actual = {year for (_g, year) in actual}
    result = dict(actual)
    for key, value in forecast.items():
        if key[1] not in years_with_actual:
            result[key] = value
    return result


class AllocationModel(DomainModel):
    """One scenario of the resource allocation model for a budget year and its plan years."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    budget_year = models.PositiveSmallIntegerField(_("budgetår"))
    name = models.CharField(_("scenario"), max_length=120)
    description = models.TextField(_("beskrivning"), blank=True)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("beslut om ramarna"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_illustrative = models.BooleanField(_("illustrativt exempel"), default=False)

    class Meta:
        verbose_name = _("resursfördelningsmodell")
        verbose_name_plural = _("resursfördelningsmodeller")
        ordering = ["-budget_year", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.budget_year})"

    def get_absolute_url(self) -> str:
        return reverse("finance:allocation", args=[self.pk])

    @property
    def years(self) -> list[int]:
        return [self.budget_year + i for i in range(4)]


class AllocationYear(DomainModel):
    """Pris- och lönekompensation for one year of a scenario (e.g. SKR's PKV)."""

    model = models.ForeignKey(
        AllocationModel, verbose_name=_("scenario"), on_delete=models.CASCADE, related_name="rates"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    pkv_percent = models.DecimalField(
        _("pris- och lönekompensation (%)"), max_digits=5, decimal_places=2
    )

    class Meta:
        verbose_name = _("pris- och lönekompensation")
        verbose_name_plural = _("pris- och lönekompensation")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["model", "year"], name="unique_allocation_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.pkv_percent} %"

    def get_absolute_url(self) -> str:
        return reverse("finance:allocation", args=[self.model_id])


class DemographicDriver(DomainModel):
    """Cost per person in an age group for an activity of a nämnd, and its coverage rate."""

    model = models.ForeignKey(
        AllocationModel,
        verbose_name=_("scenario"),
        on_delete=models.CASCADE,
        related_name="drivers",
    )
    body = models.ForeignKey(Body, verbose_name=_("nämnd"), on_delete=models.PROTECT)
    activity = models.CharField(_("verksamhet"), max_length=120)
    age_group = models.ForeignKey(
        AgeGroup, verbose_name=_("åldersgrupp"), on_delete=models.PROTECT, related_name="+"
    )
    coverage_percent = models.DecimalField(
        _("täckningsgrad (%)"), max_digits=5, decimal_places=2, default=Decimal(100)
    )
    cost_per_person = models.BigIntegerField(_("kostnad per person och år"))

    class Meta:
        verbose_name = _("demografisk faktor")
        verbose_name_plural = _("demografiska faktorer")
        ordering = ["body__order", "activity"]

    def __str__(self) -> str:
        return f"{self.activity} ({self.age_group}): {kr(self.cost_per_person)}"

    def get_absolute_url(self) -> str:
        return reverse("finance:allocation", args=[self.model_id])

    def effect(self, change_in_people: int) -> int:
        value = Decimal(change_in_people) * self.coverage_percent / 100 * self.cost_per_person
        return int(value.quantize(Decimal(1), ROUND_HALF_UP))


class AllocationAdjustment(DomainModel):
    """A state grant, a rent or capital cost change, or a political priority for a nämnd."""

    class Kind(models.TextChoices):
        GRANT = "grant", _("statsbidrag")
        RENT_CAPITAL = "rent_capital", _("hyres- och kapitalkostnader")
        PRIORITY = "priority", _("prioritering eller verksamhetsförändring")

    model = models.ForeignKey(
        AllocationModel,
        verbose_name=_("scenario"),
        on_delete=models.CASCADE,
        related_name="adjustments",
    )
    body = models.ForeignKey(Body, verbose_name=_("nämnd"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("år"))
    kind = models.CharField(_("typ"), max_length=12, choices=Kind.choices)
    description = models.CharField(_("beskrivning"), max_length=200)
    amount = models.BigIntegerField(_("belopp"), help_text=_("Ökar ramen; negativt minskar."))

    class Meta:
        verbose_name = _("justering i resursfördelningen")
        verbose_name_plural = _("justeringar i resursfördelningen")
        ordering = ["year", "body__order", "kind"]

    def __str__(self) -> str:
        return f"{self.year} {self.body.label}: {self.description} {kr(self.amount)}"

    def get_absolute_url(self) -> str:
        return reverse("finance:allocation", args=[self.model_id])


@dataclass
class AllocationBridge:
    """From last year's frame to the proposal for one nämnd and year."""

    body: Body
    year: int
    base: int
    demography: int
    price_wage: int
    grants: int
    rent_capital: int
    priorities: int

    @property
    def proposal(self) -> int:
        return (
            self.base
            + self.demography
            + self.price_wage
            + self.grants
            + self.rent_capital
            + self.priorities
        )

    @property
    def change(self) -> int:
        return self.proposal - self.base
