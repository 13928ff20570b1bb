"""A unit's verksamhetsplan, edited in place by its enhetschef (htmx), and readable without JavaScript."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from redthread.core.forms import invalid_status
from redthread.core.htmx import is_htmx
from redthread.core.permissions import get_visible_or_404, require
from redthread.goals.forms import ActivityForm
from redthread.goals.models import Activity, OperationalPlan
from redthread.organisation.models import Unit


@login_required
def plan(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = get_visible_or_404(request.user, Unit, pk=unit_pk)
    require(request.user, "goals.view_operationalplan")
    operational_plan = OperationalPlan.objects.filter(unit=unit, year=year).first()
    activities = (
        Activity.objects.filter(unit=unit, year=year)
        .select_related("commitment__body", "responsible")
        .order_by("commitment__body__order", "commitment__order", "start", "title")
    )
    by_commitment: dict[Any, list[Activity]] = defaultdict(list)
    for activity in activities:
        by_commitment[activity.commitment].append(activity)
    may_edit = request.user.has_perm("goals.add_activity", unit)
    return render(
        request,
        "goals/plan.html",
        {
            "title": _("Verksamhetsplan %(year)s – %(unit)s") % {"year": year, "unit": unit},
            "unit": unit,
            "year": year,
            "plan": operational_plan,
            "by_commitment": list(by_commitment.items()),
            "may_edit": may_edit,
            "form": ActivityForm(unit=unit, year=year, initial={"state": Activity.State.PLANNED})
            if may_edit
            else None,
            "ancestors": unit.ancestors(),
        },
    )


@login_required
def activity_create(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = get_visible_or_404(request.user, Unit, pk=unit_pk)
    require(request.user, "goals.add_activity", unit)
    form = ActivityForm(request.POST or None, unit=unit, year=year)
    if request.method == "POST":
        form.instance.unit = unit
        form.instance.year = year
        with transaction.atomic():
            form.instance.plan, _created = OperationalPlan.objects.get_or_create(
                unit=unit, year=year
            )
            if form.is_valid():
                activity = form.save()
                messages.success(
                    request, _("Aktiviteten %(title)s är tillagd.") % {"title": activity.title}
                )
                return redirect("goals:plan", unit.pk, year)
            transaction.set_rollback(True)
    return render(
        request,
        "goals/activity_form.html",
        {
            "form": form,
            "unit": unit,
            "year": year,
            "title": _("Ny aktivitet"),
            "action": request.path,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_visible_or_404(
        request.user, Activity.objects.select_related("unit", "commitment__body"), pk=pk
    )
    require(request.user, "goals.change_activity", activity)
    form = ActivityForm(
        request.POST or None, instance=activity, unit=activity.unit, year=activity.year
    )
    if request.method == "POST" and form.is_valid():
        activity = form.save()
        if is_htmx(request):
            return render(
                request, "goals/_activity_row.html", {"activity": activity, "may_edit": True}
            )
        return redirect("goals:plan", activity.unit_id, activity.year)
    if is_htmx(request) and request.method == "GET":
        return render(
            request,
            "goals/_activity_form.html",
            {"form": form, "activity": activity, "action": request.path},
        )
    return render(
        request,
        "goals/_activity_form.html" if is_htmx(request) else "goals/activity_form.html",
        {
            "form": form,
            "activity": activity,
            "unit": activity.unit,
            "year": activity.year,
            "title": _("Ändra aktivitet"),
            "action": request.path,
        },
        status=invalid_status(form) if request.method == "POST" else 200,
    )


@login_required
def activity_row(request: HttpRequest, pk: int) -> HttpResponse:
    """The read-only row again (cancelling an inline edit)."""
    activity = get_visible_or_404(
        request.user, Activity.objects.select_related("responsible"), pk=pk
    )
    return render(
        request,
        "goals/_activity_row.html",
        {
            "activity": activity,
            "may_edit": request.user.has_perm("goals.change_activity", activity),
        },
    )
