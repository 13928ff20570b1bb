"""A project's status reports, risks and effect goals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from redthread.core.permissions import require
from redthread.projects.forms import EffectGoalForm, RiskForm, StatusReportForm
from redthread.projects.models import EffectGoal, ProjectRisk, StatusReport
from redthread.projects.views.project import visible_project


@login_required
def status_report(request: HttpRequest, pk: int) -> HttpResponse:
    project = visible_project(request, pk)
    report = StatusReport(project=project)
    require(request.user, "projects.add_statusreport", report)
    previous = project.latest_status
    initial = {}
    if previous is not None:
        initial = {
            "time_status": previous.time_status,
            "cost_status": previous.cost_status,
            "scope_status": previous.scope_status,
        }
    form = StatusReportForm(
        request.POST if request.method == "POST" else None, instance=report, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        scope = getattr(request.user, "scope", None)
        report.reported_by_id = scope.person_id if scope is not None else None
        form.save()
        messages.success(request, _("Statusrapporten är sparad."))
        return redirect(project)
    return render(
        request,
        "projects/part_form.html",
        {
            "title": _("Ny statusrapport"),
            "form": form,
            "project": project,
            "previous": previous,
            "intro": _(
                "Bedöm tid, kostnad och omfattning mot projektplanen: grönt enligt plan, gult "
                "avvikelse som projektet hanterar, rött avvikelse som styrgruppen behöver "
                "besluta om."
            ),
        },
    )


@login_required
def risk(request: HttpRequest, pk: int, risk_pk: int | None = None) -> HttpResponse:
    project = visible_project(request, pk)
    if risk_pk is None:
        instance = ProjectRisk(project=project)
        require(request.user, "projects.add_projectrisk", instance)
        title = _("Ny risk")
    else:
        instance = get_object_or_404(ProjectRisk, project=project, pk=risk_pk)
        require(request.user, "projects.change_projectrisk", instance)
        title = _("Ändra risk")
    form = RiskForm(
        request.POST if request.method == "POST" else None,
        instance=instance,
        municipality=project.municipality,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Risken är sparad."))
        return redirect(project)
    return render(
        request,
        "projects/part_form.html",
        {
            "title": title,
            "form": form,
            "project": project,
            "intro": _(
                "Bedöm sannolikhet och konsekvens från 1 (låg) till 4 (mycket hög). "
                "Risker med produkten 9 eller mer visas som röda."
            ),
        },
    )


@login_required
def effect_goal(request: HttpRequest, pk: int, goal_pk: int | None = None) -> HttpResponse:
    project = visible_project(request, pk)
    if goal_pk is None:
        instance = EffectGoal(project=project)
        require(request.user, "projects.add_effectgoal", instance)
        title = _("Nytt effektmål")
    else:
        instance = get_object_or_404(EffectGoal, project=project, pk=goal_pk)
        require(request.user, "projects.change_effectgoal", instance)
        title = _("Ändra effektmål")
    form = EffectGoalForm(
        request.POST if request.method == "POST" else None, instance=instance, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Effektmålet är sparat."))
        return redirect(project)
    return render(
        request,
        "projects/part_form.html",
        {
            "title": title,
            "form": form,
            "project": project,
            "intro": _(
                "Vilken effekt ska projektet ge för dem verksamheten finns till för, hur mäts "
                "den, och vilket kommunmål bidrar den till? Utfallet fylls i vid utvärderingen."
            ),
        },
    )
