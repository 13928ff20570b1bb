"""Goal chain API: the chain of a year, an activity's chain, periods, and writing follow-ups."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.params.functions import Query as query_param

from redthread.core.pagination import YEAR_MAX, YEAR_MIN
from redthread.core.permissions import get_visible_or_404, require
from redthread.cycle.models import ReportingPeriod
from redthread.goals.chain import chain_of
from redthread.goals.evaluation import computed_status, evaluate
from redthread.goals.models import (
    SUBJECT_MODELS,
    Activity,
    Commitment,
    FollowUp,
    Indicator,
    Measure,
    MunicipalGoal,
    Vision,
)
from redthread.goals.periods import planning_year
from redthread.organisation.models import Municipality

API_PREFIX = "/goals/"
router = Router(tags=["goals"])


class TargetOut(Schema):
    year: int
    kind: str
    value: Decimal
    decision: str | None


class ActualOut(Schema):
    period: str
    period_id: int
    value: Decimal | None
    value_women: Decimal | None
    value_men: Decimal | None
    source: str


class MetricOut(Schema):
    id: int
    title: str
    unit: str
    direction: str
    status: str
    targets: list[TargetOut]
    actuals: list[ActualOut]


class ActivityOut(Schema):
    id: int
    title: str
    unit_id: int
    unit: str
    state: str
    progress: int
    status: str


class CommitmentOut(Schema):
    id: int
    title: str
    status: str
    body_id: int
    body: str
    measures: list[MetricOut]
    activities: list[ActivityOut]


class GoalOut(Schema):
    id: int
    title: str
    status: str
    indicators: list[MetricOut]
    commitments: list[CommitmentOut]


class AreaOut(Schema):
    id: int
    title: str
    is_internal: bool
    goals: list[GoalOut]


class VisionOut(Schema):
    id: int
    title: str
    statement: str


class ChainOut(Schema):
    year: int
    period_id: int | None
    period: str | None
    vision: VisionOut | None
    areas: list[AreaOut]


class ChainLinkOut(Schema):
    level: str
    kind: str
    id: int
    title: str


class GoalPeriodOut(Schema):
    id: int
    key: str
    label: str
    kind: str
    year: int
    end_date: dt.date
    opens_on: dt.date
    due_on: dt.date
    state: str


class FollowUpIn(Schema):
    subject: Literal["goal", "indicator", "commitment", "measure", "activity", "strategic_action"]
    subject_id: int
    period_id: int
    status: Literal["green", "yellow", "red", "none"] = "none"
    analysis: str = ""
    forecast: str = ""
    forecast_status: Literal["green", "yellow", "red", "none"] = "none"
    deviation_reason: str = ""
    submit: bool = False
    version: int | None = None


class FollowUpOut(Schema):
    id: int
    subject: str
    subject_id: int
    period_id: int
    status: str
    computed_status: str
    analysis: str
    forecast: str
    state: str
    version: int


def _metric_out(
    metric: Indicator | Measure,
    evaluation: Any,
    targets: dict[Any, list[Any]],
    actuals: dict[Any, list[Any]],
) -> dict[str, Any]:
    key = ("indicator" if isinstance(metric, Indicator) else "measure", metric.pk)
    return {
        "id": metric.pk,
        "title": metric.title,
        "unit": metric.unit_label,
        "direction": metric.direction,
        "status": evaluation.metric(metric).status.value,
        "targets": [
            {
                "year": t.year,
                "kind": t.kind,
                "value": t.value,
                "decision": t.decision.citation if t.decision else None,
            }
            for t in targets.get(key, [])
        ],
        "actuals": [
            {
                "period": a.period.label,
                "period_id": a.period_id,
                "value": a.value,
                "value_women": a.value_women,
                "value_men": a.value_men,
                "source": a.source,
            }
            for a in actuals.get(key, [])
        ],
    }


@router.get("/chain", response=ChainOut, summary="Den röda tråden för ett år")
def chain(
    request: HttpRequest,
    year: int | None = query_param(None, ge=YEAR_MIN, le=YEAR_MAX),
    period: int | None = None,
) -> dict[str, Any]:
    """The vision with its areas, each area's goals with status, indicators (targets and actuals)
    and commitments, each commitment with its body, measures and activities."""
    require(request.user, "goals.view_municipalgoal")
    from redthread.goals.models import Actual, Target

    municipality = Municipality.objects.current()
    year = year or planning_year(municipality)
    periods = ReportingPeriod.objects.filter(municipality=municipality, year=year).exclude(
        state=ReportingPeriod.State.PLANNED
    )
    chosen = (
        periods.filter(pk=period).first()
        if period
        else periods.order_by("-end_date", "kind").first()
    )
    vision = Vision.for_year(municipality, year)
    goals = list(
        MunicipalGoal.objects.filter(
            year=year, area__vision__municipality=municipality
        ).select_related("area")
    )
    indicators = list(Indicator.objects.filter(goal__in=goals))
    commitments = list(
        Commitment.objects.filter(year=year, body__municipality=municipality)
        .select_related("body")
        .prefetch_related("goals")
    )
    measures = list(Measure.objects.filter(commitment__in=commitments))
    activities = list(Activity.objects.filter(commitment__in=commitments).select_related("unit"))
    evaluation = evaluate(
        municipality,
        chosen,
        goals=goals,
        indicators=indicators,
        commitments=commitments,
        measures=measures,
        activity_ids=[a.pk for a in activities],
    )
    targets: dict[Any, list[Any]] = defaultdict(list)
    for t in (
        Target.objects.filter(year=year)
        .filter(indicator__in=indicators)
        .select_related("decision__body")
    ):
        targets[t.metric_key].append(t)
    for t in (
        Target.objects.filter(year=year)
        .filter(measure__in=measures)
        .select_related("decision__body")
    ):
        targets[t.metric_key].append(t)
    actuals: dict[Any, list[Any]] = defaultdict(list)
    for a in Actual.objects.filter(period__year=year, indicator__in=indicators).select_related(
        "period"
    ):
        actuals[a.metric_key].append(a)
    for a in Actual.objects.filter(period__year=year, measure__in=measures).select_related(
        "period"
    ):
        actuals[a.metric_key].append(a)
    indicators_by_goal: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        indicators_by_goal[indicator.goal_id].append(indicator)
    measures_by_commitment: dict[int, list[Measure]] = defaultdict(list)
    for measure in measures:
        measures_by_commitment[measure.commitment_id].append(measure)
    activities_by_commitment: dict[int, list[Activity]] = defaultdict(list)
    for activity in activities:
        activities_by_commitment[activity.commitment_id].append(activity)
    commitments_by_goal: dict[int, list[Commitment]] = defaultdict(list)
    for commitment in commitments:
        for goal in commitment.goals.all():
            commitments_by_goal[goal.pk].append(commitment)

    def commitment_out(c: Commitment) -> dict[str, Any]:
        return {
            "id": c.pk,
            "title": c.title,
            "status": evaluation.commitment_status(c).value,
            "body_id": c.body_id,
            "body": c.body.name,
            "measures": [
                _metric_out(m, evaluation, targets, actuals) for m in measures_by_commitment[c.pk]
            ],
            "activities": [
                {
                    "id": a.pk,
                    "title": a.title,
                    "unit_id": a.unit_id,
                    "unit": a.unit.name,
                    "state": a.state,
                    "progress": a.progress,
                    "status": evaluation.status_of("activity", a.pk).value,
                }
                for a in activities_by_commitment[c.pk]
            ],
        }

    areas: dict[int, dict[str, Any]] = {}
    for goal in goals:
        area = areas.setdefault(
            goal.area_id,
            {
                "id": goal.area_id,
                "title": goal.area.title,
                "is_internal": goal.area.is_internal,
                "goals": [],
                "_order": goal.area.order,
            },
        )
        area["goals"].append(
            {
                "id": goal.pk,
                "title": str(goal),
                "status": evaluation.goal_status(goal).value,
                "indicators": [
                    _metric_out(i, evaluation, targets, actuals)
                    for i in indicators_by_goal[goal.pk]
                ],
                "commitments": [commitment_out(c) for c in commitments_by_goal[goal.pk]],
            }
        )
    return {
        "year": year,
        "period_id": chosen.pk if chosen else None,
        "period": chosen.label if chosen else None,
        "vision": {"id": vision.pk, "title": vision.title, "statement": vision.statement}
        if vision
        else None,
        "areas": sorted(areas.values(), key=lambda a: a.pop("_order")),
    }


@router.get(
    "/activities/{activity_id}/chain",
    response=list[ChainLinkOut],
    summary="En aktivitets röda tråd upp till visionen",
)
def activity_chain(request: HttpRequest, activity_id: int) -> list[dict[str, Any]]:
    activity = get_visible_or_404(
        request.user, Activity.objects.select_related("unit", "commitment__body"), pk=activity_id
    )
    links = []
    for level in reversed(chain_of(activity)):
        for link in level.links:
            links.append(
                {"level": str(level.label), "kind": link.kind, "id": link.id, "title": link.title}
            )
    return links


@router.get("/periods", response=list[GoalPeriodOut], summary="Rapportperioder med läge")
def periods(
    request: HttpRequest, year: int | None = query_param(None, ge=YEAR_MIN, le=YEAR_MAX)
) -> list[dict[str, Any]]:
    require(request.user, "cycle.view_reportingperiod")
    municipality = Municipality.objects.current()
    year = year or planning_year(municipality)
    return [
        {
            "id": p.pk,
            "key": p.key,
            "label": p.label,
            "kind": p.kind,
            "year": p.year,
            "end_date": p.end_date,
            "opens_on": p.opens_on,
            "due_on": p.due_on,
            "state": p.state,
        }
        for p in ReportingPeriod.objects.filter(municipality=municipality, year=year).order_by(
            "end_date", "kind"
        )
    ]


@router.post(
    "/followups", response={200: FollowUpOut, 201: FollowUpOut}, summary="Skriv en uppföljning"
)
def write_followup(request: HttpRequest, payload: FollowUpIn) -> Status[dict[str, Any]]:
    """Create or update the follow-up of one object in one period; ``submit`` sends it in.

    A closed or locked period answers 409; an object outside the user's scope 403; a
    ``version`` older than the stored one 409 with the stored text.
    """
    model = SUBJECT_MODELS[payload.subject]
    subject = get_visible_or_404(request.user, model, pk=payload.subject_id)
    period = get_visible_or_404(request.user, ReportingPeriod, pk=payload.period_id)
    if period.year != getattr(subject, "year", None):
        raise HttpError(
            400, "Perioden hör till ett annat år än objektet. Välj en period för samma år."
        )
    if not period.is_writable:
        raise HttpError(409, f"Perioden {period.label} är stängd och kan inte ändras.")
    followup = FollowUp.objects.filter(period=period, **{payload.subject: subject}).first()
    created = followup is None
    if followup is None:
        followup = FollowUp(period=period, author=request.user, **{payload.subject: subject})  # type: ignore[misc]
        if not request.user.has_perm("goals.add_followup", followup):
            raise PermissionDenied("Du rapporterar inte för det här objektet.")
    else:
        if not request.user.has_perm("goals.change_followup", followup):
            raise PermissionDenied(
                "Du kan inte ändra den här uppföljningen: den är godkänd eller utanför ditt ansvar."
            )
        if payload.version is not None and payload.version != followup.version:
            raise HttpError(
                409,
                f"Uppföljningen har ändrats av någon annan (version {followup.version}). "
                f"Nuvarande analys: {followup.analysis!r}. Hämta den och skriv in din ändring igen.",
            )
    followup.status = payload.status
    followup.analysis = payload.analysis
    followup.forecast = payload.forecast
    followup.forecast_status = payload.forecast_status
    followup.deviation_reason = payload.deviation_reason
    followup.computed_status = computed_status(subject, period)
    if followup.state == FollowUp.State.RETURNED:
        followup.state = FollowUp.State.DRAFT
    with transaction.atomic():
        followup.full_clean()
        followup.save()
        if payload.submit:
            followup.submit()
    return Status(201 if created else 200, _followup_out(followup, payload.subject, subject.pk))


def _followup_out(f: FollowUp, subject: str, subject_id: int) -> dict[str, Any]:
    return {
        "id": f.pk,
        "subject": subject,
        "subject_id": subject_id,
        "period_id": f.period_id,
        "status": f.status,
        "computed_status": f.computed_status,
        "analysis": f.analysis,
        "forecast": f.forecast,
        "state": f.state,
        "version": f.version,
    }
