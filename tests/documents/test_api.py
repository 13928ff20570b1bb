from __future__ import annotations

from typing import Any

from redthread.documents.models import GoverningDocument
from tests.documents.factories import internal_document, make_document, public_document, with_file
from tests.world import World


def test_the_api_lists_documents_with_their_decision_state_and_review_date(
    world: World, api_for: Any
) -> None:
    public_document(world)
    internal_document(world)
    body = api_for("medarbetare").get("/api/v1/documents", {"kind": "what"}).json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["title"] == "Riktlinje för hemtjänst"
    assert item["kind"] == "what" and item["category_label"] == "riktlinje"
    assert item["state"] == "in_force" and item["review_by"] == "2028-02-01"
    assert item["decision"] == {
        "id": world.decisions["osn"].pk,
        "body": "Omsorgs- och socialnämnden",
        "body_short_name": "OSN",
        "date": "2026-01-28",
        "paragraph": "5",
        "case_number": "OSN 2026:12",
        "citation": "OSN 2026-01-28 § 5, dnr OSN 2026:12",
    }
    how = api_for("medarbetare").get("/api/v1/documents", {"kind": "how"}).json()
    assert [i["title"] for i in how["items"]] == ["Rutin för nyckelhantering"]
    assert how["items"][0]["decision"] is None


def test_without_credentials_the_api_lists_public_documents_only(
    world: World, api_for: Any
) -> None:
    public_document(world)
    internal_document(world)
    body = api_for("anonymous").get("/api/v1/documents").json()
    assert [i["title"] for i in body["items"]] == ["Riktlinje för hemtjänst"]
    assert api_for("anonymous").get("/api/v1/documents", {"kind": "how"}).json()["count"] == 0


def test_a_bad_token_is_refused_rather_than_read_as_anonymous(world: World) -> None:
    from django.test import Client

    response = Client(HTTP_AUTHORIZATION="Bearer wrong").get("/api/v1/documents")
    assert response.status_code == 401


def test_an_unknown_kind_is_refused_with_the_field_named(world: World, api_for: Any) -> None:
    response = api_for("medarbetare").get("/api/v1/documents", {"kind": "why"})
    assert response.status_code == 422 and "kind ska vara ett av" in response.json()["detail"]


def test_a_document_in_the_api_lists_its_file_versions_and_successor(
    world: World, api_for: Any
) -> None:
    old = public_document(world)
    with_file(old, "v1")
    with_file(old, "v2")
    new = make_document(
        world,
        title="Riktlinje för hemtjänst 2027",
        replaces=old,
        decision=world.decisions["ledningssystem"],
    )
    body = api_for("revisor").get(f"/api/v1/documents/{old.pk}").json()
    assert [f["version"] for f in body["files"]] == [2, 1]
    assert body["state"] == GoverningDocument.State.REVOKED and body["replaced_by_id"] == new.pk
