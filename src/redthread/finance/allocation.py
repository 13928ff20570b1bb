"""The resource allocation model's computation: proposed frames and their bridges."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from redthread.finance.models import (
    AgeGroup,
    AllocationBridge,
    AllocationModel,
    BudgetYear,
    OperatingFrame,
)
from redthread.finance.models.allocation import population_by_group
from redthread.organisation.models import Body


def base_frames(model: AllocationModel) -> dict[int, int]:
    """Last year's frame per nämnd: its totalbudget if decided, else its driftram."""
    year = model.budget_year - 1
    previous = BudgetYear.objects.filter(municipality=model.municipality, year=year).first()
    if previous is not None:
        totals = previous.total_budgets()
        if totals:
            return totals
    frames = OperatingFrame.objects.filter(
        budget_year__municipality=model.municipality, year=year
    ).order_by("budget_year__year")
    return {f.body_id: f.amount for f in frames}  # the latest budget year's frame wins


@dataclass
class Allocation:
    model: AllocationModel
    years: list[int]
    bridges: dict[int, list[AllocationBridge]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def for_year(self, year: int) -> list[AllocationBridge]:
        return self.bridges.get(year, [])

    def totals(self, year: int) -> AllocationBridge | None:
        rows = self.for_year(year)
        if not rows:
            return None
        return AllocationBridge(
            body=rows[0].body,
            year=year,
            base=sum(r.base for r in rows),
            demography=sum(r.demography for r in rows),
            price_wage=sum(r.price_wage for r in rows),
            grants=sum(r.grants for r in rows),
            rent_capital=sum(r.rent_capital for r in rows),
            priorities=sum(r.priorities for r in rows),
        )


def compute(model: AllocationModel) -> Allocation:
    """Frames for the budget year and the plan years, each year built on the one before."""
    result = Allocation(model=model, years=model.years)
    base = base_frames(model)
    drivers = list(model.drivers.select_related("body", "age_group"))
    adjustments = list(model.adjustments.all())
    rates = {r.year: r.pkv_percent for r in model.rates.all()}
    body_ids = set(base) | {d.body_id for d in drivers} | {a.body_id for a in adjustments}
    bodies = list(Body.objects.filter(pk__in=body_ids).order_by("order", "name"))
    groups = list(AgeGroup.objects.filter(municipality=model.municipality))
    population = population_by_group(
        model.municipality, groups, [model.budget_year - 1, *model.years]
    )
    missing: set[tuple[str, int]] = set()
    adjusted: dict[tuple[int, int, str], int] = defaultdict(int)
    for adjustment in adjustments:
        adjusted[(adjustment.body_id, adjustment.year, adjustment.kind)] += adjustment.amount
    previous = dict(base)
    for year in model.years:
        rows = []
        for body in bodies:
            start = previous.get(body.pk, 0)
            demography = 0
            for driver in drivers:
                if driver.body_id != body.pk:
                    continue
                now = population.get((driver.age_group_id, year))
                before = population.get((driver.age_group_id, year - 1))
                if now is None or before is None:
                    missing.add((driver.age_group.label, year if now is None else year - 1))
                    continue
                demography += driver.effect(now - before)
            pkv = rates.get(year, Decimal(0))
            price_wage = int((Decimal(start) * pkv / 100).quantize(Decimal(1), ROUND_HALF_UP))
            bridge = AllocationBridge(
                body=body,
                year=year,
                base=start,
                demography=demography,
                price_wage=price_wage,
                grants=adjusted[(body.pk, year, "grant")],
                rent_capital=adjusted[(body.pk, year, "rent_capital")],
                priorities=adjusted[(body.pk, year, "priority")],
            )
            rows.append(bridge)
            previous[body.pk] = bridge.proposal
        result.bridges[year] = rows
    for label, year in sorted(missing, key=lambda item: (item[1], item[0])):
        result.warnings.append(
            _("Befolkning saknas för åldersgruppen %(group)s år %(year)s; demografin räknas som 0.")
            % {"group": label, "year": year}
        )
    return result


@dataclass
class ComparisonRow:
    body: Body
    proposals: list[int]

    @property
    def spread(self) -> int:
        return max(self.proposals) - min(self.proposals) if self.proposals else 0


def compare(models: list[AllocationModel], year: int) -> list[ComparisonRow]:
    """Scenarios side by side: each nämnd's proposed frame for ``year`` in each scenario."""
    allocations = [compute(m) for m in models]
    bodies: dict[int, Body] = {}
    values: dict[int, list[int]] = defaultdict(lambda: [0] * len(models))
    for index, allocation in enumerate(allocations):
        for row in allocation.for_year(year):
            bodies[row.body.pk] = row.body
            values[row.body.pk][index] = row.proposal
    ordered = sorted(bodies.values(), key=lambda b: (b.order, b.name))
    return [ComparisonRow(body=b, proposals=values[b.pk]) for b in ordered]
