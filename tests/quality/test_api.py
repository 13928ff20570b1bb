"""GET /api/v1/quality/declarations: each promise with its measure and its latest result."""

from __future__ import annotations

from typing import Any

from tests.quality.factories import a_decided_declaration, a_declaration
from tests.world import World

URL = "/api/v1/quality/declarations"


def test_each_promise_comes_with_its_measure_and_latest_result(world: World, api_for: Any) -> None:
    a_decided_declaration(world)
    body = api_for("revisor").get(URL).json()
    (declaration,) = body
    assert declaration["code"] == "hemtjanst-test"
    assert declaration["state"] == "in_force"
    assert declaration["version"] == {
        "number": 2,
        "valid_from": "2026-03-18",
        "decision": "OSN 2026-03-18 § 31",
    }
    kept, team = declaration["promises"]
    assert kept["measure"]["title"] == "Besök av kontaktmannen"
    assert kept["latest_result"]["period"]["key"] == "2026-08-delar"
    assert kept["latest_result"]["actual"] == "66.9000"
    assert kept["latest_result"]["target"] == "70.0000"
    assert (kept["latest_result"]["status"], kept["latest_result"]["kept"]) == (
        "yellow",
        "Löftet hölls nästan",
    )
    assert team["latest_result"] is None


def test_drafts_are_listed_for_the_organisation_and_can_be_left_out(
    world: World, api_for: Any
) -> None:
    a_declaration(world)
    client = api_for("medarbetare")
    (draft,) = client.get(URL).json()
    assert draft["state"] == "draft" and draft["version"] is None and draft["public_url"] is None
    assert client.get(URL, {"state": "in_force"}).json() == []


def test_the_api_asks_for_a_login(world: World, api_for: Any) -> None:
    assert api_for("anonymous").get(URL).status_code == 401
    assert api_for("outsider").get(URL).status_code == 403
