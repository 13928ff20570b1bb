from __future__ import annotations

from typing import Any

from tests.world import World


def test_the_api_lists_bodies_with_their_kind(world: World, api_for: Any) -> None:
    data = api_for("medarbetare").get("/api/v1/organisation/bodies").json()
    osn = next(b for b in data if b["short_name"] == "OSN")
    assert osn["kind"] == "committee" and osn["kind_label"] == "nämnd"


def test_the_api_explains_a_missing_token_in_swedish(world: World, api_for: Any) -> None:
    response = api_for("anonymous").get("/api/v1/organisation/bodies")
    assert response.status_code == 401
    assert "API-nyckel" in response.json()["detail"]


def test_the_api_names_the_invalid_fields(world: World, api_for: Any) -> None:
    response = api_for("namndsekreterare").post(
        "/api/v1/organisation/decisions",
        {"body_id": world.bodies["osn"].pk, "date": "i morgon", "paragraph": ""},
        content_type="application/json",
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "date" in detail and "title" in detail


def test_the_api_records_a_decision_and_refuses_the_same_paragraph_twice(
    world: World, api_for: Any
) -> None:
    body = {
        "body_id": world.bodies["osn"].pk,
        "date": "2026-11-24",
        "paragraph": "7",
        "title": "Taxor 2027",
    }
    client = api_for("namndsekreterare")
    first = client.post("/api/v1/organisation/decisions", body, content_type="application/json")
    assert first.status_code == 201 and first.json()["citation"] == "OSN 2026-11-24 § 7"
    second = client.post("/api/v1/organisation/decisions", body, content_type="application/json")
    assert second.status_code == 400
    assert "paragrafen" in second.json()["detail"]


def test_the_revisor_cannot_write_through_the_api(world: World, api_for: Any) -> None:
    body = {
        "body_id": world.bodies["rev"].pk,
        "date": "2026-11-24",
        "paragraph": "1",
        "title": "Revisionsplan",
    }
    response = api_for("revisor").post(
        "/api/v1/organisation/decisions", body, content_type="application/json"
    )
    assert response.status_code == 403
    assert "läsbehörighet" in response.json()["detail"]


def test_the_schema_is_published(world: World) -> None:
    from django.test import Client

    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/organisation/bodies" in schema["paths"]
