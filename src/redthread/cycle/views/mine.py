"""My deadlines, and the calendar feeds: the municipality's and the personal one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.core.permissions import require
from redthread.cycle.deadlines import actions_of, deadlines_of, reporting_deadlines
from redthread.cycle.generation import preview_calendar
from redthread.cycle.ics import calendar_bytes
from redthread.cycle.models import CalendarFeed, CycleEvent
from redthread.cycle.views.common import MAX_YEAR, MIN_YEAR, municipality

LOOK_BACK = dt.timedelta(days=60)
LOOK_AHEAD = dt.timedelta(days=365)
FEED_TOUCH = dt.timedelta(minutes=30)


@login_required
def my_deadlines(request: HttpRequest, new_feed_url: str = "") -> HttpResponse:
    require(request.user, "cycle.view_cycleevent")
    place = municipality()
    today = timezone.localdate()
    events = list(deadlines_of(request.user, place, today - LOOK_BACK, today + LOOK_AHEAD))
    pending = [e for e in events if e.completed_on is None]
    late = [e for e in pending if e.ends_on < today]
    upcoming = [e for e in pending if e.ends_on >= today]
    done = [e for e in events if e.completed_on is not None][-8:]
    periods = reporting_deadlines(request.user, place, today, today + dt.timedelta(days=120))
    return render(
        request,
        "cycle/my_deadlines.html",
        {
            "title": _("Mina deadlines"),
            "late": [(e, e.state_label(today), e.status_css(today)) for e in late],
            "upcoming": [(e, e.state_label(today), e.status_css(today)) for e in upcoming],
            "done": done,
            "periods": periods,
            "actions": [(a, a.is_overdue(today)) for a in actions_of(request.user)],
            "today": today,
            "has_feed": _has_feed(request.user),
            "new_feed_url": new_feed_url,
            "municipality_feed": request.build_absolute_uri(
                reverse("cycle:ics", args=[today.year])
            ),
        },
    )


def _has_feed(user: Any) -> bool:
    return CalendarFeed.objects.filter(user=user).exists()


@login_required
@require_POST
def feed_issue(request: HttpRequest) -> HttpResponse:
    """Make (or replace) the user's secret feed address and show it once."""
    require(request.user, "cycle.add_calendarfeed")
    _feed, key = CalendarFeed.issue(request.user)
    url = request.build_absolute_uri(reverse("cycle:user_ics", args=[key]))
    messages.success(
        request,
        _(
            "Din personliga kalenderadress är skapad. Kopiera den nu: den visas bara en gång. "
            "En tidigare adress fungerar inte längre."
        ),
    )
    return my_deadlines(request, new_feed_url=url)


def _ics_response(content: bytes, filename: str, public: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900" if public else "private, no-store"
    return response


def municipality_ics(request: HttpRequest, year: int) -> HttpResponse:
    """The municipality's årshjul for a year as iCalendar. Public: it holds no personal data."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    place = municipality()
    events = list(
        CycleEvent.objects.in_municipality(place)
        .for_year(year)
        .select_related("step__cycle__municipality")
    ) or preview_calendar(place, year)
    name = _("Årshjulet %(year)s – %(municipality)s") % {"year": year, "municipality": place.name}
    return _ics_response(
        calendar_bytes(
            name, events, municipality_code=place.code, base_url=request.build_absolute_uri("/")
        ),
        f"arshjul-{place.code}-{year}.ics",
        public=True,
    )


def user_ics(request: HttpRequest, key: str) -> HttpResponse:
    """A user's own deadlines and reporting dates, at a secret address (no login: Outlook)."""
    feed = CalendarFeed.objects.for_key(key)
    if feed is None:
        raise Http404
    now = timezone.now()
    if feed.last_used is None or now - feed.last_used > FEED_TOUCH:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used=now)
    user = feed.user
    place = municipality()
    today = timezone.localdate()
    first, last = dt.date(today.year - 1, 1, 1), dt.date(today.year + 1, 12, 31)
    events = list(deadlines_of(user, place, first, last))
    periods = list(reporting_deadlines(user, place, first, last))
    name = _("Mina deadlines – %(municipality)s") % {"municipality": place.name}
    return _ics_response(
        calendar_bytes(
            name,
            events,
            periods,
            municipality_code=place.code,
            base_url=request.build_absolute_uri("/"),
        ),
        "mina-deadlines.ics",
        public=False,
    )
