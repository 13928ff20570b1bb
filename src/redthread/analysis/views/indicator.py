"""An indicator's comparison with the analysis note written beside it.

The note is the analysis of the indicator's follow-up for the chosen period (``FollowUp``
in the goal chain), so it flows into the follow-up round and the reports; writing it follows
the goal chain's rules (``goals.add_followup`` / ``goals.change_followup``, never in a closed
period, a second writer sees a conflict instead of overwriting).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from redthread.analysis.feed import plan
from redthread.analysis.forms import AnalysisNoteForm
from redthread.analysis.views.kpi import comparison_for, comparison_frame
from redthread.core.permissions import get_visible_or_404, require
from redthread.cycle.models import ReportingPeriod
from redthread.goals.chain import chain_of
from redthread.goals.evaluation import computed_status
from redthread.goals.models import FollowUp, Indicator
from redthread.goals.periods import GOAL_PERIODS
from redthread.organisation.models import Municipality


def note_periods(indicator: Indicator, municipality: Municipality) -> list[ReportingPeriod]:
    """The periods kommunmål and their indicators are followed up in: delår and helår."""
    return list(
        ReportingPeriod.objects.filter(
            municipality=municipality, year=indicator.year, kind__in=GOAL_PERIODS
        ).order_by("end_date", "kind")
    )


def chosen_period(value: str, periods: list[ReportingPeriod]) -> ReportingPeriod | None:
    """The period asked for; else the latest that has started while it takes writes, else the
    next one that does (the note is written for it), else the latest that has started."""
    if value.isdigit():
        for period in periods:
            if period.pk == int(value):
                return period
    started = [p for p in periods if p.state != ReportingPeriod.State.PLANNED]
    latest = started[-1] if started else None
    if latest is not None and latest.is_writable:
        return latest
    later = [
        p for p in periods if p.is_writable and (latest is None or p.end_date > latest.end_date)
    ]
    if later:
        return later[0]
    return latest or (periods[-1] if periods else None)


@login_required
def indicator_analysis(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_visible_or_404(
        request.user, Indicator.objects.select_related("goal__area__vision", "owner"), pk=pk
    )
    municipality = Municipality.objects.current()
    periods = note_periods(indicator, municipality)
    period = chosen_period(request.POST.get("period") or request.GET.get("period", ""), periods)
    followup = (
        FollowUp.objects.filter(period=period, indicator=indicator).select_related("author").first()
        if period
        else None
    )
    if request.method == "POST":
        return _save_note(request, indicator, period, followup)
    return _render(request, indicator, municipality, periods, period, followup, None)


def _may_write(
    user: Any, indicator: Indicator, period: ReportingPeriod | None, followup: FollowUp | None
) -> bool:
    if period is None:
        return False
    if followup is None:
        candidate = FollowUp(period=period, indicator=indicator, author=user)
        return bool(user.has_perm("goals.add_followup", candidate))
    return bool(user.has_perm("goals.change_followup", followup))


def _render(
    request: HttpRequest,
    indicator: Indicator,
    municipality: Municipality,
    periods: list[ReportingPeriod],
    period: ReportingPeriod | None,
    followup: FollowUp | None,
    form: AnalysisNoteForm | None,
    status: int = 200,
    mine: str = "",
) -> HttpResponse:
    frame = comparison_frame(request, municipality)
    comparison = (
        comparison_for(indicator.kolada_kpi, municipality, frame, indicator)
        if indicator.kolada_kpi
        else None
    )
    may_write = _may_write(request.user, indicator, period, followup)
    visible = (
        followup if followup and request.user.has_perm("goals.view_followup", followup) else None
    )
    if form is None and may_write:
        form = AnalysisNoteForm(instance=followup)
    proposals = plan(municipality, [indicator])
    return render(
        request,
        "analysis/indicator.html",
        {
            **frame,
            "title": _("Jämförelse och analys: %(indicator)s") % {"indicator": indicator.title},
            "indicator": indicator,
            "chain": chain_of(indicator),
            "comparison": comparison,
            "chart": comparison.chart() if comparison else None,
            "periods": periods,
            "period": period,
            "followup": visible,
            "form": form,
            "may_write": may_write,
            "mine": mine,
            "proposals": proposals,
            "may_decide": any(
                p.pending and request.user.has_perm("analysis.change_pendingvalue", p.pending)
                for p in proposals
            ),
        },
        status=status,
    )


def _save_note(
    request: HttpRequest,
    indicator: Indicator,
    period: ReportingPeriod | None,
    followup: FollowUp | None,
) -> HttpResponse:
    if period is None:
        messages.error(
            request,
            _("Det finns ingen delårs- eller helårsperiod för %(year)s att skriva analysen i.")
            % {"year": indicator.year},
        )
        return redirect("analysis:indicator", indicator.pk)
    municipality = Municipality.objects.current()
    periods = note_periods(indicator, municipality)
    if followup is None:
        followup = FollowUp(period=period, indicator=indicator, author=request.user)  # type: ignore[misc]
        require(request.user, "goals.add_followup", followup)
    else:
        require(request.user, "goals.change_followup", followup)
    posted_version = request.POST.get("version", "")
    if followup.pk and posted_version.isdigit() and int(posted_version) != followup.version:
        form = AnalysisNoteForm({"analysis": followup.analysis}, instance=followup)
        form.is_valid()
        form.add_error(
            None,
            _(
                "Någon annan har ändrat analysen medan du skrev. Deras text står i fältet; "
                "din text står under det. Kopiera det du vill behålla och spara igen."
            ),
        )
        return _render(
            request,
            indicator,
            municipality,
            periods,
            period,
            followup,
            form,
            409,
            mine=request.POST.get("analysis", ""),
        )
    form = AnalysisNoteForm(request.POST, instance=followup)
    if not form.is_valid():
        return _render(request, indicator, municipality, periods, period, followup, form, 400)
    try:
        with transaction.atomic():
            note = form.save(commit=False)
            if not note.pk:
                note.computed_status = computed_status(indicator, period)
            if note.state == FollowUp.State.RETURNED:
                note.state = FollowUp.State.DRAFT
            note.full_clean()
            note.save()
    except ValidationError as error:
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return _render(request, indicator, municipality, periods, period, followup, form, 400)
    messages.success(
        request,
        _("Analysen för %(period)s är sparad i uppföljningen.") % {"period": period.label},
    )
    query: dict[str, str | int] = {"period": period.pk}
    if request.GET.get("grupp"):
        query["grupp"] = request.GET["grupp"]
    return redirect(reverse("analysis:indicator", args=[indicator.pk]) + "?" + urlencode(query))
