"""Actions, wherever they come from: deviations, auditors' recommendations, KS's evaluation.

Each has an owner and a due date and is followed up until done.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.control.forms import ActionForm, FollowUpForm
from redthread.control.models import Action, Deviation, Evaluation, Recommendation
from redthread.control.scope import control_scope
from redthread.control.views.common import form_page, municipality, readable_bodies
from redthread.core.permissions import get_visible_or_404, require
from redthread.organisation.models import Body, Person

STATES = {
    "oppna": Q(status__in=[Action.Status.PLANNED, Action.Status.IN_PROGRESS]),
    "klara": Q(status=Action.Status.DONE),
    "alla": Q(),
}


@login_required
def actions(request: HttpRequest) -> HttpResponse:
    """The actions of the nämnder the user reads (and the user's own), open first."""
    require(request.user, "control.open_area")
    m = municipality()
    bodies = readable_bodies(request, m)
    cs = control_scope(request.user)
    visible = Q(body__in=bodies)
    if cs.person_id:
        visible |= Q(owner_id=cs.person_id)
    state = request.GET.get("lage", "oppna")
    if state not in STATES:
        state = "oppna"
    found = Action.objects.filter(visible).filter(STATES[state])
    body_param = request.GET.get("organ", "")
    if body_param.isdigit():
        found = found.filter(body_id=int(body_param))
    mine = request.GET.get("mina") == "1" and cs.person_id is not None
    if mine:
        found = found.filter(owner_id=cs.person_id)
    found = found.select_related("body", "owner").order_by("status", "due_on", "pk")
    page = Paginator(found, 50).get_page(request.GET.get("sida"))
    return render(
        request,
        "control/action_list.html",
        {
            "title": _("Åtgärder"),
            "page": page,
            "bodies": bodies,
            "state": state,
            "selected_body": body_param,
            "mine": mine,
            "today": timezone.localdate(),
        },
    )


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_visible_or_404(
        request.user,
        Action.objects.select_related(
            "body",
            "owner",
            "deviation__result__point__plan__body",
            "deviation__result__period",
            "recommendation__report",
            "evaluation",
        ),
        pk=pk,
    )
    may_follow_up = request.user.has_perm("control.follow_up_action", action)
    return render(
        request,
        "control/action_detail.html",
        {
            "title": action.title,
            "action": action,
            "follow_ups": action.follow_ups.select_related("author"),
            "today": timezone.localdate(),
            "form": FollowUpForm(initial={"status": action.status}) if may_follow_up else None,
            "may_change": request.user.has_perm("control.change_action", action),
        },
    )


@login_required
@require_POST
def action_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_visible_or_404(request.user, Action.objects.select_related("body", "owner"), pk=pk)
    require(request.user, "control.follow_up_action", action)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "control/action_detail.html",
            {
                "title": action.title,
                "action": action,
                "follow_ups": action.follow_ups.select_related("author"),
                "today": timezone.localdate(),
                "form": form,
                "may_change": request.user.has_perm("control.change_action", action),
            },
        )
    person_id = control_scope(request.user).person_id
    action.follow_up(
        status=form.cleaned_data["status"],
        comment=form.cleaned_data["comment"],
        by=Person.objects.filter(pk=person_id).first() if person_id else None,
    )
    messages.success(request, _("Uppföljningen är sparad."))
    return redirect(action)


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_visible_or_404(request.user, Action.objects.select_related("body"), pk=pk)
    require(request.user, "control.change_action", action)
    form = ActionForm(request.POST or None, instance=action, body=action.body)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Åtgärden är ändrad."))
        return redirect(action)
    return form_page(
        request,
        title=_("Ändra åtgärd"),
        form=form,
        back_url=action.get_absolute_url(),
        crumbs=[
            (reverse("control:actions"), _("Åtgärder")),
            (action.get_absolute_url(), action.title),
        ],
    )


def _create(
    request: HttpRequest,
    action: Action,
    body: Body,
    back_url: str,
    crumbs: list[tuple[str, str]],
    check: bool = True,
) -> HttpResponse:
    if check:
        require(request.user, "control.add_action", body)
    form = ActionForm(request.POST or None, instance=action, body=body)
    if request.method == "POST" and form.is_valid():
        action = form.save()
        messages.success(request, _("Åtgärden är registrerad."))
        return redirect(back_url)
    return form_page(
        request,
        title=_("Ny åtgärd"),
        form=form,
        back_url=back_url,
        crumbs=crumbs,
        intro=_(
            "En åtgärd har en ansvarig och ett datum då den ska vara klar. Den följs upp tills den är genomförd."
        ),
    )


@login_required
def deviation_action_create(request: HttpRequest, pk: int) -> HttpResponse:
    deviation = get_visible_or_404(
        request.user, Deviation.objects.select_related("result__point__plan__body"), pk=pk
    )
    body = deviation.result.point.plan.body
    return _create(
        request,
        Action(deviation=deviation, body=body),
        body,
        deviation.get_absolute_url(),
        [(deviation.result.get_absolute_url(), _("Resultat"))],
    )


@login_required
def recommendation_action_create(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_visible_or_404(
        request.user, Recommendation.objects.select_related("report", "body"), pk=pk
    )
    return _create(
        request,
        Action(recommendation=recommendation, body=recommendation.body),
        recommendation.body,
        recommendation.get_absolute_url(),
        [
            (reverse("control:audit_reports"), _("Revisionsrapporter")),
            (recommendation.report.get_absolute_url(), recommendation.report.title),
        ],
    )


@login_required
def evaluation_action_create(request: HttpRequest, year: int) -> HttpResponse:
    """An improvement action of KS's evaluation (the evaluation exists once it has conclusions)."""
    evaluation = get_visible_or_404(
        request.user, Evaluation.objects.filter(municipality=municipality()), year=year
    )
    require(request.user, "control.change_evaluation", evaluation)
    body = evaluation.owner_body
    back = evaluation.get_absolute_url()
    return _create(
        request,
        Action(evaluation=evaluation, body=body),
        body,
        back,
        [(back, _("Utvärdering %(year)s") % {"year": year})],
        check=False,  # improvement actions are KS's: checked as changes to the evaluation
    )
