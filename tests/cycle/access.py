from __future__ import annotations

from django.urls import reverse

from redthread.cycle.models import ReportingPeriod
from tests.access import NOT_FOUND, REDIRECT, Case, internal, only


def _period(w):
    return ReportingPeriod.objects.get(municipality=w.municipality, kind="interim", year=2026)


PAGES = {
    "cycle:periods": Case(url=lambda w: reverse("cycle:periods") + "?ar=2026", get=internal()),
    "cycle:period": Case(
        url=lambda w: reverse("cycle:period", args=[_period(w).pk]), get=internal(denied=NOT_FOUND)
    ),
    "cycle:period_transition": Case(
        url=lambda w: reverse("cycle:period_transition", args=[_period(w).pk, "close"]),
        post=only(["kvalitetsstrateg"], ok=REDIRECT) | {"outsider": NOT_FOUND},
    ),
}
