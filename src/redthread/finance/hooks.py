"""What finance contributes to shared pages: search and the ekonom's start panel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from redthread.core.registry import register_start_panel
from redthread.core.search import model_search
from redthread.finance.models import BudgetChange, ImportJob, ProjectCode, ResponsibilityCode
from redthread.finance.services import financial_goal_results
from redthread.goals.evaluation import register_financial_goals

register_financial_goals(financial_goal_results)

model_search(
    BudgetChange,
    fields=["title", "description"],
    kind=_("Budgetförändring"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: str(o.decision),
    queryset=lambda: BudgetChange.objects.select_related("decision", "decision__body"),
)
model_search(
    ResponsibilityCode,
    fields=["code", "name"],
    kind=_("Ansvar"),
    url=lambda o: o.get_absolute_url(),
)
model_search(
    ProjectCode,
    fields=["code", "name"],
    kind=_("Projekt (ekonomi)"),
    url=lambda o: o.get_absolute_url(),
)


@register_start_panel(40)
def ledger_panel(request: HttpRequest) -> tuple[str, dict[str, Any]] | None:
    """For the ekonom: imports running or recently refused."""
    if not request.user.has_perm("finance.add_ledgerimport"):
        return None
    jobs = list(
        ImportJob.objects.filter(requested_by_id=request.user.pk).order_by("-created_at")[:3]
    )
    return "finance/_start_panel.html", {"jobs": jobs}
