"""Styrdokument for tests: a political one in force (public) and an internal rutin."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile

from redthread.documents.models import DocumentFile, DocumentLink, GoverningDocument
from tests.world import World

C = GoverningDocument.Category


def make_document(world: World, **values: Any) -> GoverningDocument:
    """A riktlinje of omsorgs- och socialnämnden, in force, unless told otherwise."""
    category = values.pop("category", C.GUIDELINE)
    political = GoverningDocument.kind_for(category) == GoverningDocument.Kind.WHAT
    defaults: dict[str, Any] = {
        "municipality": world.municipality,
        "category": category,
        "title": "Riktlinje för hemtjänst",
        "summary": "Hur hemtjänsten planeras och följs upp.",
        "decision": world.decisions["osn"] if political else None,
        "unit": world.units["osf"] if political else world.units["norr"],
        "adopted_on": None if political else dt.date(2025, 3, 1),
        "owner": world.people["forvaltningschef"],
        "valid_from": dt.date(2026, 2, 1),
        "review_by": dt.date(2028, 2, 1),
    }
    defaults.update(values)
    document = GoverningDocument(**defaults)
    document.full_clean()
    document.save()
    return document


def public_document(world: World) -> GoverningDocument:
    return GoverningDocument.objects.filter(title="Riktlinje för hemtjänst").first() or (
        make_document(world)
    )


def internal_document(world: World) -> GoverningDocument:
    """A rutin of Hemtjänst Norr; its dokumentansvarig is the enhetschef."""
    return GoverningDocument.objects.filter(title="Rutin för nyckelhantering").first() or (
        make_document(
            world,
            category=C.ROUTINE,
            title="Rutin för nyckelhantering",
            summary="Hur nycklar till brukarnas bostäder kvitteras och förvaras.",
            owner=world.people["enhetschef"],
        )
    )


def with_file(
    document: GoverningDocument, text: str = "Version ett", name: str = "rutin.txt"
) -> DocumentFile:
    return DocumentFile.objects.add(document, ContentFile(text.encode(), name=name), comment="")


def a_link(world: World) -> DocumentLink:
    from django.contrib.contenttypes.models import ContentType

    document = internal_document(world)
    link, _created = DocumentLink.objects.get_or_create(
        document=document,
        content_type=ContentType.objects.get_for_model(world.units["norr"]),
        object_id=world.units["norr"].pk,
    )
    return link
