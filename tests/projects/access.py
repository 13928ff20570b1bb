from __future__ import annotations

from django.urls import reverse

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
    roles,
)
from tests.projects.factories import a_project, a_risk, an_effect_goal

# Any manager may start a project, and the keepers of the project model.
ADDERS = ["enhetschef", "enhetschef_soder", "forvaltningschef", "kvalitetsstrateg", "admin"]
# The project in Hemtjänst Norr: its owner and manager, the managers of the unit, the keepers.
EDITORS = ["enhetschef", "forvaltningschef", "kvalitetsstrateg", "admin"]


def editors(ok: int = OK) -> dict[str, int | str]:
    return only(EDITORS, ok=ok) | {"outsider": NOT_FOUND}


def _url(name: str):  # type: ignore[no-untyped-def]
    return lambda w: reverse(name, args=[a_project(w).pk])


PAGES = {
    "projects:portfolio": Case(url=lambda w: reverse("projects:portfolio"), get=internal()),
    "projects:model": Case(url=lambda w: reverse("projects:model"), get=internal()),
    "projects:create": Case(
        url=lambda w: reverse("projects:create"), get=only(ADDERS), post=only(ADDERS)
    ),
    "projects:detail": Case(url=_url("projects:detail"), get=internal(denied=NOT_FOUND)),
    "projects:edit": Case(url=_url("projects:edit"), get=editors(), post=editors()),
    "projects:tollgate_plan": Case(
        url=_url("projects:tollgate_plan"), get=editors(), post=editors(ok=REDIRECT)
    ),
    "projects:tollgate": Case(
        url=lambda w: reverse("projects:tollgate", args=[a_project(w).pk, 1]),
        get=internal(denied=NOT_FOUND),
        post=editors(),  # empty form: the errors are shown, nothing is decided
    ),
    "projects:status_report": Case(
        url=_url("projects:status_report"), get=editors(), post=editors()
    ),
    "projects:risk_create": Case(url=_url("projects:risk_create"), get=editors(), post=editors()),
    "projects:risk_edit": Case(
        url=lambda w: reverse("projects:risk_edit", args=[a_project(w).pk, a_risk(w).pk]),
        get=editors(),
        post=editors(),
    ),
    "projects:goal_create": Case(url=_url("projects:goal_create"), get=editors(), post=editors()),
    "projects:goal_edit": Case(
        url=lambda w: reverse("projects:goal_edit", args=[a_project(w).pk, an_effect_goal(w).pk]),
        get=editors(),
        post=editors(),
    ),
}

API = {
    ("GET", "/api/v1/projects"): ApiCase(
        lambda w: "/api/v1/projects", roles(OK, anonymous=UNAUTHORIZED, outsider=FORBIDDEN)
    ),
    ("GET", "/api/v1/projects/{project_id}"): ApiCase(
        lambda w: f"/api/v1/projects/{a_project(w).pk}",
        roles(OK, anonymous=UNAUTHORIZED, outsider=NOT_FOUND),
    ),
}
