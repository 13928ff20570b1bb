from __future__ import annotations

from django.urls import reverse

from tests.access import (
    CREATED,
    FORBIDDEN,
    NOT_FOUND,
    OK,
    UNAUTHORIZED,
    ApiCase,
    Case,
    internal,
    only,
    roles,
)

RECORDERS = ["namndsekreterare", "admin"]
INVALID_FORM = 400

PAGES = {
    "organisation:chart": Case(url=lambda w: reverse("organisation:chart"), get=internal()),
    "organisation:body": Case(
        url=lambda w: reverse("organisation:body", args=[w.bodies["osn"].pk]),
        get=internal(denied=NOT_FOUND),
    ),
    "organisation:unit": Case(
        url=lambda w: reverse("organisation:unit", args=[w.units["norr"].pk]),
        get=internal(denied=NOT_FOUND),
    ),
    "organisation:person": Case(
        url=lambda w: reverse("organisation:person", args=[w.people["enhetschef"].pk]),
        get=internal(denied=NOT_FOUND),
    ),
    "organisation:group": Case(
        url=lambda w: reverse("organisation:group", args=[w.extra["group"].pk]),
        get=internal(denied=NOT_FOUND),
    ),
    "organisation:decisions": Case(url=lambda w: reverse("organisation:decisions"), get=internal()),
    "organisation:decision": Case(
        url=lambda w: reverse("organisation:decision", args=[w.decisions["osn"].pk]),
        get=internal(denied=NOT_FOUND),
    ),
    "organisation:decision_attachment": Case(
        url=lambda w: reverse("organisation:decision_attachment", args=[w.decisions["osn"].pk]),
        get=internal(ok=NOT_FOUND, denied=NOT_FOUND),  # the decision has no attachment
    ),
    "organisation:decision_create": Case(
        url=lambda w: reverse("organisation:decision_create"),
        get=only(RECORDERS),
        post=only(RECORDERS),  # empty form: the recorder sees the errors, nothing is saved
    ),
    "organisation:decision_edit": Case(
        url=lambda w: reverse("organisation:decision_edit", args=[w.decisions["osn"].pk]),
        get=only(RECORDERS, denied=FORBIDDEN) | {"outsider": NOT_FOUND},
        post=only(RECORDERS, ok=INVALID_FORM) | {"outsider": NOT_FOUND},
    ),
}

API_INTERNAL = roles(OK, anonymous=UNAUTHORIZED, outsider=FORBIDDEN)
API_OBJECT = roles(OK, anonymous=UNAUTHORIZED, outsider=NOT_FOUND)

API = {
    ("GET", "/api/v1/organisation/bodies"): ApiCase(
        lambda w: "/api/v1/organisation/bodies", API_INTERNAL
    ),
    ("GET", "/api/v1/organisation/bodies/{body_id}"): ApiCase(
        lambda w: f"/api/v1/organisation/bodies/{w.bodies['osn'].pk}", API_OBJECT
    ),
    ("GET", "/api/v1/organisation/units"): ApiCase(
        lambda w: "/api/v1/organisation/units", API_INTERNAL
    ),
    ("GET", "/api/v1/organisation/units/{unit_id}"): ApiCase(
        lambda w: f"/api/v1/organisation/units/{w.units['norr'].pk}", API_OBJECT
    ),
    ("GET", "/api/v1/organisation/people"): ApiCase(
        lambda w: "/api/v1/organisation/people", API_INTERNAL
    ),
    ("GET", "/api/v1/organisation/decisions"): ApiCase(
        lambda w: "/api/v1/organisation/decisions", API_INTERNAL
    ),
    ("GET", "/api/v1/organisation/decisions/{decision_id}"): ApiCase(
        lambda w: f"/api/v1/organisation/decisions/{w.decisions['osn'].pk}", API_OBJECT
    ),
    ("POST", "/api/v1/organisation/decisions"): ApiCase(
        lambda w: "/api/v1/organisation/decisions",
        roles(FORBIDDEN, anonymous=UNAUTHORIZED) | {r: CREATED for r in RECORDERS},
        body=lambda w: {
            "body_id": w.bodies["osn"].pk,
            "date": "2026-11-20",
            "paragraph": "9",
            "title": "Riktlinje för hemtjänst",
        },
    ),
}
