"""Results of control points and the deviations they find."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from redthread.control.forms import DeviationForm, ResultForm
from redthread.control.models import ControlPoint, ControlResult, Deviation
from redthread.control.scope import control_scope
from redthread.control.views.common import form_page
from redthread.core.permissions import get_visible_or_404, require
from redthread.cycle.models import PeriodClosed
from redthread.organisation.models import Person


def _point_crumbs(point: ControlPoint) -> list[tuple[str, str]]:
    plan = point.plan
    return [
        (reverse("control:plans") + f"?ar={plan.year}", _("Planer %(year)s") % {"year": plan.year}),
        (plan.get_absolute_url(), plan.body.label),
        (point.get_absolute_url(), point.title),
    ]


@login_required
def result_record(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    """Record (or correct) the result of a control point for one reporting occasion."""
    point = get_visible_or_404(
        request.user, ControlPoint.objects.select_related("plan__body"), pk=pk
    )
    require(request.user, "control.record_controlresult", point)
    period = get_object_or_404(point.report_periods.all(), pk=period_pk)
    try:
        period.ensure_writable()
    except PeriodClosed as error:
        messages.error(request, " ".join(error.messages))
        return redirect(point)
    existing = ControlResult.objects.filter(point=point, period=period).first()
    instance = existing or ControlResult(point=point, period=period)
    initial: dict[str, Any] = {}
    if existing is None:
        initial = {"checked_on": timezone.localdate()}
        person_id = control_scope(request.user).person_id
        if person_id:
            initial["checked_by"] = Person.objects.filter(pk=person_id).first()
    form = ResultForm(request.POST or None, instance=instance, plan=point.plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        result = form.save()
        messages.success(
            request,
            _("Resultatet är registrerat. Lägg till avvikelser om kontrollen fann några."),
        )
        return redirect(result)
    return form_page(
        request,
        title=_("Resultat %(period)s") % {"period": period.label},
        form=form,
        back_url=point.get_absolute_url(),
        crumbs=_point_crumbs(point),
        intro=point.method,
    )


@login_required
def result_detail(request: HttpRequest, pk: int) -> HttpResponse:
    result = get_visible_or_404(
        request.user,
        ControlResult.objects.select_related("point__plan__body", "period", "checked_by"),
        pk=pk,
    )
    deviations = result.deviations.prefetch_related("actions__owner")
    writable = result.period.is_writable
    return render(
        request,
        "control/result_detail.html",
        {
            "title": _("Resultat: %(point)s") % {"point": result.point.title},
            "result": result,
            "point": result.point,
            "plan": result.point.plan,
            "deviations": deviations,
            "today": timezone.localdate(),
            "writable": writable,
            "may_change": writable
            and request.user.has_perm("control.record_controlresult", result.point),
            "may_add_deviation": writable
            and request.user.has_perm("control.add_deviation", result.point),
            "may_add_action": request.user.has_perm("control.add_action", result.point.plan),
            "deviation_form": DeviationForm(),
        },
    )


@login_required
def deviation_create(request: HttpRequest, pk: int) -> HttpResponse:
    result = get_visible_or_404(
        request.user, ControlResult.objects.select_related("point__plan__body", "period"), pk=pk
    )
    require(request.user, "control.add_deviation", result.point)
    try:
        result.period.ensure_writable()
    except PeriodClosed as error:
        messages.error(request, " ".join(error.messages))
        return redirect(result)
    form = DeviationForm(request.POST or None, instance=Deviation(result=result))
    if request.method == "POST" and form.is_valid():
        deviation = form.save()
        messages.success(request, _("Avvikelsen är registrerad. Bestäm en åtgärd med ansvarig."))
        return redirect(deviation)
    return form_page(
        request,
        title=_("Ny avvikelse"),
        form=form,
        back_url=result.get_absolute_url(),
        crumbs=[*_point_crumbs(result.point), (result.get_absolute_url(), result.period.label)],
    )
