"""Figures the follow-up reads: budget, outcome, last year, forecast, per nämnd and verksamhet.

Everything here reads the monthly aggregates (``LedgerSummary``), never the
transactions, so a report costs the same with five thousand or five million of them.
Amounts are whole kronor; net cost is positive (costs minus revenues, as in the ledger).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Max, Q, Sum
from django.utils.translation import gettext as _

from redthread.cycle.models import ReportingPeriod, month_end
from redthread.finance.models import (
    BudgetLine,
    BudgetYear,
    Forecast,
    InternalCharge,
    LedgerBalance,
    LedgerSummary,
    ResponsibilityCode,
)
from redthread.finance.models.budget import MONTH_FIELDS
from redthread.finance.models.structure import OPERATING_CLASSES, RESULT_CLASSES
from redthread.organisation.models import Body, Municipality

FINANCING = -1  # the key of the finansförvaltning's row
UNMAPPED = 0  # the key of ansvar not mapped to a nämnd


def kronor(ore: int) -> int:
    return int((Decimal(ore) / 100).to_integral_value())


def responsibility_bodies(municipality: Municipality) -> dict[str, int]:
    """ansvar code -> body id, ``FINANCING`` or ``UNMAPPED``."""
    result: dict[str, int] = {}
    for code, body_id, financing in ResponsibilityCode.objects.filter(
        municipality=municipality
    ).values_list("code", "body_id", "is_financing"):
        result[code] = FINANCING if financing else (body_id or UNMAPPED)
    return result


def actual_by_responsibility(
    municipality: Municipality,
    year: int,
    month: int,
    classes: tuple[int, ...] = RESULT_CLASSES,
    group_by_activity: bool = False,
) -> dict[tuple[str, str], int]:
    """Outcome in öre per (ansvar, verksamhet) for January to ``month`` of ``year``."""
    fields = ["responsibility", "activity"] if group_by_activity else ["responsibility"]
    rows = (
        LedgerSummary.objects.filter(
            municipality_id=municipality.pk,
            kind="actual",
            year=year,
            month__lte=month,
            account_class__in=classes,
        )
        .values(*fields)
        .annotate(total=Sum("amount_ore"))
    )
    return {
        (row["responsibility"], row.get("activity", "")): int(row["total"] or 0) for row in rows
    }


def last_month_with_data(municipality: Municipality, year: int) -> int:
    """The latest month of ``year`` the ledger has outcome for (0 when none)."""
    last = LedgerSummary.objects.filter(
        municipality_id=municipality.pk, kind="actual", year=year
    ).aggregate(last=Max("month"))["last"]
    return int(last or 0)


@dataclass
class ReportRow:
    """One nämnd (or the finansförvaltning) in the month report."""

    key: int
    label: str
    body: Body | None = None
    budget: int = 0  # totalbudget for the year
    budget_to_date: int = 0
    actual: int = 0
    last_year: int = 0
    forecast: int | None = None
    forecast_comment: str = ""
    internal_charges: int = 0

    @property
    def deviation(self) -> int:
        """Budget to date minus outcome to date: positive is under budget."""
        return self.budget_to_date - self.actual

    @property
    def forecast_deviation(self) -> int | None:
        return None if self.forecast is None else self.budget - self.forecast

    @property
    def used_share(self) -> Decimal | None:
        return Decimal(self.actual) / self.budget if self.budget else None

    @property
    def status(self) -> str:
        reference = self.forecast_deviation if self.forecast is not None else self.deviation
        if not self.budget:
            return "none"
        if reference is None:
            return "none"
        if reference >= 0:
            return "green"
        return "yellow" if -reference <= abs(self.budget) * Decimal("0.01") else "red"


@dataclass
class MonthReport:
    year: int
    month: int
    rows: list[ReportRow] = field(default_factory=list)
    financing: ReportRow | None = None
    unmapped: ReportRow | None = None
    forecast_period: ReportingPeriod | None = None
    has_ledger: bool = False

    @property
    def totals(self) -> ReportRow:
        total = ReportRow(key=0, label=_("Summa nämnder"))
        for row in self.rows:
            total.budget += row.budget
            total.budget_to_date += row.budget_to_date
            total.actual += row.actual
            total.last_year += row.last_year
            total.internal_charges += row.internal_charges
            if row.forecast is not None:
                total.forecast = (total.forecast or 0) + row.forecast
        return total


def budget_to_date(
    budget_year: BudgetYear | None, month: int, totals: dict[int, int], key: str = "body_id"
) -> dict[int, int]:
    """Budget for January to ``month`` per body: the detail budget's profile, else linear."""
    if budget_year is None:
        return {}
    fields = {f"m{m:02d}": Sum(name) for m, name in enumerate(MONTH_FIELDS, start=1)}
    profile: dict[int, tuple[int, int]] = {}
    for row in BudgetLine.objects.filter(budget_year=budget_year).values(key).annotate(**fields):
        months = [int(row[f"m{m:02d}"] or 0) for m in range(1, 13)]
        profile[row[key]] = (sum(months[:month]), sum(months))
    result = {}
    for body_id, total in totals.items():
        part, whole = profile.get(body_id, (0, 0))
        if whole:
            result[body_id] = int(Decimal(total) * part / whole)
        else:
            result[body_id] = int(Decimal(total) * month / 12)
    return result


def latest_forecast_period(
    municipality: Municipality, year: int, month: int
) -> ReportingPeriod | None:
    """The latest forecast round up to the month that has forecasts in it."""
    period_id = (
        Forecast.objects.filter(
            period__municipality=municipality,
            period__year=year,
            period__kind=ReportingPeriod.Kind.FORECAST,
            period__end_date__lte=month_end(year, month),
        )
        .order_by("-period__end_date")
        .values_list("period_id", flat=True)
        .first()
    )
    return ReportingPeriod.objects.filter(pk=period_id).first() if period_id else None


def month_report(municipality: Municipality, year: int, month: int) -> MonthReport:
    """Per nämnd: totalbudget, budget and outcome to date, same period last year, forecast."""
    report = MonthReport(year=year, month=month)
    mapping = responsibility_bodies(municipality)
    budget_year = BudgetYear.objects.filter(municipality=municipality, year=year).first()
    totals = budget_year.total_budgets() if budget_year else {}
    to_date = budget_to_date(budget_year, month, totals)
    actual: dict[int, int] = defaultdict(int)
    for (code, _a), ore in actual_by_responsibility(municipality, year, month).items():
        actual[mapping.get(code, UNMAPPED)] += ore
    last: dict[int, int] = defaultdict(int)
    for (code, _a), ore in actual_by_responsibility(municipality, year - 1, month).items():
        last[mapping.get(code, UNMAPPED)] += ore
    report.has_ledger = bool(actual)
    period = latest_forecast_period(municipality, year, month)
    report.forecast_period = period
    forecasts = {}
    if period is not None:
        forecasts = {
            f.body_id: f for f in Forecast.objects.filter(period=period, activity__isnull=True)
        }
    charges = dict(
        InternalCharge.objects.filter(municipality=municipality, year=year, month__lte=month)
        .values_list("body_id")
        .annotate(total=Sum("amount"))
        .values_list("body_id", "total")
    )
    body_ids = set(totals) | {k for k in actual if k > 0} | {k for k in last if k > 0}
    bodies = Body.objects.filter(pk__in=body_ids).order_by("order", "name")
    for body in bodies:
        forecast = forecasts.get(body.pk)
        report.rows.append(
            ReportRow(
                key=body.pk,
                label=body.name,
                body=body,
                budget=totals.get(body.pk, 0),
                budget_to_date=to_date.get(body.pk, 0),
                actual=kronor(actual.get(body.pk, 0)),
                last_year=kronor(last.get(body.pk, 0)),
                forecast=forecast.amount if forecast else None,
                forecast_comment=forecast.comment if forecast else "",
                internal_charges=int(charges.get(body.pk) or 0),
            )
        )
    if FINANCING in actual or FINANCING in last:
        report.financing = ReportRow(
            key=FINANCING,
            label=_("Finansförvaltningen (skatter, statsbidrag, finansnetto)"),
            actual=kronor(actual.get(FINANCING, 0)),
            last_year=kronor(last.get(FINANCING, 0)),
        )
    if UNMAPPED in actual or UNMAPPED in last:
        report.unmapped = ReportRow(
            key=UNMAPPED,
            label=_("Ansvar som inte är kopplade till någon nämnd"),
            actual=kronor(actual.get(UNMAPPED, 0)),
            last_year=kronor(last.get(UNMAPPED, 0)),
        )
    return report


@dataclass
class ActivityRow:
    code: str
    label: str
    budget: int = 0
    budget_to_date: int = 0
    actual: int = 0
    last_year: int = 0
    forecast: int | None = None
    comment: str = ""

    @property
    def deviation(self) -> int:
        return self.budget_to_date - self.actual


def body_report(municipality: Municipality, body: Body, year: int, month: int) -> list[ActivityRow]:
    """The nämnd's month report per verksamhet."""
    from redthread.finance.models import ActivityCode

    codes = {
        code for code, body_id in responsibility_bodies(municipality).items() if body_id == body.pk
    }
    rows: dict[str, ActivityRow] = {}

    def row(code: str) -> ActivityRow:
        if code not in rows:
            rows[code] = ActivityRow(code=code, label="")
        return rows[code]

    for (resp, activity), ore in actual_by_responsibility(
        municipality, year, month, group_by_activity=True
    ).items():
        if resp in codes:
            row(activity).actual += kronor(ore)
    for (resp, activity), ore in actual_by_responsibility(
        municipality, year - 1, month, group_by_activity=True
    ).items():
        if resp in codes:
            row(activity).last_year += kronor(ore)
    budget_year = BudgetYear.objects.filter(municipality=municipality, year=year).first()
    if budget_year is not None:
        fields = {name: Sum(name) for name in MONTH_FIELDS}
        for values in (
            BudgetLine.objects.filter(budget_year=budget_year, body=body)
            .values("activity__code")
            .annotate(**fields)
        ):
            line: dict[str, Any] = dict(values)
            months = [int(line[name] or 0) for name in MONTH_FIELDS]
            target = row(line["activity__code"])
            target.budget += sum(months)
            target.budget_to_date += sum(months[:month])
    period = latest_forecast_period(municipality, year, month)
    if period is not None:
        for forecast in Forecast.objects.filter(
            period=period, body=body, activity__isnull=False
        ).select_related("activity"):
            target = row(forecast.activity.code)  # type: ignore[union-attr]
            target.forecast = forecast.amount
            target.comment = forecast.comment
    names = dict(
        ActivityCode.objects.filter(municipality=municipality, code__in=rows).values_list(
            "code", "name"
        )
    )
    for code, item in rows.items():
        item.label = names.get(code) or (code or _("Utan verksamhet"))
    return sorted(rows.values(), key=lambda r: r.code)


def account_totals(
    municipality: Municipality, year: int, month: int = 12, prefixes: tuple[str, ...] = ()
) -> int:
    """Outcome in whole kronor on the accounts starting with ``prefixes``."""
    condition = Q()
    for prefix in prefixes:
        condition |= Q(account__startswith=prefix)
    total = (
        LedgerBalance.objects.filter(
            condition,
            municipality_id=municipality.pk,
            kind="actual",
            year=year,
            month__lte=month,
        ).aggregate(total=Sum("amount_ore"))["total"]
        or 0
    )
    return kronor(int(total))


def result_to_date(municipality: Municipality, year: int, month: int = 12) -> int:
    """Årets resultat so far: revenues minus costs (classes 3-8), positive is a surplus."""
    total = (
        LedgerSummary.objects.filter(
            municipality_id=municipality.pk,
            kind="actual",
            year=year,
            month__lte=month,
            account_class__in=RESULT_CLASSES,
        ).aggregate(total=Sum("amount_ore"))["total"]
        or 0
    )
    return -kronor(int(total))


def net_cost_to_date(municipality: Municipality, year: int, month: int = 12) -> int:
    """Verksamhetens nettokostnad: classes 3-7."""
    total = (
        LedgerSummary.objects.filter(
            municipality_id=municipality.pk,
            kind="actual",
            year=year,
            month__lte=month,
            account_class__in=OPERATING_CLASSES,
        ).aggregate(total=Sum("amount_ore"))["total"]
        or 0
    )
    return kronor(int(total))


def monthly_result(municipality: Municipality, year: int) -> dict[int, int]:
    """Result per month (not cumulative), positive is a surplus."""
    rows = (
        LedgerSummary.objects.filter(
            municipality_id=municipality.pk,
            kind="actual",
            year=year,
            account_class__in=RESULT_CLASSES,
        )
        .values("month")
        .annotate(total=Sum("amount_ore"))
    )
    return {row["month"]: -kronor(int(row["total"] or 0)) for row in rows}
