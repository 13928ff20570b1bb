from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from redthread.documents.models import DocumentFile, GoverningDocument
from tests.documents.factories import internal_document
from tests.world import World


def _upload(
    client: Any, document: GoverningDocument, name: str, content: bytes, comment: str = ""
) -> Any:
    return client.post(
        reverse("documents:upload", args=[document.pk]),
        {"file": SimpleUploadedFile(name, content), "comment": comment},
    )


def _download(client: Any, version: DocumentFile) -> bytes:
    return b"".join(client.get(version.get_absolute_url()).streaming_content)


def test_a_new_upload_is_a_new_version_and_the_old_one_is_kept(
    world: World, client_for: Any
) -> None:
    document = internal_document(world)
    client = client_for("enhetschef")
    _upload(client, document, "rutin.txt", b"Forsta versionen")
    _upload(client, document, "rutin-rev.txt", b"Andra versionen", "Nytt nyckelskap")
    first, second = DocumentFile.objects.filter(document=document).order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert second.comment == "Nytt nyckelskap" and second.uploaded_by == world.users["enhetschef"]
    reader = client_for("medarbetare")
    assert _download(reader, first) == b"Forsta versionen"
    assert _download(reader, second) == b"Andra versionen"
    page = reader.get(document.get_absolute_url()).content.decode()
    assert "Hämta rutin-rev.txt" in page  # the latest version is the one offered first
    assert "Nytt nyckelskap" in page


def test_a_file_of_the_wrong_type_is_refused_and_nothing_is_stored(
    world: World, client_for: Any
) -> None:
    document = internal_document(world)
    response = _upload(client_for("enhetschef"), document, "rutin.exe", b"MZ")
    assert "PDF-, Word-, OpenDocument-, Excel- eller textfil" in response.content.decode()
    assert not document.files.exists()


def test_only_those_who_keep_the_document_upload_versions(world: World, client_for: Any) -> None:
    document = internal_document(world)
    assert _upload(client_for("medarbetare"), document, "a.txt", b"x").status_code == 403
    assert not document.files.exists()


def test_the_text_of_a_word_file_makes_the_document_searchable(
    world: World, client_for: Any
) -> None:
    from docx import Document

    buffer = io.BytesIO()
    word = Document()
    word.add_paragraph("Nycklarna förvaras i ett kodlåst skåp på kontoret.")
    word.save(buffer)
    document = internal_document(world)
    _upload(client_for("enhetschef"), document, "rutin.docx", buffer.getvalue())
    assert list(GoverningDocument.objects.search("kodlåst")) == [document]
    page = client_for("medarbetare").get(reverse("documents:register"), {"q": "kodlåst"})
    assert "Rutin för nyckelhantering" in page.content.decode()


def test_a_broken_word_file_is_stored_without_text(world: World, client_for: Any) -> None:
    document = internal_document(world)
    _upload(client_for("enhetschef"), document, "trasig.docx", b"not a zip file")
    assert document.files.get().text == ""
