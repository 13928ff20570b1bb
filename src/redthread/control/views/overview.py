"""The front page, the plan list and kommunstyrelsen's evaluation of the whole."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from redthread.control.forms import EvaluationForm
from redthread.control.models import Action, Evaluation, bodies_with_control
from redthread.control.overview import body_statuses
from redthread.control.scope import control_scope
from redthread.control.views.common import (
    drafting_bodies,
    form_page,
    municipality,
    readable_bodies,
    settings_for,
    year_from,
)
from redthread.core.permissions import require
from redthread.organisation.models import Body, Municipality


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """A year's internal control for the nämnder the user reads, in one table."""
    require(request.user, "control.open_area")
    m = municipality()
    year = year_from(request)
    settings = settings_for(m)
    bodies = readable_bodies(request, m)
    cs = control_scope(request.user)
    mine = []
    if cs.person_id:
        mine = list(
            Action.objects.open()
            .filter(owner_id=cs.person_id)
            .select_related("body")
            .order_by("due_on")[:20]
        )
    return render(
        request,
        "control/index.html",
        {
            "title": _("Internkontroll %(year)s") % {"year": year},
            "year": year,
            "years": range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1),
            "rows": body_statuses(bodies, year, settings),
            "deadline": settings.plan_deadline(year),
            "my_actions": mine,
            "today": timezone.localdate(),
            "may_evaluate": request.user.has_perm("control.view_evaluation", _ks(m)),
        },
    )


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    """Every visible nämnd's plan for the year, with its decision or its lateness."""
    require(request.user, "control.open_area")
    m = municipality()
    year = year_from(request)
    settings = settings_for(m)
    rows = body_statuses(readable_bodies(request, m), year, settings)
    drafting = {b.pk for b in drafting_bodies(request, m)}
    return render(
        request,
        "control/plan_list.html",
        {
            "title": _("Internkontrollplaner %(year)s") % {"year": year},
            "year": year,
            "years": range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1),
            "rows": rows,
            "deadline": settings.plan_deadline(year),
            "may_create": {r.body.pk for r in rows if r.plan is None and r.body.pk in drafting},
        },
    )


def _ks(m: Municipality) -> Body | None:
    return (
        Body.objects.filter(municipality=m, kind=Body.Kind.EXECUTIVE_BOARD)
        .order_by("order")
        .first()
    )


@login_required
def evaluation(request: HttpRequest, year: int) -> HttpResponse:
    """Kommunstyrelsen's view of the whole: every nämnd, in green, yellow and red."""
    m = municipality()
    found = Evaluation.objects.filter(municipality=m, year=year).select_related("decision").first()
    ks = _ks(m)
    require(request.user, "control.view_evaluation", found or ks)
    settings = settings_for(m)

    rows = body_statuses(list(bodies_with_control(m)), year, settings)
    actions = (
        list(found.actions.select_related("owner").order_by("due_on")) if found is not None else []
    )
    return render(
        request,
        "control/evaluation.html",
        {
            "title": _("Kommunstyrelsens utvärdering av internkontrollen %(year)s")
            % {"year": year},
            "year": year,
            "evaluation": found,
            "rows": rows,
            "deadline": settings.plan_deadline(year),
            "actions": actions,
            "today": timezone.localdate(),
            "may_change": request.user.has_perm("control.change_evaluation", found or ks),
        },
    )


@login_required
def evaluation_edit(request: HttpRequest, year: int) -> HttpResponse:
    m = municipality()
    found = Evaluation.objects.filter(municipality=m, year=year).first()
    ks = _ks(m)
    require(request.user, "control.view_evaluation", found or ks)
    require(request.user, "control.change_evaluation", found or ks)
    instance = found or Evaluation(municipality=m, year=year)
    form = EvaluationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Utvärderingen är sparad."))
        return redirect("control:evaluation", year=year)
    back = reverse("control:evaluation", args=[year])
    return form_page(
        request,
        title=_("Slutsatser %(year)s") % {"year": year},
        form=form,
        back_url=back,
        crumbs=[
            (reverse("control:index") + f"?ar={year}", _("Internkontroll")),
            (back, _("Utvärdering %(year)s") % {"year": year}),
        ],
        intro=_(
            "Kommunstyrelsen utvärderar kommunens samlade internkontroll och föreslår "
            "förbättringar. Skriv slutsatserna och ange kommunstyrelsens beslut när det finns."
        ),
    )
