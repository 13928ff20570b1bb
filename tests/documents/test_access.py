"""Political documents in force are public; everything else is internal."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from redthread.documents.models import GoverningDocument
from tests.documents.factories import internal_document, make_document, public_document, with_file
from tests.world import World

C = GoverningDocument.Category


def _register(client: Any, **params: str) -> str:
    return str(client.get(reverse("documents:register"), params).content.decode())


def test_the_public_sees_political_documents_in_force_only(world: World, client_for: Any) -> None:
    public_document(world)
    internal_document(world)
    make_document(world, category=C.POLICY, title="Gammal policy").revoke(
        decision=world.decisions["osn"]
    )
    make_document(world, category=C.PROGRAMME, title="Program som revideras").start_revision()
    page = _register(client_for("anonymous"))
    assert "Riktlinje för hemtjänst" in page
    for hidden in ["Rutin för nyckelhantering", "Gammal policy", "Program som revideras"]:
        assert hidden not in page
    assert "Rutin för nyckelhantering" in _register(client_for("medarbetare"))


def test_the_public_filters_cannot_reveal_internal_documents(world: World, client_for: Any) -> None:
    internal_document(world)
    page = _register(client_for("anonymous"), slag="how", status="alla", q="nyckel")
    assert "Rutin för nyckelhantering" not in page


def test_anyone_reads_a_public_document_and_downloads_its_file(
    world: World, client_for: Any
) -> None:
    document = public_document(world)
    version = with_file(document, "Riktlinjens text", "riktlinje.txt")
    anonymous = client_for("anonymous")
    assert anonymous.get(document.get_absolute_url()).status_code == 200
    response = anonymous.get(version.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Riktlinjens text"
    assert 'filename="riktlinje.txt"' in response["Content-Disposition"]


def test_an_internal_document_and_its_file_send_the_public_to_the_login_page(
    world: World, client_for: Any
) -> None:
    document = internal_document(world)
    version = with_file(document)
    for url in (document.get_absolute_url(), version.get_absolute_url()):
        response = client_for("anonymous").get(url)
        assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
        assert client_for("outsider").get(url).status_code == 404
        assert client_for("medarbetare").get(url).status_code == 200


def test_a_revoked_political_document_is_no_longer_public(world: World, client_for: Any) -> None:
    document = public_document(world)
    document.revoke(decision=world.decisions["osn"])
    assert client_for("anonymous").get(document.get_absolute_url()).status_code == 302
    assert client_for("revisor").get(document.get_absolute_url()).status_code == 200


def test_the_public_page_does_not_link_to_internal_pages(world: World, client_for: Any) -> None:
    document = public_document(world)
    page = client_for("anonymous").get(document.get_absolute_url()).content.decode()
    assert world.decisions["osn"].citation in page
    assert reverse("organisation:decision", args=[world.decisions["osn"].pk]) not in page
    assert reverse("organisation:person", args=[document.owner_id]) not in page
    assert "Historik" not in page


def test_the_revisor_reads_everything_and_changes_nothing(world: World, client_for: Any) -> None:
    document = internal_document(world)
    revisor = client_for("revisor")
    assert revisor.get(document.get_absolute_url()).status_code == 200
    response = revisor.post(reverse("documents:start_revision", args=[document.pk]))
    assert response.status_code == 403
    document.refresh_from_db()
    assert document.state == GoverningDocument.State.IN_FORCE


def test_the_public_start_page_leads_to_the_political_documents(client_for: Any) -> None:
    page = client_for("anonymous").get("/").content.decode()
    assert reverse("documents:register") in page and "Styrdokument" in page
