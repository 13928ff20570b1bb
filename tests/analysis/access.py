from __future__ import annotations

from django.urls import reverse

from redthread.analysis.models import KoladaKpi
from tests.access import NOT_FOUND, OK, REDIRECT, Case, internal, only
from tests.analysis.factories import waiting
from tests.goals.factories import load_chain
from tests.world import World


def _kpi(w: World) -> str:
    KoladaKpi.objects.get_or_create(code="U21468", defaults={"title": "Brukarbedömning"})
    return "U21468"


def _indicator(w: World) -> int:
    return load_chain(w).indicators["nojdhet"].pk


def obj(ok: int = OK) -> dict[str, int | str]:
    return internal(ok=ok, denied=NOT_FOUND)


# Brukarbedömning helhetssyn is owned by the kvalitetsstrateg: only she writes its analysis.
WRITER = ["kvalitetsstrateg"]

PAGES = {
    "analysis:overview": Case(url=lambda w: reverse("analysis:overview"), get=internal()),
    "analysis:kpi": Case(url=lambda w: reverse("analysis:kpi", args=[_kpi(w)]), get=internal()),
    "analysis:kpi_excel": Case(
        url=lambda w: reverse("analysis:kpi_excel", args=[_kpi(w)]), get=internal()
    ),
    "analysis:indicator": Case(
        url=lambda w: reverse("analysis:indicator", args=[_indicator(w)]),
        get=obj(),
        post=only(WRITER, ok=REDIRECT) | {"outsider": NOT_FOUND},
        post_data=lambda w: {"analysis": "Vi ligger nära liknande kommuner."},
    ),
    "analysis:pending": Case(url=lambda w: reverse("analysis:pending"), get=internal()),
    "analysis:pending_resolve": Case(
        url=lambda w: reverse("analysis:pending_resolve", args=[waiting(w).pk, "dismiss"]),
        post=only(WRITER, ok=REDIRECT) | {"outsider": NOT_FOUND},
    ),
    "analysis:syncs": Case(url=lambda w: reverse("analysis:syncs"), get=internal()),
}
