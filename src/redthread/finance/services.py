"""Finance seen from other apps: the financial goals that feed god ekonomisk hushållning."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from redthread.finance import figures
from redthread.finance.models import FinancialGoal
from redthread.organisation.models import Municipality


def financial_goal_actual(goal: FinancialGoal) -> Decimal | None:
    """The goal's outcome: computed from the ledger for the known measures."""
    if goal.metric == FinancialGoal.Metric.MANUAL:
        return goal.manual_actual
    municipality = goal.municipality
    revenue = -figures.account_totals(municipality, goal.year, prefixes=("80", "82"))
    if revenue <= 0:
        return goal.manual_actual  # no taxes in the ledger yet
    if goal.metric == FinancialGoal.Metric.RESULT_SHARE:
        value = figures.result_to_date(municipality, goal.year)
    else:
        value = figures.net_cost_to_date(municipality, goal.year)
    share = Decimal(value) * 100 / Decimal(revenue)
    return share.quantize(Decimal("0.01"), ROUND_HALF_UP)


def financial_goal_results(municipality: Municipality, year: int) -> list[dict[str, Any]]:
    """Per financial goal KF decided for ``year``: title, target, actual and whether it is met.

    ``actual`` and ``fulfilled`` are ``None`` when there is no outcome yet. Used by the
    goal chain's verdict on god ekonomisk hushållning.
    """
    results = []
    for goal in FinancialGoal.objects.filter(municipality=municipality, year=year).select_related(
        "decision", "decision__body"
    ):
        actual = financial_goal_actual(goal)
        results.append(
            {
                "id": goal.pk,
                "title": goal.title,
                "metric": goal.metric,
                "comparison": goal.comparison,
                "target": goal.target,
                "actual": actual,
                "unit": goal.unit_label,
                "fulfilled": goal.is_fulfilled(actual),
                "decision": goal.decision.citation,
            }
        )
    return results
