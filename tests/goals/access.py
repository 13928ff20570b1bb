from __future__ import annotations

from django.urls import reverse

from tests.access import (
    CREATED,
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
from tests.goals.factories import close_february

INVALID_FORM = 400


def c(w):
    return w.extra["chain"]


def _public_goal_url(w):
    # Citizens see follow-up of closed periods only: without one the page is a 404.
    close_february(w)
    return reverse("goals:public_goal", args=[c(w).goals["aldre"].pk])


PLANNERS = ["enhetschef", "forvaltningschef", "kvalitetsstrateg"]  # of Hemtjänst Norr's plan
REPORTERS = ["enhetschef", "forvaltningschef"]  # of Hemtjänst Norr's activities
REVIEWERS = ["forvaltningschef", "kvalitetsstrateg"]
HEALTH = [
    "revisor",
    "kvalitetsstrateg",
    "ekonom",
    "admin",
    "forvaltningschef",
    "enhetschef",
    "enhetschef_soder",
]


def obj(ok: int = OK):
    return internal(ok=ok, denied=NOT_FOUND)


PAGES = {
    "goals:overview": Case(url=lambda w: reverse("goals:overview"), get=internal()),
    "goals:goal": Case(
        url=lambda w: reverse("goals:goal", args=[c(w).goals["aldre"].pk]), get=obj()
    ),
    "goals:indicator": Case(
        url=lambda w: reverse("goals:indicator", args=[c(w).indicators["nojdhet"].pk]), get=obj()
    ),
    "goals:commitment": Case(
        url=lambda w: reverse("goals:commitment", args=[c(w).commitments["kontinuitet"].pk]),
        get=obj(),
    ),
    "goals:measure": Case(
        url=lambda w: reverse("goals:measure", args=[c(w).measures["besok"].pk]), get=obj()
    ),
    "goals:activity": Case(
        url=lambda w: reverse("goals:activity", args=[c(w).activities["team"].pk]), get=obj()
    ),
    "goals:strategic_action": Case(
        url=lambda w: reverse("goals:strategic_action", args=[c(w).extra["action"].pk]), get=obj()
    ),
    "goals:body": Case(url=lambda w: reverse("goals:body", args=[w.bodies["osn"].pk]), get=obj()),
    "goals:chain": Case(
        url=lambda w: reverse("goals:chain", args=["aktivitet", c(w).activities["team"].pk]),
        get=obj(),
    ),
    "goals:plan": Case(
        url=lambda w: reverse("goals:plan", args=[w.units["norr"].pk, 2026]), get=obj()
    ),
    "goals:activity_create": Case(
        url=lambda w: reverse("goals:activity_create", args=[w.units["norr"].pk, 2026]),
        get=only(PLANNERS) | {"outsider": NOT_FOUND},
        post=only(PLANNERS, ok=INVALID_FORM) | {"outsider": NOT_FOUND},
    ),
    "goals:activity_edit": Case(
        url=lambda w: reverse("goals:activity_edit", args=[c(w).activities["team"].pk]),
        get=only(PLANNERS) | {"outsider": NOT_FOUND},
        post=only(PLANNERS, ok=INVALID_FORM) | {"outsider": NOT_FOUND},
    ),
    "goals:activity_row": Case(
        url=lambda w: reverse("goals:activity_row", args=[c(w).activities["team"].pk]), get=obj()
    ),
    "goals:todo": Case(url=lambda w: reverse("goals:todo"), get=internal()),
    "goals:followup": Case(
        url=lambda w: reverse(
            "goals:followup", args=["activity", c(w).activities["team"].pk, c(w).periods["nov"].pk]
        ),
        get=only(REPORTERS) | {"outsider": NOT_FOUND},
        post=only(REPORTERS, ok=INVALID_FORM) | {"outsider": NOT_FOUND},
    ),
    "goals:review": Case(url=lambda w: reverse("goals:review"), get=only(REVIEWERS)),
    "goals:review_action": Case(
        url=lambda w: reverse("goals:review_action", args=[c(w).extra["submitted"].pk, "approve"]),
        post=only(["forvaltningschef"], ok=REDIRECT) | {"outsider": NOT_FOUND},
    ),
    "goals:remind": Case(
        url=lambda w: reverse("goals:remind", args=[c(w).periods["nov"].pk]),
        post=only(REVIEWERS, ok=REDIRECT),
    ),
    "goals:health": Case(url=lambda w: reverse("goals:health"), get=only(HEALTH)),
    "goals:new_year": Case(
        url=lambda w: reverse("goals:new_year") + "?fran=2026",
        get=only(["kvalitetsstrateg"]),
        post=only(["kvalitetsstrateg"], ok=REDIRECT),
        post_data=lambda w: {"from_year": "2026"},
    ),
    "goals:excel": Case(
        url=lambda w: reverse("goals:excel", args=[w.bodies["osn"].pk, 2026]),
        get=obj(),
        post=only(["forvaltningschef", "kvalitetsstrateg"], ok=INVALID_FORM)
        | {"outsider": NOT_FOUND},
    ),
    "goals:public_overview": Case(
        url=lambda w: reverse("goals:public_overview") + "?ar=2026", get=public()
    ),
    "goals:public_goal": Case(url=_public_goal_url, get=public()),
}

API_INTERNAL = roles(OK, anonymous=UNAUTHORIZED, outsider=FORBIDDEN)

API = {
    ("GET", "/api/v1/goals/chain"): ApiCase(
        lambda w: "/api/v1/goals/chain?year=2026", API_INTERNAL
    ),
    ("GET", "/api/v1/goals/activities/{activity_id}/chain"): ApiCase(
        lambda w: f"/api/v1/goals/activities/{c(w).activities['team'].pk}/chain",
        roles(OK, anonymous=UNAUTHORIZED, outsider=NOT_FOUND),
    ),
    ("GET", "/api/v1/goals/periods"): ApiCase(
        lambda w: "/api/v1/goals/periods?year=2026", API_INTERNAL
    ),
    ("POST", "/api/v1/goals/followups"): ApiCase(
        lambda w: "/api/v1/goals/followups",
        roles(FORBIDDEN, anonymous=UNAUTHORIZED, outsider=NOT_FOUND)
        | {r: CREATED for r in REPORTERS},
        body=lambda w: {
            "subject": "activity",
            "subject_id": c(w).activities["team"].pk,
            "period_id": c(w).periods["nov"].pk,
            "status": "green",
            "analysis": "Teamen är på plats.",
        },
    ),
}
