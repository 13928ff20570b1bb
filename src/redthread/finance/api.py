"""Finance API: budget per nämnd, budget bridges, the month report, ledger counts, goals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from redthread.core.permissions import require
from redthread.finance import figures
from redthread.finance.ledger_import import ledger_stats
from redthread.finance.models import BudgetChange, BudgetYear, ChangeLine, bridge
from redthread.finance.services import financial_goal_results
from redthread.organisation.models import Body, Decision, Municipality

API_PREFIX = "/finance/"
router = Router(tags=["finance"])


def _municipality() -> Municipality:
    return Municipality.objects.current()


def _budget_year(request: HttpRequest, year: int) -> BudgetYear:
    require(request.user, "finance.view_budgetyear")
    return get_object_or_404(BudgetYear, municipality=_municipality(), year=year)


class BodyBudgetOut(Schema):
    body_id: int
    body: str
    total_budget: int = Field(
        ..., description="Totalbudget: årsbudget plus alla beslutade förändringar."
    )
    frames: dict[int, int] = Field(..., description="Driftram per år (budgetår och planår).")


class BridgeRowOut(Schema):
    change_id: int
    kind: str
    title: str
    decision: str
    date: dt.date
    amount: int
    budget_after: int


class ReportRowOut(Schema):
    body_id: int
    body: str
    total_budget: int
    budget_to_date: int
    actual_to_date: int
    same_period_last_year: int
    deviation: int
    forecast: int | None


class LedgerStatsOut(Schema):
    entries: int
    imports: int


class FinancialGoalOut(Schema):
    id: int
    title: str
    target: Decimal
    actual: Decimal | None
    unit: str
    fulfilled: bool | None
    decision: str


class ChangeLineIn(Schema):
    body_id: int
    amount: int


class ChangeIn(Schema):
    kind: str = Field(
        ...,
        description="appropriation (tilläggsanslag), reallocation (omdisponering) eller carry_over (tilläggsbudget)",
    )
    decision_id: int
    title: str = Field(..., min_length=1, max_length=200)
    description: str = ""
    lines: list[ChangeLineIn] = Field(..., min_length=1)


class ChangeOut(Schema):
    id: int
    kind: str
    title: str
    decision: str
    total: int


@router.get("/budget-years/{year}/bodies", response=list[BodyBudgetOut], summary="Budget per nämnd")
def budget_bodies(request: HttpRequest, year: int) -> list[dict[str, object]]:
    budget_year = _budget_year(request, year)
    totals = budget_year.total_budgets()
    frames = budget_year.frames()
    body_ids = set(totals) | {b for b, _y in frames}
    result = []
    for body in Body.objects.filter(pk__in=body_ids).order_by("order", "name"):
        result.append(
            {
                "body_id": body.pk,
                "body": body.name,
                "total_budget": totals.get(body.pk, 0),
                "frames": {
                    y: frames[(body.pk, y)] for y in budget_year.years if (body.pk, y) in frames
                },
            }
        )
    return result


@router.get(
    "/budget-years/{year}/bodies/{body_id}/bridge",
    response=list[BridgeRowOut],
    summary="Budgetbrygga för en nämnd",
)
def budget_bridge(request: HttpRequest, year: int, body_id: int) -> list[dict[str, object]]:
    budget_year = _budget_year(request, year)
    body = get_object_or_404(Body, pk=body_id, municipality=_municipality())
    return [
        {
            "change_id": row.change.pk,
            "kind": row.change.kind,
            "title": row.change.title,
            "decision": row.change.decision.citation,
            "date": row.date,
            "amount": row.amount,
            "budget_after": row.running,
        }
        for row in bridge(budget_year, body)
    ]


@router.post(
    "/budget-years/{year}/changes", response={201: ChangeOut}, summary="Bokför en budgetförändring"
)
def create_change(request: HttpRequest, year: int, payload: ChangeIn) -> Status[dict[str, object]]:
    budget_year = _budget_year(request, year)
    if not request.user.has_perm("finance.add_budgetchange"):
        raise PermissionDenied("Bara ekonomer bokför budgetförändringar.")
    kinds = {k.value for k in BudgetChange.Kind if k != BudgetChange.Kind.ANNUAL}
    if payload.kind not in kinds:
        raise ValidationError(
            "Typen ska vara appropriation, reallocation eller carry_over; årsbudgeten fastställs på budgetårets sida."
        )
    municipality = _municipality()
    decision = get_object_or_404(Decision, pk=payload.decision_id, body__municipality=municipality)
    bodies = Body.objects.in_bulk([line.body_id for line in payload.lines])
    lines = []
    for line in payload.lines:
        body = bodies.get(line.body_id)
        if body is None or body.municipality_id != municipality.pk:
            raise Http404
        lines.append(ChangeLine(body=body, amount=line.amount))
    change = BudgetChange.book(
        budget_year=budget_year,
        kind=payload.kind,
        decision=decision,
        title=payload.title,
        description=payload.description,
        lines=lines,
    )
    return Status(
        201,
        {
            "id": change.pk,
            "kind": change.kind,
            "title": change.title,
            "decision": decision.citation,
            "total": change.total,
        },
    )


@router.get(
    "/month-report/{year}/{month}", response=list[ReportRowOut], summary="Månadsrapport per nämnd"
)
def month_report(request: HttpRequest, year: int, month: int) -> list[dict[str, object]]:
    require(request.user, "finance.view_budgetyear")
    if not 1 <= month <= 12:
        raise Http404
    report = figures.month_report(_municipality(), year, month)
    return [
        {
            "body_id": row.key,
            "body": row.label,
            "total_budget": row.budget,
            "budget_to_date": row.budget_to_date,
            "actual_to_date": row.actual,
            "same_period_last_year": row.last_year,
            "deviation": row.deviation,
            "forecast": row.forecast,
        }
        for row in report.rows
    ]


@router.get("/ledger/stats", response=LedgerStatsOut, summary="Huvudbokens omfattning")
def ledger_statistics(request: HttpRequest) -> dict[str, int]:
    require(request.user, "finance.view_ledgerimport")
    return ledger_stats(_municipality())


@router.get(
    "/financial-goals/{year}", response=list[FinancialGoalOut], summary="Finansiella mål och utfall"
)
def financial_goals(request: HttpRequest, year: int) -> list[dict[str, object]]:
    require(request.user, "finance.view_financialgoal")
    return financial_goal_results(_municipality(), year)
