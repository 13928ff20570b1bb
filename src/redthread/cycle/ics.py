"""The årshjul as iCalendar (RFC 5545), for subscribing from Outlook or any calendar.

Every step of a year is an all-day event over its span. Its UID is the step's key and the
year it concerns (``kf_juni-2027@arshjul.0586.rodatraden``), never a database id, so when
the template or a hand-set date moves it, a subscribed calendar moves the same event
instead of adding a new one; SEQUENCE (the event's version) tells it which copy is newer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

from redthread.cycle.models.events import CycleEvent
from redthread.cycle.models.periods import ReportingPeriod

REFRESH = dt.timedelta(hours=6)


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Röda tråden//Årshjulet//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-published-ttl", vDuration(REFRESH))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    return calendar


def _event_component(event: CycleEvent, stamp: dt.datetime, base_url: str) -> Event:
    step = event.step
    component = Event()
    component.add("uid", event.uid)
    summary = event.name
    if event.ends_on != event.starts_on:
        summary += " " + _("(sista dag %(date)s)") % {"date": f"{event.ends_on:%Y-%m-%d}"}
    component.add("summary", summary)
    component.add("dtstart", event.starts_on)
    component.add("dtend", event.ends_on + dt.timedelta(days=1))
    component.add("dtstamp", stamp)
    component.add("sequence", event.version)
    component.add("transp", "TRANSPARENT")
    component.add("status", "CONFIRMED")
    component.add("categories", [str(step.get_process_display())])
    lines = [
        _("Ansvarig: %(responsible)s") % {"responsible": step.get_responsible_display()},
        _("Levererar: %(what)s") % {"what": step.get_delivers_display()},
        _("Sista dag: %(date)s") % {"date": f"{event.ends_on:%Y-%m-%d}"},
    ]
    if step.responsible_note:
        lines.append(step.responsible_note)
    if event.variant_note:
        lines.append(event.variant_note)
    if step.description:
        lines += ["", step.description]
    component.add("description", "\n".join(str(line) for line in lines))
    if event.pk:
        component.add("url", base_url + event.get_absolute_url())
    return component


def _period_component(
    period: ReportingPeriod, code: str, stamp: dt.datetime, base_url: str
) -> Event:
    component = Event()
    component.add("uid", f"period-{period.key}@arshjul.{code}.rodatraden")
    component.add("summary", _("Sista dag att rapportera: %(period)s") % {"period": period.label})
    component.add("dtstart", period.due_on)
    component.add("dtend", period.due_on + dt.timedelta(days=1))
    component.add("dtstamp", stamp)
    component.add("sequence", period.version)
    component.add("transp", "TRANSPARENT")
    component.add("categories", [str(_("rapportering"))])
    component.add("url", base_url + period.get_absolute_url())
    return component


def calendar_bytes(
    name: str,
    events: Iterable[CycleEvent],
    periods: Iterable[ReportingPeriod] = (),
    municipality_code: str = "",
    now: dt.datetime | None = None,
    base_url: str | None = None,
) -> bytes:
    """The events (and reporting deadlines) as an iCalendar file; links start at ``base_url``
    (the address the feed was fetched from), else ``REDTHREAD_BASE_URL``."""
    stamp = now or timezone.now()
    base = (base_url or settings.REDTHREAD_BASE_URL).rstrip("/")
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_event_component(event, stamp, base))
    for period in periods:
        calendar.add_component(_period_component(period, municipality_code, stamp, base))
    result: bytes = calendar.to_ical()
    return result
