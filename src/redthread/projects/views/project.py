"""One project: its page, starting it, changing it, and the decisions at its tollgates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from redthread.core.permissions import get_visible_or_404, require
from redthread.organisation.models import Municipality
from redthread.projects.forms import ProjectForm, TollgateDecisionForm, TollgatePlanForm
from redthread.projects.models import Project, Tollgate

OUT_OF_REACH = gettext_lazy(
    "Du kan starta projekt i enheter du leder, eller där du själv har en roll i projektet. "
    "Välj en annan ansvarig enhet eller ange dig själv som projektledare."
)


def visible_project(request: HttpRequest, pk: int) -> Project:
    project: Project = get_visible_or_404(
        request.user,
        Project.objects.for_portfolio()
        .select_related("sponsor", "model")
        .prefetch_related("steering_members__person", "risks__owner", "effect_goals"),
        pk=pk,
        municipality=Municipality.objects.current(),
    )
    return project


def _changeable(request: HttpRequest, pk: int) -> Project:
    project = visible_project(request, pk)
    require(request.user, "projects.change_project", project)
    return project


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = visible_project(request, pk)
    today = timezone.localdate()
    may_change = request.user.has_perm("projects.change_project", project)
    upcoming = project.next_tollgate
    reports = sorted(
        project.status_reports.all(), key=lambda r: (r.reported_on, r.pk), reverse=True
    )
    return render(
        request,
        "projects/detail.html",
        {
            "title": project.name,
            "project": project,
            "tollgates": project.ordered_tollgates(),
            "next_tollgate": upcoming,
            "late": project.late_tollgates(today),
            "latest": reports[0] if reports else None,
            "reports": reports,
            "risks": list(project.risks.all()),
            "effect_goals": list(project.effect_goals.all()),
            "steering": [m.person for m in project.steering_members.all()],
            "may_change": may_change,
            "today": today,
        },
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    require(request.user, "projects.add_project")
    municipality = Municipality.objects.current()
    initial: dict[str, Any] = {}
    scope = getattr(request.user, "scope", None)
    if scope is not None and scope.person_id:
        initial["manager"] = scope.person_id
    form = ProjectForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        municipality=municipality,
    )
    if request.method == "POST" and form.is_valid():
        if not request.user.has_perm("projects.add_project", form.instance):
            form.add_error(None, OUT_OF_REACH)
            return render(
                request,
                "projects/form.html",
                {"title": _("Nytt projekt"), "form": form, "project": None},
            )
        project = form.save()
        messages.success(
            request,
            _("Projektet %(name)s är startat i fasen %(phase)s.")
            % {"name": project.name, "phase": project.phase},
        )
        return redirect(project)
    return render(
        request, "projects/form.html", {"title": _("Nytt projekt"), "form": form, "project": None}
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _changeable(request, pk)
    form = ProjectForm(
        request.POST if request.method == "POST" else None,
        instance=project,
        municipality=project.municipality,
    )
    if request.method == "POST" and form.is_valid():
        moved = "unit" in form.changed_data
        if moved and not request.user.has_perm("projects.change_project", form.instance):
            form.add_error(None, OUT_OF_REACH)
        else:
            form.save()
            messages.success(request, _("Projektet är ändrat."))
            return redirect(project)
    return render(
        request,
        "projects/form.html",
        {"title": _("Ändra projekt"), "form": form, "project": project},
    )


@login_required
def tollgate(request: HttpRequest, pk: int, order: int) -> HttpResponse:
    """A tollgate, and the decision at it: pass, skip by a formal decision, or stop."""
    project = visible_project(request, pk)
    gate = next((t for t in project.ordered_tollgates() if t.order == order), None)
    if gate is None:
        raise Http404
    gate.project = project
    may_change = request.user.has_perm("projects.change_tollgate", gate)
    form = None
    if gate.is_pending and may_change:
        form = TollgateDecisionForm(
            request.POST if request.method == "POST" else None,
            tollgate=gate,
            initial={
                "outcome": "pass",
                "decided_on": timezone.localdate(),
                "decided_by": project.owner_id,
            },
        )
    if request.method == "POST":
        require(request.user, "projects.change_tollgate", gate)
        if form is None:
            messages.error(request, _("Beslutspunkten är redan beslutad."))
            return redirect(project)
        if form.is_valid():
            data = form.cleaned_data
            action = {"pass": gate.pass_gate, "skip": gate.skip, "stop": gate.stop}[data["outcome"]]
            try:
                action(
                    by=data["decided_by"],
                    on=data["decided_on"],
                    text=data["decision_text"],
                    decision=data["decision"],
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _decided_message(gate, project))
                return redirect(project)
    return render(
        request,
        "projects/tollgate.html",
        {
            "title": gate.name,
            "project": project,
            "tollgate": gate,
            "form": form,
            "late": gate.is_late(),
        },
    )


def _add_errors(form: TollgateDecisionForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _decided_message(gate: Tollgate, project: Project) -> str:
    project.refresh_from_db()
    if gate.outcome == Tollgate.Outcome.STOPPED:
        return _("Beslutet är registrerat. Projektet är avbrutet.")
    if project.state == Project.State.COMPLETED:
        return _("Beslutet är registrerat. Projektet är avslutat.")
    upcoming = Tollgate.objects.filter(project=project, outcome=Tollgate.Outcome.PENDING).first()
    return _("Beslutet är registrerat. Projektet är nu i fasen %(phase)s.") % {
        "phase": upcoming.phase_name if upcoming else project.phase
    }


@login_required
def tollgate_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """When each remaining tollgate is planned; a tollgate past its date is flagged as late."""
    project = _changeable(request, pk)
    tollgates = project.ordered_tollgates()
    form = TollgatePlanForm(request.POST if request.method == "POST" else None, tollgates=tollgates)
    if request.method == "POST" and form.is_valid():
        for gate in form.tollgates:
            day = form.cleaned_data.get(f"gate_{gate.order}")
            if day != gate.planned_date:
                gate.planned_date = day
                gate.save()
        messages.success(request, _("Tidplanen för beslutspunkterna är sparad."))
        return redirect(project)
    return render(
        request,
        "projects/tollgate_plan.html",
        {"title": _("Planera beslutspunkter"), "form": form, "project": project},
    )
