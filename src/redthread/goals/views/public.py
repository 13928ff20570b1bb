"""The open account for citizens: the published goal chain of closed periods, no login."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from redthread.goals.evaluation import evaluate
from redthread.goals.models import FollowUp, MunicipalGoal, Vision
from redthread.goals.periods import GOAL_PERIODS, focus_period, requested_year
from redthread.goals.views.chain import overview_context
from redthread.organisation.models import Municipality


def public_overview(request: HttpRequest) -> HttpResponse:
    municipality = Municipality.objects.current()
    year = requested_year(request, municipality)
    period, periods = focus_period(
        request, municipality, year, closed_only=True, prefer=GOAL_PERIODS
    )
    frame = {"municipality": municipality, "year": year, "period": period, "periods": periods}
    context = (
        overview_context(frame, published_only=True)
        if period
        else {"areas": [], "vision": Vision.for_year(municipality, year)}
    )
    return render(
        request,
        "goals/public_overview.html",
        {
            **frame,
            **context,
            "title": _("Så går det för kommunen"),
            "years": _years_with_closed(municipality),
        },
    )


def _years_with_closed(municipality: Municipality) -> list[int]:
    from redthread.cycle.models import ReportingPeriod

    return sorted(
        set(
            ReportingPeriod.objects.filter(municipality=municipality)
            .closed()
            .values_list("year", flat=True)
        ),
        reverse=True,
    )


def public_goal(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = Municipality.objects.current()
    goal = get_object_or_404(
        MunicipalGoal.objects.select_related("area__vision"),
        pk=pk,
        is_published=True,
        area__vision__municipality=municipality,
    )
    period, periods = focus_period(
        request, municipality, goal.year, closed_only=True, prefer=GOAL_PERIODS
    )
    if period is None:
        raise Http404
    indicators = list(goal.indicators.filter(is_published=True))
    commitments = list(
        goal.commitments.filter(is_published=True).select_related("body").order_by("body__order")
    )
    evaluation = evaluate(
        municipality,
        period,
        goals=[goal],
        indicators=indicators,
        commitments=commitments,
        measures=[],
    )
    followup = evaluation.followup("goal", goal.pk)
    if followup is not None and followup.state not in (
        FollowUp.State.SUBMITTED,
        FollowUp.State.APPROVED,
    ):
        followup = None
    by_body: dict[Any, list[Any]] = defaultdict(list)
    for commitment in commitments:
        by_body[commitment.body].append((commitment, evaluation.commitment_status(commitment)))
    return render(
        request,
        "goals/public_goal.html",
        {
            "title": str(goal),
            "goal": goal,
            "year": goal.year,
            "period": period,
            "periods": periods,
            "status": evaluation.goal_status(goal),
            "followup": followup,
            "indicators": [(i, evaluation.metric(i)) for i in indicators],
            "by_body": list(by_body.items()),
        },
    )
