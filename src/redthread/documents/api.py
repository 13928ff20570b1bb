"""Styrdokument API: the register with each document's decision, state and review date.

Political documents in force are public, so these operations also answer without
credentials (with the public documents only). A request that sends credentials that do
not hold is refused rather than quietly treated as anonymous.
"""

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from redthread.core.pagination import BoundedPagination
from redthread.core.permissions import get_visible_or_404
from redthread.documents.models import DocumentFile, GoverningDocument, GoverningDocumentQuerySet
from redthread.organisation.api_auth import ReadOnlyAwareSessionAuth, TokenAuth
from redthread.organisation.models import Decision, Municipality

API_PREFIX = "/documents"
router = Router(tags=["documents"])


def anonymous_reader(request: HttpRequest) -> Any:
    """No credentials at all: read as the public does."""
    if request.META.get("HTTP_AUTHORIZATION"):
        return None
    return "anonymous"


PUBLIC_READ = [TokenAuth(), ReadOnlyAwareSessionAuth(), anonymous_reader]


class DecisionRef(Schema):
    id: int
    body: str
    body_short_name: str
    date: dt.date
    paragraph: str
    case_number: str
    citation: str

    @staticmethod
    def resolve_body(obj: Decision) -> str:
        return obj.body.name

    @staticmethod
    def resolve_body_short_name(obj: Decision) -> str:
        return obj.body.label


class FileOut(Schema):
    version: int
    name: str
    comment: str
    uploaded_at: dt.datetime
    url: str

    @staticmethod
    def resolve_version(obj: DocumentFile) -> int:
        return obj.number

    @staticmethod
    def resolve_name(obj: DocumentFile) -> str:
        return obj.original_name

    @staticmethod
    def resolve_url(obj: DocumentFile) -> str:
        return obj.get_absolute_url()


class DocumentOut(Schema):
    id: int
    title: str
    reference: str
    kind: str
    kind_label: str
    category: str
    category_label: str
    state: str
    state_label: str
    decision: DecisionRef | None
    owner: str
    unit: str | None
    adopted_on: dt.date | None
    valid_from: dt.date
    review_by: dt.date
    last_reviewed_on: dt.date | None
    replaces_id: int | None
    replaced_by_id: int | None
    url: str

    @staticmethod
    def resolve_kind_label(obj: GoverningDocument) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_category_label(obj: GoverningDocument) -> str:
        return str(obj.get_category_display())

    @staticmethod
    def resolve_state_label(obj: GoverningDocument) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_owner(obj: GoverningDocument) -> str:
        return obj.owner.full_name

    @staticmethod
    def resolve_unit(obj: GoverningDocument) -> str | None:
        return obj.unit.name if obj.unit else None

    @staticmethod
    def resolve_replaced_by_id(obj: GoverningDocument) -> int | None:
        successor = obj.successor
        return successor.pk if successor else None

    @staticmethod
    def resolve_url(obj: GoverningDocument) -> str:
        return reverse("documents:detail", args=[obj.pk])


class DocumentDetailOut(DocumentOut):
    summary: str
    files: list[FileOut]

    @staticmethod
    def resolve_files(obj: GoverningDocument) -> list[DocumentFile]:
        return list(obj.files.all())


def _documents() -> GoverningDocumentQuerySet:
    return GoverningDocument.objects.filter(
        municipality=Municipality.objects.current()
    ).select_related("decision__body", "owner", "unit", "replaced_by")


@router.get(
    "",
    response=list[DocumentOut],
    auth=PUBLIC_READ,
    summary="Styrdokument",
    description="VAD-dokument (kind=what) och HUR-dokument (kind=how). Utan inloggning: "
    "de politiska dokument som gäller.",
)
@paginate(BoundedPagination)
def list_documents(
    request: HttpRequest,
    kind: Literal["what", "how"] | None = None,
    state: Literal["in_force", "under_revision", "revoked"] | None = None,
    q: str | None = None,
) -> Any:
    documents = _documents().visible_to(request.user).order_by("title", "pk")
    if kind is not None:
        documents = documents.filter(kind=kind)
    if state is not None:
        documents = documents.filter(state=state)
    if q:
        documents = documents.search(q.strip())
    return documents


@router.get(
    "/{document_id}", response=DocumentDetailOut, auth=PUBLIC_READ, summary="Ett styrdokument"
)
def get_document(request: HttpRequest, document_id: int) -> GoverningDocument:
    return get_visible_or_404(request.user, _documents().prefetch_related("files"), pk=document_id)
