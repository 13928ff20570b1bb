from __future__ import annotations

from django.urls import reverse

from tests.access import (
    NOT_FOUND,
    OK,
    REDIRECT,
    ApiCase,
    Case,
    internal,
    only,
    public,
    roles,
)
from tests.documents.factories import a_link, internal_document, with_file

# May start a document: keepers of the register, förvaltningschef, nämndsekreterare.
ADDERS = ["kvalitetsstrateg", "admin", "forvaltningschef", "namndsekreterare"]
# May change the enhetschef's rutin in Hemtjänst Norr: keepers, its owner, the förvaltningschef.
EDITORS = ["kvalitetsstrateg", "admin", "enhetschef", "forvaltningschef"]


def _doc_url(name: str):  # type: ignore[no-untyped-def]
    return lambda w: reverse(name, args=[internal_document(w).pk])


def editors(ok: int = OK) -> dict[str, int | str]:
    return only(EDITORS, ok=ok) | {"outsider": NOT_FOUND}


def _file_url(w):  # type: ignore[no-untyped-def]
    document = internal_document(w)
    version = document.files.first() or with_file(document)
    return reverse("documents:file", args=[document.pk, version.number])


PAGES = {
    "documents:register": Case(url=lambda w: reverse("documents:register"), get=public()),
    "documents:detail": Case(url=_doc_url("documents:detail"), get=internal(denied=NOT_FOUND)),
    "documents:create": Case(
        url=lambda w: reverse("documents:create"),
        get=only(ADDERS),
        post=only(ADDERS),  # empty form: errors shown, nothing saved
    ),
    "documents:edit": Case(url=_doc_url("documents:edit"), get=editors(), post=editors()),
    "documents:upload": Case(url=_doc_url("documents:upload"), get=editors(), post=editors()),
    "documents:file": Case(url=_file_url, get=internal(denied=NOT_FOUND)),
    "documents:review": Case(url=_doc_url("documents:review"), get=editors(), post=editors()),
    "documents:start_revision": Case(
        url=_doc_url("documents:start_revision"), post=editors(ok=REDIRECT)
    ),
    "documents:revoke": Case(url=_doc_url("documents:revoke"), get=editors(), post=editors()),
    "documents:link_add": Case(url=_doc_url("documents:link_add"), post=editors(ok=REDIRECT)),
    "documents:link_delete": Case(
        url=lambda w: reverse("documents:link_delete", args=[a_link(w).pk]),
        post=editors(ok=REDIRECT),
    ),
}

API = {
    ("GET", "/api/v1/documents"): ApiCase(lambda w: "/api/v1/documents", roles(OK, anonymous=OK)),
    ("GET", "/api/v1/documents/{document_id}"): ApiCase(
        lambda w: f"/api/v1/documents/{internal_document(w).pk}",
        roles(OK, anonymous=NOT_FOUND, outsider=NOT_FOUND),
    ),
}
