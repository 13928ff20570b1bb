"""Who may do what with styrdokument (DESIGN §5).

Political documents (VAD) in force are public: anyone reads them and their files, signed in
or not. Every other document is internal. The register is kept by the kvalitetsstrateg and
the administratör; the dokumentansvarig keeps their own documents; a förvaltningschef keeps
the HUR-dokument of the förvaltning, and prepares the VAD-dokument of the bodies it serves
together with their nämndsekreterare. The revisor reads, never writes.
"""

from __future__ import annotations

from typing import Any

from redthread.core.rulebook import add_perm, predicate
from redthread.organisation.predicates import (
    is_administrator,
    is_internal,
    is_quality_strategist,
    is_writer,
    reads_all,
)


def _document(obj: Any) -> Any:
    """The document behind ``obj``: a document itself, or one of its files or links."""
    return getattr(obj, "document", obj) if obj is not None else None


@predicate
def is_public_document(user: Any, obj: Any) -> bool:
    document = _document(obj)
    return bool(document is not None and document.is_public)


@predicate
def keeps_register(user: Any) -> bool:
    return bool(is_quality_strategist(user) or is_administrator(user))


@predicate
def is_document_owner(user: Any, obj: Any) -> bool:
    document = _document(obj)
    if document is None or not user.is_authenticated or document.owner_id is None:
        return False
    return bool(user.scope.person_id == document.owner_id)


@predicate
def prepares_document(user: Any, obj: Any) -> bool:
    """Heads the förvaltning of a HUR-dokument, or prepares/records for the body of a VAD-dokument."""
    document = _document(obj)
    if document is None or not user.is_authenticated:
        return False
    scope = user.scope
    if document.unit_id is not None and scope.heads(document.unit):
        return True
    body = document.body
    return bool(body is not None and (scope.prepares_for(body) or scope.records_for(body)))


@predicate
def prepares_somewhere(user: Any) -> bool:
    """Heads a förvaltning or is secretary of a body: may start a new document."""
    if not user.is_authenticated:
        return False
    scope = user.scope
    return bool(scope.headed_paths or scope.secretary_body_ids)


@predicate
def adds_document(user: Any, obj: Any) -> bool:
    if obj is None:
        return bool(prepares_somewhere(user))
    return bool(prepares_document(user, obj))


@predicate
def nobody(user: Any) -> bool:
    """Written by the system only (the reminder job)."""
    return False


may_edit = is_writer & (keeps_register | is_document_owner | prepares_document)

add_perm("documents.view_governingdocument", is_internal | is_public_document)
add_perm("documents.add_governingdocument", is_writer & (keeps_register | adds_document))
add_perm("documents.change_governingdocument", may_edit)
add_perm("documents.delete_governingdocument", is_writer & is_administrator)

add_perm("documents.view_documentfile", is_internal | is_public_document)
add_perm("documents.add_documentfile", may_edit)
add_perm("documents.change_documentfile", is_writer & is_administrator)
add_perm("documents.delete_documentfile", is_writer & is_administrator)

add_perm("documents.view_documentlink", is_internal)
add_perm("documents.add_documentlink", may_edit)
add_perm("documents.change_documentlink", may_edit)
add_perm("documents.delete_documentlink", may_edit)

add_perm("documents.view_reviewreminder", reads_all)
add_perm("documents.add_reviewreminder", nobody)
add_perm("documents.change_reviewreminder", nobody)
add_perm("documents.delete_reviewreminder", is_writer & is_administrator)
