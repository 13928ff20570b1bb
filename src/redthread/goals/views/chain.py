"""The red thread read from the top (overview, goal, nämnd) and from the bottom (an activity's chain)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from redthread.core.permissions import get_visible_or_404, require
from redthread.goals import charts
from redthread.goals.chain import chain_of
from redthread.goals.evaluation import evaluate, stewardship_verdict
from redthread.goals.models import (
    Activity,
    Commitment,
    FollowUp,
    Indicator,
    Measure,
    MunicipalGoal,
    StrategicAction,
    Vision,
)
from redthread.goals.periods import GOAL_PERIODS, focus_period, requested_year
from redthread.organisation.models import Body, Municipality


def _frame(
    request: HttpRequest, *, closed_only: bool = False, prefer: tuple[str, ...] = GOAL_PERIODS
) -> dict[str, Any]:
    municipality = Municipality.objects.current()
    year = requested_year(request, municipality)
    period, periods = focus_period(
        request, municipality, year, closed_only=closed_only, prefer=prefer
    )
    return {"municipality": municipality, "year": year, "period": period, "periods": periods}


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Vision -> areas -> kommunmål with status, and the verdict on god ekonomisk hushållning."""
    require(request.user, "goals.view_municipalgoal")
    frame = _frame(request)
    context = overview_context(frame, published_only=False)
    return render(request, "goals/overview.html", {**frame, **context, "title": _("Röda tråden")})


SENT = (FollowUp.State.SUBMITTED, FollowUp.State.APPROVED)


def overview_context(frame: dict[str, Any], *, published_only: bool) -> dict[str, Any]:
    municipality, year, period = frame["municipality"], frame["year"], frame["period"]
    vision = Vision.for_year(municipality, year)
    goals_qs = (
        MunicipalGoal.objects.filter(year=year, area__vision__municipality=municipality)
        .select_related("area")
        .annotate(commitment_count=Count("commitments", distinct=True))
    )
    if published_only:
        goals_qs = goals_qs.filter(is_published=True)
    goals = list(goals_qs)
    indicators = list(Indicator.objects.filter(goal__in=goals))
    evaluation = evaluate(municipality, period, goals=goals, indicators=indicators)
    verdict = stewardship_verdict(municipality, year, period, evaluation, goals)
    areas: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for goal in goals:
        followup = evaluation.followup("goal", goal.pk)
        areas[goal.area].append(
            {
                "goal": goal,
                "status": evaluation.goal_status(goal),
                "rollup": evaluation.goal_rollups.get(goal.pk),
                "analysis": followup.analysis if followup and followup.state in SENT else "",
            }
        )
    status_counts: dict[str, int] = defaultdict(int)
    for items in areas.values():
        for item in items:
            status_counts[item["status"]] += 1
    return {
        "vision": vision,
        "areas": sorted(areas.items(), key=lambda pair: (pair[0].order, pair[0].title)),
        "verdict": verdict,
        "status_counts": dict(status_counts),
        "goal_count": len(goals),
    }


@login_required
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_visible_or_404(
        request.user,
        MunicipalGoal.objects.select_related("area__vision", "owner", "decision__body"),
        pk=pk,
    )
    frame = _frame(request)
    frame["year"] = goal.year
    municipality = frame["municipality"]
    period = frame["period"] if frame["period"] and frame["period"].year == goal.year else None
    if period is None:
        period, frame["periods"] = focus_period(
            request, municipality, goal.year, prefer=GOAL_PERIODS
        )
        frame["period"] = period
    indicators = list(goal.indicators.select_related("owner"))
    commitments = list(
        goal.commitments.select_related("body", "unit").order_by("body__order", "order")
    )
    measures = list(Measure.objects.filter(commitment__in=commitments))
    evaluation = evaluate(
        municipality,
        period,
        goals=[goal],
        indicators=indicators,
        commitments=commitments,
        measures=measures,
    )
    by_body: dict[Body, list[dict[str, Any]]] = defaultdict(list)
    for commitment in commitments:
        by_body[commitment.body].append(
            {"commitment": commitment, "status": evaluation.commitment_status(commitment)}
        )
    return render(
        request,
        "goals/goal_detail.html",
        {
            **frame,
            "title": str(goal),
            "goal": goal,
            "status": evaluation.goal_status(goal),
            "rollup": evaluation.goal_rollups.get(goal.pk),
            "followup": evaluation.followup("goal", goal.pk),
            "indicators": [(i, evaluation.metric(i)) for i in indicators],
            "by_body": list(by_body.items()),
            "strategic_actions": goal.strategic_actions.select_related("network", "responsible"),
            "may_follow_up": period is not None
            and request.user.has_perm("goals.add_followup", goal),
        },
    )


def _metric_page(
    request: HttpRequest, metric: Indicator | Measure, template: str, extra: dict[str, Any]
) -> HttpResponse:
    frame = _frame(request)
    municipality = frame["municipality"]
    period, periods = focus_period(request, municipality, metric.year, prefer=GOAL_PERIODS)
    evaluation = evaluate(
        municipality,
        period,
        indicators=[metric] if isinstance(metric, Indicator) else [],
        measures=[metric] if isinstance(metric, Measure) else [],
    )
    history = charts.metric_history(metric)
    field = "indicator" if isinstance(metric, Indicator) else "measure"
    followups = [
        f
        for f in FollowUp.objects.filter(**{f"{field}__lineage": metric.lineage}).select_related(
            "period"
        )
        if request.user.has_perm("goals.view_followup", f)
    ]
    return render(
        request,
        template,
        {
            **frame,
            "year": metric.year,
            "period": period,
            "periods": periods,
            "title": metric.title,
            "metric": metric,
            "state": evaluation.metric(metric),
            "chart": history.chart,
            "history": history,
            "followups": sorted(followups, key=lambda f: f.period.end_date, reverse=True),
            "chain": chain_of(metric),
            "may_follow_up": period is not None
            and request.user.has_perm("goals.add_followup", metric),
            **extra,
        },
    )


@login_required
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_visible_or_404(
        request.user, Indicator.objects.select_related("goal__area__vision", "owner"), pk=pk
    )
    return _metric_page(request, indicator, "goals/indicator_detail.html", {})


@login_required
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_visible_or_404(
        request.user, Measure.objects.select_related("commitment__body", "unit", "owner"), pk=pk
    )
    return _metric_page(request, measure, "goals/measure_detail.html", {})


@login_required
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_visible_or_404(
        request.user,
        Commitment.objects.select_related(
            "body", "unit", "owner", "decision__body", "environment_scan"
        ),
        pk=pk,
    )
    municipality = Municipality.objects.current()
    period, periods = focus_period(request, municipality, commitment.year, prefer=GOAL_PERIODS)
    measures = list(commitment.measures.select_related("unit", "owner"))
    activities = list(
        commitment.activities.select_related("unit", "responsible").order_by("unit__order", "title")
    )
    evaluation = evaluate(
        municipality,
        period,
        commitments=[commitment],
        measures=measures,
        activity_ids=[a.pk for a in activities],
    )
    by_unit: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for activity in activities:
        followup = evaluation.followup("activity", activity.pk)
        if followup is not None and not request.user.has_perm("goals.view_followup", followup):
            followup = None
        by_unit[activity.unit].append({"activity": activity, "followup": followup})
    return render(
        request,
        "goals/commitment_detail.html",
        {
            "title": commitment.title,
            "commitment": commitment,
            "year": commitment.year,
            "period": period,
            "periods": periods,
            "goals": commitment.goals.select_related("area"),
            "status": evaluation.commitment_status(commitment),
            "rollup": evaluation.commitment_rollups.get(commitment.pk),
            "followup": evaluation.followup("commitment", commitment.pk),
            "measures": [(m, evaluation.metric(m)) for m in measures],
            "by_unit": list(by_unit.items()),
            "may_follow_up": period is not None
            and request.user.has_perm("goals.add_followup", commitment),
            "may_edit": request.user.has_perm("goals.change_commitment", commitment),
        },
    )


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_visible_or_404(
        request.user,
        Activity.objects.select_related("unit", "responsible", "plan", "commitment__body"),
        pk=pk,
    )
    followups = [
        f
        for f in activity.followups.select_related("period", "author").order_by("-period__end_date")
        if request.user.has_perm("goals.view_followup", f)
    ]
    return render(
        request,
        "goals/activity_detail.html",
        {
            "title": activity.title,
            "activity": activity,
            "chain": chain_of(activity),
            "followups": followups,
            "may_edit": request.user.has_perm("goals.change_activity", activity),
        },
    )


@login_required
def strategic_action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_visible_or_404(
        request.user,
        StrategicAction.objects.select_related("network__reports_to", "goal__area", "responsible"),
        pk=pk,
    )
    return render(
        request,
        "goals/strategic_action_detail.html",
        {
            "title": action.title,
            "action": action,
            "units": action.units.all(),
            "chain": chain_of(action),
            "followups": [
                f
                for f in action.followups.select_related("period").order_by("-period__end_date")
                if request.user.has_perm("goals.view_followup", f)
            ],
        },
    )


@login_required
def body_goals(request: HttpRequest, pk: int) -> HttpResponse:
    """A nämnd's page: its åtaganden with status, and whether its material is ready."""
    body = get_visible_or_404(request.user, Body, pk=pk)
    frame = _frame(request)
    municipality, year, period = frame["municipality"], frame["year"], frame["period"]
    commitments = list(
        Commitment.objects.filter(body=body, year=year)
        .select_related("unit", "owner")
        .prefetch_related(
            Prefetch("goals", queryset=MunicipalGoal.objects.only("id", "number", "title"))
        )
        .annotate(activity_count=Count("activities", distinct=True))
    )
    measures = list(Measure.objects.filter(commitment__in=commitments).select_related("unit"))
    evaluation = evaluate(municipality, period, commitments=commitments, measures=measures)
    measures_by_commitment: dict[int, list[Any]] = defaultdict(list)
    for measure in measures:
        measures_by_commitment[measure.commitment_id].append((measure, evaluation.metric(measure)))
    rows = [
        {
            "commitment": c,
            "status": evaluation.commitment_status(c),
            "followup": evaluation.followup("commitment", c.pk),
            "measures": measures_by_commitment.get(c.pk, []),
        }
        for c in commitments
    ]
    sent = [evaluation.followup("commitment", c.pk) for c in commitments]
    ready = bool(sent) and all(f is not None and f.state in SENT for f in sent)
    return render(
        request,
        "goals/body_goals.html",
        {
            **frame,
            "title": _("%(body)s: åtaganden %(year)s") % {"body": body, "year": year},
            "body": body,
            "rows": rows,
            "ready": ready,
        },
    )


@login_required
def chain_view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The whole chain from any activity, measure or strategic action up to the vision."""
    models = {
        "aktivitet": Activity,
        "matt": Measure,
        "indikator": Indicator,
        "atagande": Commitment,
    }
    model = models.get(kind)
    if model is None:
        from django.http import Http404

        raise Http404
    obj = get_visible_or_404(request.user, model, pk=pk)
    return render(
        request,
        "goals/chain.html",
        {"title": _("Den röda tråden"), "object": obj, "chain": chain_of(obj)},
    )
