"""Internal control API: each nämnd's plan for a year, and a nämnd's risks."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.params.functions import Query as query_param

from redthread.control.models import (
    ControlPlan,
    ControlPoint,
    ControlSettings,
    Risk,
    RiskAssessment,
    bodies_with_control,
    plan_status,
)
from redthread.control.scope import visible_bodies
from redthread.core.pagination import YEAR_MAX, YEAR_MIN
from redthread.core.permissions import require
from redthread.organisation.models import Municipality

API_PREFIX = "/control/"
router = Router(tags=["control"])


class ControlDecisionOut(Schema):
    id: int
    date: dt.date
    paragraph: str
    case_number: str
    citation: str


class ControlPeriodOut(Schema):
    id: int
    label: str
    end_date: dt.date
    due_on: dt.date


class ControlPointOut(Schema):
    id: int
    title: str
    description: str
    method: str
    frequency: str
    responsible: str | None
    risk_id: int | None
    common: bool
    report_periods: list[ControlPeriodOut]


class PlanOut(Schema):
    body_id: int
    body: str
    year: int
    plan_id: int | None
    status: str
    status_label: str
    is_late: bool
    deadline: dt.date
    decision: ControlDecisionOut | None
    control_points: list[ControlPointOut]


class RiskOut(Schema):
    id: int
    body_id: int
    title: str
    process: str
    category: str
    year: int | None
    probability: int | None
    consequence: int | None
    value: int | None
    band: str | None
    handling: str | None


def _municipality() -> Municipality:
    return Municipality.objects.current()


def _point(point: ControlPoint) -> ControlPointOut:
    return ControlPointOut(
        id=point.pk,
        title=point.title,
        description=point.description,
        method=point.method,
        frequency=point.frequency,
        responsible=point.responsible.full_name if point.responsible else None,
        risk_id=point.risk_id,
        common=point.is_common,
        report_periods=[
            ControlPeriodOut(id=p.pk, label=p.label, end_date=p.end_date, due_on=p.due_on)
            for p in point.report_periods.all()
        ],
    )


@router.get("/plans", response=list[PlanOut], summary="Nämndernas internkontrollplaner för ett år")
def list_plans(
    request: HttpRequest, year: int | None = query_param(None, ge=YEAR_MIN, le=YEAR_MAX)
) -> list[PlanOut]:
    """Each nämnd's plan with its decision (or none), lateness and control points."""
    require(request.user, "control.open_area")
    m = _municipality()
    year = year or timezone.localdate().year
    settings = ControlSettings.for_municipality(m)
    deadline = settings.plan_deadline(year)
    bodies = visible_bodies(request.user, list(bodies_with_control(m)))
    plans = {
        p.body_id: p
        for p in ControlPlan.objects.filter(body__in=bodies, year=year)
        .select_related("decision__body")
        .prefetch_related(
            Prefetch(
                "points",
                queryset=ControlPoint.objects.select_related("responsible").prefetch_related(
                    "report_periods"
                ),
            )
        )
    }
    result = []
    for body in bodies:
        plan = plans.get(body.pk)
        status = plan_status(plan, deadline)
        decision = plan.decision if plan else None
        result.append(
            PlanOut(
                body_id=body.pk,
                body=body.name,
                year=year,
                plan_id=plan.pk if plan else None,
                status=status.value,
                status_label=str(status.label),
                is_late=status.is_late,
                deadline=deadline,
                decision=ControlDecisionOut(
                    id=decision.pk,
                    date=decision.date,
                    paragraph=decision.paragraph,
                    case_number=decision.case_number,
                    citation=decision.citation,
                )
                if decision
                else None,
                control_points=[_point(p) for p in plan.points.all()] if plan else [],
            )
        )
    return result


@router.get(
    "/risks", response=list[RiskOut], summary="Risker med sannolikhet, konsekvens och riskvärde"
)
def list_risks(
    request: HttpRequest,
    body: int | None = None,
    year: int | None = query_param(None, ge=YEAR_MIN, le=YEAR_MAX),
) -> list[RiskOut]:
    """A nämnd's risks (or all the user reads) with the assessment of ``year``, or the latest."""
    require(request.user, "control.open_area")
    m = _municipality()
    settings = ControlSettings.for_municipality(m)
    if body is not None:
        found = bodies_with_control(m).filter(pk=body).first()
        if found is None or not request.user.has_perm("control.view_risk", found):
            raise Http404
        bodies = [found]
    else:
        bodies = visible_bodies(request.user, list(bodies_with_control(m)))
    assessments = RiskAssessment.objects.order_by("-year")
    if year is not None:
        assessments = assessments.filter(year=year)
    risks = (
        Risk.objects.filter(body__in=bodies)
        .prefetch_related(Prefetch("assessments", queryset=assessments))
        .order_by("body__order", "title")
    )
    result = []
    for risk in risks:
        assessed = list(risk.assessments.all())
        if year is not None and not assessed:
            continue
        a = assessed[0] if assessed else None
        result.append(
            RiskOut(
                id=risk.pk,
                body_id=risk.body_id,
                title=risk.title,
                process=risk.process,
                category=risk.category,
                year=a.year if a else None,
                probability=a.probability if a else None,
                consequence=a.consequence if a else None,
                value=a.value if a else None,
                band=settings.band(a.value).value if a else None,
                handling=a.handling if a else None,
            )
        )
    return result
