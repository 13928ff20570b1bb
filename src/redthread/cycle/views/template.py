"""The årshjul's template: its steps and settings, generating a year, the reminders sent."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.core.permissions import require
from redthread.cycle.forms import CycleSettingsForm, GenerateForm, StepForm
from redthread.cycle.generation import (
    dependency_conflicts,
    ensure_calendar,
    ensure_cycle,
    ensure_periods,
    preview_years,
)
from redthread.cycle.models import AnnualCycle, CycleEvent, CycleStep, ReminderLog
from redthread.cycle.views.common import municipality


def _cycle() -> AnnualCycle:
    place = municipality()
    cycle = AnnualCycle.objects.filter(municipality=place).select_related("decision__body").first()
    return cycle if cycle is not None else ensure_cycle(place)


def _conflicts(cycle: AnnualCycle, year: int) -> list[tuple[CycleEvent, CycleEvent]]:
    """Order problems in the template, judged on three years of generated dates."""
    events = preview_years(cycle.municipality, [year - 1, year, year + 1])
    return [(e, d) for e, d in dependency_conflicts(events) if e.year == year or d.year == year]


@login_required
def template(request: HttpRequest) -> HttpResponse:
    require(request.user, "cycle.view_cyclestep")
    cycle = _cycle()
    year = timezone.localdate().year
    steps = cycle.steps.select_related("owner").prefetch_related("waits_for")
    return render(
        request,
        "cycle/template.html",
        {
            "title": _("Årshjulets mall"),
            "cycle": cycle,
            "steps": steps,
            "conflicts": _conflicts(cycle, year),
            "may_change": request.user.has_perm("cycle.change_cyclestep"),
            "generate_form": GenerateForm(initial={"year": year + 1}),
        },
    )


@login_required
def settings_edit(request: HttpRequest) -> HttpResponse:
    require(request.user, "cycle.change_annualcycle")
    cycle = _cycle()
    form = CycleSettingsForm(request.POST if request.method == "POST" else None, instance=cycle)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Årshjulets inställningar är sparade."))
        return redirect("cycle:template")
    return render(
        request,
        "cycle/form_page.html",
        {
            "title": _("Årshjulets inställningar"),
            "form": form,
            "back_url": reverse("cycle:template"),
            "back_label": _("Årshjulets mall"),
        },
        status=400 if form.is_bound else 200,
    )


def _regenerate(cycle: AnnualCycle) -> list[int]:
    """After a template change: the generated years from this year on take the new dates."""
    this_year = timezone.localdate().year
    years = sorted(
        y
        for y in CycleEvent.objects.filter(step__cycle=cycle)
        .values_list("year", flat=True)
        .distinct()
        if y >= this_year
    )
    for year in years:
        ensure_calendar(cycle.municipality, year)
        ensure_periods(cycle.municipality, year, update=True)
    return years


def _step_form(request: HttpRequest, step: CycleStep | None) -> HttpResponse:
    cycle = _cycle()
    data = request.POST if request.method == "POST" else None
    form = StepForm(data, instance=step, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            years = _regenerate(cycle)
        text = _("Steget %(name)s är sparat.") % {"name": saved.name}
        if years:
            text += " " + _("Kalendern är uppdaterad för %(years)s.") % {
                "years": ", ".join(str(y) for y in years)
            }
        messages.success(request, text)
        return redirect("cycle:template")
    return render(
        request,
        "cycle/step_form.html",
        {
            "title": step.name if step else _("Nytt steg"),
            "form": form,
            "step": step,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def step_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "cycle.add_cyclestep")
    return _step_form(request, None)


@login_required
def step_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "cycle.view_cyclestep")
    step = get_object_or_404(CycleStep, pk=pk, cycle__municipality=municipality())
    require(request.user, "cycle.change_cyclestep", step)
    return _step_form(request, step)


@login_required
@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    """Create (or bring up to date) a year's calendar and reporting periods."""
    require(request.user, "cycle.add_cycleevent")
    form = GenerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("year", [])))
        return redirect("cycle:template")
    year = form.cleaned_data["year"]
    place = municipality()
    with transaction.atomic():
        events = ensure_calendar(place, year)
        periods = ensure_periods(place, year, update=True)
    messages.success(
        request,
        _("Kalendern för %(year)s har %(events)s steg och %(periods)s rapportperioder.")
        % {"year": year, "events": len(events), "periods": len(periods)},
    )
    return redirect(reverse("cycle:wheel") + f"?ar={year}")


@login_required
def reminder_log(request: HttpRequest) -> HttpResponse:
    require(request.user, "cycle.view_reminderlog")
    logs = ReminderLog.objects.filter(event__step__cycle=_cycle()).select_related(
        "event", "person"
    )[:200]
    return render(
        request,
        "cycle/reminder_log.html",
        {"title": _("Skickade påminnelser"), "logs": logs},
    )
