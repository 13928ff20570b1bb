"""Per-nämnd figures of a year's internal control, in a fixed number of queries.

The same figures serve the front page (a nämnd's own people), the plan list and
kommunstyrelsen's evaluation: plan decided on time, control points, controls done of those
due, deviations, open actions, and the risk picture, each in the green/yellow/red language
of the follow-up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone

from redthread.control.models import (
    Action,
    ControlPlan,
    ControlPoint,
    ControlResult,
    ControlSettings,
    Deviation,
    PlanStatus,
    RiskAssessment,
    plan_status,
)
from redthread.organisation.models import Body

GREEN, YELLOW, RED, NONE = "status-green", "status-yellow", "status-red", "status-none"
ORDER = {NONE: 0, GREEN: 1, YELLOW: 2, RED: 3}


@dataclass
class BodyStatus:
    """One nämnd's internal control in a year."""

    body: Body
    plan: ControlPlan | None
    plan_status: PlanStatus
    points: int = 0
    common_points: int = 0
    due: int = 0
    done: int = 0
    deviations: int = 0
    serious_deviations: int = 0
    open_actions: int = 0
    overdue_actions: int = 0
    risks: int = 0
    red_risks: int = 0

    @property
    def plan_css(self) -> str:
        return self.plan_status.css

    @property
    def done_css(self) -> str:
        if not self.due:
            return NONE
        if self.done >= self.due:
            return GREEN
        return YELLOW if self.done * 2 >= self.due else RED

    @property
    def deviations_css(self) -> str:
        if self.serious_deviations:
            return RED
        return YELLOW if self.deviations else GREEN if self.due else NONE

    @property
    def actions_css(self) -> str:
        if self.overdue_actions:
            return RED
        return YELLOW if self.open_actions else GREEN if self.due else NONE

    @property
    def overall_css(self) -> str:
        """The worst of plan, controls done and actions: one colour for the nämnd."""
        parts = [self.plan_css, self.done_css, self.actions_css]
        return max(parts, key=lambda css: ORDER[css])


def body_statuses(
    bodies: list[Body], year: int, settings: ControlSettings, today: dt.date | None = None
) -> list[BodyStatus]:
    """The figures of each of ``bodies`` for ``year``; about eight queries however many."""
    today = today or timezone.localdate()
    deadline = settings.plan_deadline(year)
    plans = {
        p.body_id: p
        for p in ControlPlan.objects.filter(body__in=bodies, year=year).select_related(
            "decision__body"
        )
    }
    rows = {
        b.pk: BodyStatus(
            body=b, plan=plans.get(b.pk), plan_status=plan_status(plans.get(b.pk), deadline, today)
        )
        for b in bodies
    }
    by_plan = {p.pk: rows[p.body_id] for p in plans.values()}
    plan_ids = list(by_plan)
    for points in (
        ControlPoint.objects.filter(plan_id__in=plan_ids)
        .order_by()
        .values("plan_id")
        .annotate(n=Count("pk"), common=Count("common_source"))
    ):
        by_plan[points["plan_id"]].points = points["n"]
        by_plan[points["plan_id"]].common_points = points["common"]
    through = ControlPoint.report_periods.through
    for due in (
        through.objects.filter(
            controlpoint__plan_id__in=plan_ids, reportingperiod__due_on__lt=today
        )
        .order_by()
        .values("controlpoint__plan_id")
        .annotate(n=Count("pk"))
    ):
        by_plan[due["controlpoint__plan_id"]].due = due["n"]
    for done in (
        ControlResult.objects.filter(
            point__plan_id__in=plan_ids,
            period__due_on__lt=today,
            outcome=ControlResult.Outcome.DONE,
        )
        .order_by()
        .values("point__plan_id")
        .annotate(n=Count("pk"))
    ):
        by_plan[done["point__plan_id"]].done = done["n"]
    for dev in (
        Deviation.objects.filter(result__point__plan_id__in=plan_ids)
        .order_by()
        .values("result__point__plan_id")
        .annotate(n=Count("pk"), serious=Count("pk", filter=Q(severity=Deviation.Severity.SERIOUS)))
    ):
        row = by_plan[dev["result__point__plan_id"]]
        row.deviations, row.serious_deviations = dev["n"], dev["serious"]
    for act in (
        Action.objects.open()
        .filter(deviation__result__point__plan_id__in=plan_ids)
        .order_by()
        .values("deviation__result__point__plan_id")
        .annotate(n=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    ):
        row = by_plan[act["deviation__result__point__plan_id"]]
        row.open_actions, row.overdue_actions = act["n"], act["overdue"]
    for risk in (
        RiskAssessment.objects.filter(risk__body__in=bodies, year=year)
        .annotate(risk_value=F("probability") * F("consequence"))
        .order_by()
        .values("risk__body_id")
        .annotate(n=Count("pk"), red=Count("pk", filter=Q(risk_value__gte=settings.red_from)))
    ):
        row = rows[risk["risk__body_id"]]
        row.risks, row.red_risks = risk["n"], risk["red"]
    return [rows[b.pk] for b in bodies]
