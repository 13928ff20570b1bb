from __future__ import annotations

from typing import Any

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
    public,
    roles,
)
from tests.quality.factories import (
    CODE,
    a_decided_declaration,
    a_declaration,
    a_process,
    a_proposal,
    a_unit_survey,
)

INVALID = 400  # an empty form: the errors are shown, nothing is saved

# Who may draft a declaration somewhere: those preparing for a nämnd, managers, the kvalitetsstrateg.
DRAFTERS = ["enhetschef", "enhetschef_soder", "forvaltningschef", "kvalitetsstrateg"]
# The hemtjänst declaration of OSN in Äldreomsorg: the förvaltningschef and the kvalitetsstrateg.
KEEPERS = ["forvaltningschef", "kvalitetsstrateg"]
# OSN's decisions are recorded by the förvaltningschef and the nämndsekreterare.
DECIDERS = ["forvaltningschef", "namndsekreterare", "kvalitetsstrateg"]
# Everyone in the organisation who writes: all but the revisor.
WRITERS = [
    "medarbetare",
    "enhetschef",
    "enhetschef_soder",
    "forvaltningschef",
    "namndsekreterare",
    "namndpolitiker",
    "politiker",
    "handlaggare",
    "ekonom",
    "kvalitetsstrateg",
    "admin",
]
# A new proposal in Hemtjänst Norr: the submitter, the managers above it, the kvalitetsstrateg.
PROPOSAL_EDITORS = ["medarbetare", "enhetschef", "forvaltningschef", "kvalitetsstrateg"]
# The managers who take a proposal on (or decline it).
PROPOSAL_MANAGERS = ["enhetschef", "forvaltningschef", "kvalitetsstrateg"]
# Any manager, and the kvalitetsstrateg.
MANAGERS = ["enhetschef", "enhetschef_soder", "forvaltningschef", "kvalitetsstrateg"]
# The process in Äldreomsorg: its owner (the enhetschef), the förvaltningschef, the kvalitetsstrateg.
PROCESS_KEEPERS = ["enhetschef", "forvaltningschef", "kvalitetsstrateg"]
# Hemtjänst Norr's survey: its managers and the kvalitetsstrateg.
SURVEY_KEEPERS = ["enhetschef", "forvaltningschef", "kvalitetsstrateg"]


def visible(allowed: list[str], ok: Any = OK) -> dict[str, Any]:
    """On an object page: the allowed get ``ok``, others 403, the outsider 404."""
    return only(allowed, ok=ok) | {"outsider": NOT_FOUND}


def _decl(name: str):  # type: ignore[no-untyped-def]
    return lambda w: reverse(name, args=[a_declaration(w).pk])


def _proposal(name: str):  # type: ignore[no-untyped-def]
    return lambda w: reverse(name, args=[a_proposal(w).pk])


def _process(name: str):  # type: ignore[no-untyped-def]
    return lambda w: reverse(name, args=[a_process(w).pk])


def _survey(name: str):  # type: ignore[no-untyped-def]
    return lambda w: reverse(name, args=[a_unit_survey(w).pk])


def _report(name: str):  # type: ignore[no-untyped-def]
    return lambda w: reverse(name, args=[w.bodies["osn"].pk, 2026])


def _promise(w: Any) -> str:
    declaration = a_declaration(w)
    return reverse("quality:promise_edit", args=[declaration.pk, declaration.promises.first().pk])


def _version(w: Any) -> str:
    a_decided_declaration(w)
    return reverse("quality:public_declaration_version", args=[CODE, 1])


def _public(w: Any) -> str:
    a_decided_declaration(w)
    return reverse("quality:public_declaration", args=[CODE])


PAGES = {
    "quality:overview": Case(url=lambda w: reverse("quality:overview"), get=internal()),
    "quality:declarations": Case(url=lambda w: reverse("quality:declarations"), get=internal()),
    "quality:declaration_create": Case(
        url=lambda w: reverse("quality:declaration_create"),
        get=only(DRAFTERS),
        post=only(DRAFTERS, ok=INVALID),
    ),
    "quality:declaration": Case(url=_decl("quality:declaration"), get=internal(denied=NOT_FOUND)),
    "quality:declaration_edit": Case(
        url=_decl("quality:declaration_edit"),
        get=visible(KEEPERS),
        post=visible(KEEPERS, ok=INVALID),
    ),
    "quality:declaration_decide": Case(
        url=_decl("quality:declaration_decide"),
        get=visible(DECIDERS),
        post=visible(DECIDERS, ok=INVALID),
    ),
    "quality:promise_create": Case(
        url=_decl("quality:promise_create"),
        get=visible(KEEPERS),
        post=visible(KEEPERS, ok=INVALID),
    ),
    "quality:promise_edit": Case(
        url=_promise, get=visible(KEEPERS), post=visible(KEEPERS, ok=INVALID)
    ),
    "quality:public_declarations": Case(
        url=lambda w: reverse("quality:public_declarations"), get=public()
    ),
    "quality:public_declaration": Case(url=_public, get=public()),
    "quality:public_declaration_version": Case(url=_version, get=public()),
    "quality:public_values": Case(url=lambda w: reverse("quality:public_values"), get=public()),
    "quality:proposals": Case(url=lambda w: reverse("quality:proposals"), get=internal()),
    "quality:proposal_create": Case(
        url=lambda w: reverse("quality:proposal_create"),
        get=only(WRITERS),
        post=only(WRITERS, ok=INVALID),
    ),
    "quality:proposal_statistics": Case(
        url=lambda w: reverse("quality:proposal_statistics"), get=internal()
    ),
    "quality:proposal": Case(url=_proposal("quality:proposal"), get=internal(denied=NOT_FOUND)),
    "quality:proposal_edit": Case(
        url=_proposal("quality:proposal_edit"),
        get=visible(PROPOSAL_EDITORS),
        post=visible(PROPOSAL_EDITORS, ok=INVALID),
    ),
    "quality:proposal_move": Case(
        url=lambda w: reverse("quality:proposal_move", args=[a_proposal(w).pk, "accept"]),
        get=internal(ok=REDIRECT, denied=NOT_FOUND),  # the forms are on the proposal's page
        post=visible(PROPOSAL_MANAGERS, ok=INVALID),  # no owner chosen: nothing moves
    ),
    "quality:processes": Case(url=lambda w: reverse("quality:processes"), get=internal()),
    "quality:process_create": Case(
        url=lambda w: reverse("quality:process_create"),
        get=only(MANAGERS),
        post=only(MANAGERS, ok=INVALID),
    ),
    "quality:process": Case(url=_process("quality:process"), get=internal(denied=NOT_FOUND)),
    "quality:process_edit": Case(
        url=_process("quality:process_edit"),
        get=visible(PROCESS_KEEPERS),
        post=visible(PROCESS_KEEPERS, ok=INVALID),
    ),
    "quality:process_steps": Case(
        url=_process("quality:process_steps"),
        get=visible(PROCESS_KEEPERS),
        post=visible(PROCESS_KEEPERS, ok=INVALID),
    ),
    "quality:surveys": Case(url=lambda w: reverse("quality:surveys"), get=internal()),
    "quality:survey_create": Case(
        url=lambda w: reverse("quality:survey_create"),
        get=only(MANAGERS),
        post=only(MANAGERS, ok=INVALID),
    ),
    "quality:survey": Case(url=_survey("quality:survey"), get=internal(denied=NOT_FOUND)),
    "quality:survey_edit": Case(
        url=_survey("quality:survey_edit"),
        get=visible(SURVEY_KEEPERS),
        post=visible(SURVEY_KEEPERS, ok=INVALID),
    ),
    "quality:survey_import": Case(
        url=_survey("quality:survey_import"),
        get=visible(SURVEY_KEEPERS),
        post=visible(SURVEY_KEEPERS, ok=INVALID),
    ),
    "quality:customer_plan_current": Case(
        url=lambda w: reverse("quality:customer_plan_current"), get=internal(ok=REDIRECT)
    ),
    "quality:customer_plan": Case(
        url=lambda w: reverse("quality:customer_plan", args=[2026]), get=internal()
    ),
    "quality:report": Case(url=_report("quality:report"), get=internal(denied=NOT_FOUND)),
    "quality:report_edit": Case(
        url=_report("quality:report_edit"),
        get=visible(DECIDERS),
        post=visible(DECIDERS, ok=REDIRECT),  # every field is optional: an empty text is saved
    ),
}

API = {
    ("GET", "/api/v1/quality/declarations"): ApiCase(
        lambda w: "/api/v1/quality/declarations",
        roles(OK, anonymous=UNAUTHORIZED, outsider=FORBIDDEN),
    ),
}
