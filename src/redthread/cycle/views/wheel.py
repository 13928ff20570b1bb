"""The årshjul's front page (the wheel and its table) and a step of the year."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.core.permissions import get_visible_or_404, require
from redthread.cycle import wheel as wheel_geometry
from redthread.cycle.forms import EventStateForm, RescheduleForm
from redthread.cycle.generation import calendar_years, preview_calendar
from redthread.cycle.models import CycleEvent, ReminderLog
from redthread.cycle.schedule import Process
from redthread.cycle.views.common import municipality, requested_year

EVENT_RELATED = ("step__cycle__municipality",)


@login_required
def wheel(request: HttpRequest) -> HttpResponse:
    """The year as a wheel, with the same content as a table."""
    require(request.user, "cycle.view_cycleevent")
    place = municipality()
    year = requested_year(request)
    today = timezone.localdate()
    events = list(
        CycleEvent.objects.in_municipality(place).for_year(year).select_related(*EVENT_RELATED)
    )
    is_preview = not events
    if is_preview:
        events = preview_calendar(place, year)
    generated_years = set(
        CycleEvent.objects.in_municipality(place).values_list("year", flat=True).distinct()
    )
    rows = [
        {
            "event": e,
            "state": e.state_label(today),
            "css": e.status_css(today),
        }
        for e in events
    ]
    return render(
        request,
        "cycle/wheel.html",
        {
            "title": _("Årshjulet %(year)s") % {"year": year},
            "year": year,
            "years": sorted(set(calendar_years(today)) | generated_years),
            "wheel": wheel_geometry.build(events, year, today),
            "rows": rows,
            "is_preview": is_preview,
            "processes": Process.choices,
            "today": today,
            "may_generate": request.user.has_perm("cycle.add_cycleevent"),
        },
    )


def _event(request: HttpRequest, pk: int) -> CycleEvent:
    return get_visible_or_404(
        request.user,
        CycleEvent.objects.select_related(*EVENT_RELATED, "step__owner", "decision"),
        pk=pk,
    )


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    return _render_event(request, event)


def _render_event(
    request: HttpRequest,
    event: CycleEvent,
    state_form: EventStateForm | None = None,
    reschedule_form: RescheduleForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    siblings = CycleEvent.objects.filter(
        step__cycle=event.step.cycle, subject_year=event.subject_year
    ).select_related("step")
    waits_for = list(siblings.filter(step__in=event.step.waits_for.all()))
    followed_by = list(siblings.filter(step__in=event.step.followed_by.all()))
    may_change = user.has_perm("cycle.change_cycleevent", event)
    may_reschedule = user.has_perm("cycle.add_cycleevent")
    if may_change and state_form is None:
        state_form = EventStateForm(event=event)
    if may_reschedule and reschedule_form is None:
        reschedule_form = RescheduleForm(
            initial={"starts_on": event.starts_on, "ends_on": event.ends_on}
        )
    reminders = (
        ReminderLog.objects.filter(event=event).select_related("person")[:50]
        if user.has_perm("cycle.view_reminderlog")
        else None
    )
    today = timezone.localdate()
    return render(
        request,
        "cycle/event_detail.html",
        {
            "title": event.name,
            "event": event,
            "step": event.step,
            "state": event.state_label(today),
            "css": event.status_css(today),
            "waits_for": [(e, e.state_label(today), e.status_css(today)) for e in waits_for],
            "followed_by": followed_by,
            "dialogues": event.dialogues.all(),
            "may_change": may_change,
            "may_reschedule": may_reschedule,
            "state_form": state_form if may_change else None,
            "reschedule_form": reschedule_form if may_reschedule else None,
            "reminders": reminders,
        },
        status=status,
    )


@login_required
@require_POST
def event_done(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    require(request.user, "cycle.change_cycleevent", event)
    form = EventStateForm(request.POST, event=event)
    if not form.is_valid():
        return _render_event(request, event, state_form=form, status=400)
    event.mark_done(
        form.cleaned_data["completed_on"],
        note=form.cleaned_data["note"],
        decision=form.cleaned_data["decision"],
    )
    messages.success(request, _("%(name)s är markerat som klart.") % {"name": event.name})
    return redirect(event)


@login_required
@require_POST
def event_undone(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    require(request.user, "cycle.change_cycleevent", event)
    event.mark_not_done()
    messages.success(
        request, _("%(name)s är inte längre markerat som klart.") % {"name": event.name}
    )
    return redirect(event)


@login_required
@require_POST
def event_reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    require(request.user, "cycle.add_cycleevent")
    form = RescheduleForm(request.POST)
    if not form.is_valid():
        return _render_event(request, event, reschedule_form=form, status=400)
    try:
        event.reschedule(form.cleaned_data["starts_on"], form.cleaned_data["ends_on"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(event)
    messages.success(
        request,
        _(
            "Datumen är ändrade. De behålls när kalendern skapas om, och kalenderflödet "
            "flyttar samma händelse."
        ),
    )
    return redirect(event)
