from __future__ import annotations

from django.urls import reverse

from redthread.cycle.models import ReportingPeriod
from tests.access import (
    FORBIDDEN,
    NOT_FOUND,
    OK,
    REDIRECT,
    UNAUTHORIZED,
    ApiCase,
    Case,
    internal,
    only,
    public,
    roles,
)
from tests.cycle import factories as f

STRATEGIST = ["kvalitetsstrateg"]
INVALID_FORM = 400


def _period(w):
    return ReportingPeriod.objects.get(municipality=w.municipality, kind="interim", year=2026)


def _economist_step(w):
    # The ekonomiavdelningen answers for the budget instructions: the ekonom may tick them off.
    return f.event(w, "anvisningar_budget", 2026)


PAGES = {
    "cycle:wheel": Case(url=lambda w: reverse("cycle:wheel") + "?ar=2026", get=internal()),
    # The municipality's feed holds no personal data and must work in Outlook without a login.
    "cycle:ics": Case(url=lambda w: reverse("cycle:ics", args=[2026]), get=public()),
    "cycle:event": Case(
        url=lambda w: reverse("cycle:event", args=[f.event(w).pk]),
        get=internal(denied=NOT_FOUND),
    ),
    "cycle:event_done": Case(
        url=lambda w: reverse("cycle:event_done", args=[_economist_step(w).pk]),
        post=only(["kvalitetsstrateg", "ekonom"], ok=REDIRECT) | {"outsider": NOT_FOUND},
        post_data=lambda w: {"completed_on": "2026-05-29"},
    ),
    "cycle:event_undone": Case(
        url=lambda w: reverse("cycle:event_undone", args=[_economist_step(w).pk]),
        post=only(["kvalitetsstrateg", "ekonom"], ok=REDIRECT) | {"outsider": NOT_FOUND},
    ),
    "cycle:event_reschedule": Case(
        url=lambda w: reverse("cycle:event_reschedule", args=[f.event(w).pk]),
        post=only(STRATEGIST, ok=REDIRECT) | {"outsider": NOT_FOUND},
        post_data=lambda w: {"starts_on": "2026-06-01", "ends_on": "2026-06-16"},
    ),
    "cycle:my_deadlines": Case(url=lambda w: reverse("cycle:my_deadlines"), get=internal()),
    "cycle:feed_issue": Case(
        url=lambda w: reverse("cycle:feed_issue"),
        post=internal() | {"revisor": FORBIDDEN},
    ),
    # A secret address: whoever holds it reads that person's deadlines, as Outlook does.
    "cycle:user_ics": Case(
        url=lambda w: reverse("cycle:user_ics", args=[f.feed_key(w)]), get=public()
    ),
    "cycle:template": Case(url=lambda w: reverse("cycle:template"), get=internal()),
    "cycle:settings": Case(
        url=lambda w: reverse("cycle:settings"),
        get=only(STRATEGIST),
        post=only(STRATEGIST, ok=INVALID_FORM),  # empty form: shown again, nothing saved
    ),
    "cycle:step_create": Case(
        url=lambda w: reverse("cycle:step_create"),
        get=only(STRATEGIST),
        post=only(STRATEGIST, ok=INVALID_FORM),
    ),
    "cycle:step_edit": Case(
        url=lambda w: reverse("cycle:step_edit", args=[f.event(w).step_id]),
        get=only(STRATEGIST),
        post=only(STRATEGIST, ok=INVALID_FORM),
    ),
    "cycle:generate": Case(
        url=lambda w: reverse("cycle:generate"),
        post=only(STRATEGIST, ok=REDIRECT),
        post_data=lambda w: {"year": "2027"},
    ),
    "cycle:reminders": Case(
        url=lambda w: reverse("cycle:reminders"),
        get=only(["kvalitetsstrateg", "revisor", "admin"]),
    ),
    "cycle:periods": Case(url=lambda w: reverse("cycle:periods") + "?ar=2026", get=internal()),
    "cycle:period": Case(
        url=lambda w: reverse("cycle:period", args=[_period(w).pk]), get=internal(denied=NOT_FOUND)
    ),
    "cycle:period_transition": Case(
        url=lambda w: reverse("cycle:period_transition", args=[_period(w).pk, "close"]),
        post=only(STRATEGIST, ok=REDIRECT) | {"outsider": NOT_FOUND},
    ),
    "cycle:dialogues": Case(url=lambda w: reverse("cycle:dialogues"), get=internal()),
    "cycle:dialogue_create": Case(
        url=lambda w: reverse("cycle:dialogue_create"),
        get=only(STRATEGIST),
        post=only(STRATEGIST, ok=INVALID_FORM),
    ),
    "cycle:dialogue": Case(
        url=lambda w: reverse("cycle:dialogue", args=[f.dialogue(w).pk]),
        get=internal(denied=NOT_FOUND),
    ),
    "cycle:dialogue_edit": Case(
        url=lambda w: reverse("cycle:dialogue_edit", args=[f.dialogue(w).pk]),
        get=only(STRATEGIST) | {"outsider": NOT_FOUND},
        post=only(STRATEGIST, ok=INVALID_FORM) | {"outsider": NOT_FOUND},
    ),
    # The action's owner (the enhetschef) reports it done, and so may the kvalitetsstrateg.
    "cycle:action_done": Case(
        url=lambda w: reverse("cycle:action_done", args=[f.action(w).pk]),
        post=only(["kvalitetsstrateg", "enhetschef"], ok=REDIRECT) | {"outsider": NOT_FOUND},
        post_data=lambda w: {f"a{f.action(w).pk}-done_on": "2026-11-01"},
    ),
    "cycle:scans": Case(url=lambda w: reverse("cycle:scans"), get=internal()),
    "cycle:scan_current": Case(
        url=lambda w: f.scan(w) and reverse("cycle:scan_current"), get=internal(ok=REDIRECT)
    ),
    "cycle:scan_create": Case(url=lambda w: reverse("cycle:scan_create"), get=only(STRATEGIST)),
    "cycle:scan": Case(
        url=lambda w: reverse("cycle:scan", args=[f.scan(w).pk]),
        get=internal(denied=NOT_FOUND),
    ),
    "cycle:scan_edit": Case(
        url=lambda w: reverse("cycle:scan_edit", args=[f.scan(w).pk]),
        get=only(STRATEGIST) | {"outsider": NOT_FOUND},
    ),
}

API_INTERNAL = roles(OK, anonymous=UNAUTHORIZED, outsider=FORBIDDEN)

API = {
    ("GET", "/api/v1/cycle/steps"): ApiCase(
        lambda w: f.event(w) and "/api/v1/cycle/steps?year=2026", API_INTERNAL
    ),
    ("GET", "/api/v1/cycle/periods"): ApiCase(
        lambda w: "/api/v1/cycle/periods?year=2026", API_INTERNAL
    ),
}
