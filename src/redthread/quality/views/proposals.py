"""Förbättringsförslag: submit, follow round the wheel, and the figures per förvaltning."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from redthread.core.forms import invalid_status, save_versioned
from redthread.core.permissions import get_visible_or_404, require
from redthread.organisation.models import Assignment, Unit
from redthread.quality.accounting import proposal_statistics
from redthread.quality.forms import MoveForm, ProposalEditForm, ProposalForm, move_form
from redthread.quality.models import (
    OPEN_STAGES,
    TRANSITIONS,
    WHEEL,
    ImprovementProposal,
    Stage,
)
from redthread.quality.rules import may_make
from redthread.quality.views.common import add_errors, crumbs, municipality, posted, year_of

PAGE_SIZE = 25


def _crumbs() -> list[tuple[str, str]]:
    return crumbs(("quality:proposals", _("Förbättringsförslag")))


def _proposal(request: HttpRequest, pk: int) -> ImprovementProposal:
    proposal: ImprovementProposal = get_visible_or_404(
        request.user,
        ImprovementProposal.objects.select_related(
            "unit", "process", "goal", "survey", "owner", "submitted_by"
        ),
        pk=pk,
        unit__municipality=municipality(),
    )
    return proposal


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    """Every proposal, filtered by stage, förvaltning and the user's own."""
    require(request.user, "quality.view_improvementproposal")
    m = municipality()
    proposals = ImprovementProposal.objects.filter(unit__municipality=m).select_related(
        "unit", "owner"
    )
    stage = request.GET.get("steg", "")
    if stage == "oppna":
        proposals = proposals.filter(stage__in=OPEN_STAGES)
    elif stage in Stage.values:
        proposals = proposals.filter(stage=stage)
    administrations = list(Unit.objects.filter(municipality=m, parent__isnull=True))
    administration = next(
        (u for u in administrations if str(u.pk) == request.GET.get("forvaltning")), None
    )
    if administration is not None:
        proposals = proposals.filter(unit__path__startswith=administration.path)
    person = request.user.scope.person_id  # type: ignore[union-attr]
    mine = request.GET.get("mina") == "1" and person is not None
    if mine:
        proposals = proposals.filter(Q(owner_id=person) | Q(submitted_by_id=person))
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("sida"))
    wheel = {
        s: n
        for s, n in ImprovementProposal.objects.filter(unit__municipality=m, stage__in=OPEN_STAGES)
        .values_list("stage")
        .order_by()
        .annotate(n=Count("pk"))
    }
    return render(
        request,
        "quality/proposal_list.html",
        {
            "title": _("Förbättringsförslag"),
            "page": page,
            "stage": stage,
            "stages": Stage.choices,
            "administrations": administrations,
            "administration": administration,
            "mine": mine,
            "wheel": [(Stage(s), wheel.get(s, 0)) for s in (Stage.NEW, *WHEEL)],
            "may_add": request.user.has_perm("quality.add_improvementproposal"),
            "crumbs": [],
        },
    )


def _home_unit(request: HttpRequest) -> int | None:
    person = getattr(request.user, "scope", None)
    person_id = person.person_id if person else None
    if person_id is None:
        return None
    assignment = Assignment.objects.current().filter(person_id=person_id).order_by("pk").first()
    return assignment.unit_id if assignment else None


@login_required
def proposal_create(request: HttpRequest) -> HttpResponse:
    """Any employee submits an idea; it lands with the manager of the unit it concerns."""
    require(request.user, "quality.add_improvementproposal")
    m = municipality()
    form = ProposalForm(
        posted(request),
        initial={"unit": _home_unit(request), "process": request.GET.get("process")},
        municipality=m,
        year=year_of(request, m),
    )
    if request.method == "POST" and form.is_valid():
        proposal = form.save(commit=False)
        proposal.submitted_by_id = request.user.scope.person_id  # type: ignore[union-attr]
        proposal.save()
        messages.success(
            request,
            _("Tack! Förslaget är lämnat till %(unit)s. Chefen tar ställning till det.")
            % {"unit": proposal.unit},
        )
        return redirect(proposal)
    return render(
        request,
        "quality/form.html",
        {"title": _("Lämna ett förbättringsförslag"), "form": form, "crumbs": _crumbs()},
        status=invalid_status(form) if request.method == "POST" else 200,
    )


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    moves = [
        move_form(proposal=proposal, key=t.key)
        for t in proposal.available()
        if may_make(request.user, proposal, t)
    ]
    return render(
        request,
        "quality/proposal_detail.html",
        _detail_context(request, proposal, moves),
    )


def _detail_context(
    request: HttpRequest, proposal: ImprovementProposal, moves: list[MoveForm]
) -> dict[str, Any]:
    return {
        "title": proposal.title,
        "proposal": proposal,
        "events": list(proposal.events.select_related("by")),
        "wheel": WHEEL,
        "moves": moves,
        "may_change": request.user.has_perm("quality.change_improvementproposal", proposal),
        "crumbs": _crumbs(),
    }


@login_required
def proposal_move(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """One move round the wheel (POST); the detail page shows the forms."""
    proposal = _proposal(request, pk)
    transition = TRANSITIONS.get(key)
    if transition is None:
        raise Http404
    if request.method != "POST":
        return redirect(proposal)
    if not may_make(request.user, proposal, transition):
        if proposal.stage not in transition.sources:
            messages.error(
                request,
                _("Förslaget har redan flyttats till steget %(stage)s. Se hur det ser ut nu.")
                % {"stage": proposal.get_stage_display()},
            )
            return redirect(proposal)
        raise PermissionDenied
    form = move_form(request.POST, proposal=proposal, key=key)
    if form.is_valid():
        data = form.cleaned_data
        try:
            proposal.move(
                key,
                by=request.user,
                note=data.get("note", ""),
                owner=data.get("owner"),
                **{k: data[k] for k in ("plan", "result", "effect", "standard") if k in data},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Förslaget är nu i steget %(stage)s.") % {"stage": proposal.get_stage_display()},
            )
            return redirect(proposal)
    proposal.refresh_from_db()
    moves = [
        form if t.key == key else move_form(proposal=proposal, key=t.key)
        for t in proposal.available()
        if may_make(request.user, proposal, t)
    ]
    return render(
        request,
        "quality/proposal_detail.html",
        _detail_context(request, proposal, moves),
        status=400,
    )


@login_required
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    require(request.user, "quality.change_improvementproposal", proposal)
    m = municipality()
    form = ProposalEditForm(
        posted(request), instance=proposal, municipality=m, year=year_of(request, m)
    )
    if request.method == "POST" and form.is_valid() and save_versioned(form) is not None:
        messages.success(request, _("Förslaget är ändrat."))
        return redirect(proposal)
    return render(
        request,
        "quality/form.html",
        {
            "title": _("Ändra förbättringsförslag"),
            "form": form,
            "crumbs": [*_crumbs(), (proposal.get_absolute_url(), proposal.title)],
        },
        status=invalid_status(form) if request.method == "POST" else 200,
    )


@login_required
def proposal_statistics_page(request: HttpRequest) -> HttpResponse:
    """Per förvaltning: submitted, on the wheel, adopted, declined, with a described effect."""
    require(request.user, "quality.view_improvementproposal")
    m = municipality()
    year = year_of(request, m)
    rows, total = proposal_statistics(m, year)
    return render(
        request,
        "quality/proposal_statistics.html",
        {
            "title": _("Förbättringsförslag per förvaltning"),
            "year": year,
            "years": range(year - 3, year + 2),
            "rows": rows,
            "total": total,
            "crumbs": _crumbs(),
        },
    )
