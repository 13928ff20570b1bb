from __future__ import annotations

from typing import Any

from tests.goals.factories import Chain, close_february, open_period
from tests.world import World


def test_the_chain_has_the_vision_areas_goals_indicators_and_commitments(
    world: World, chain: Chain, api_for: Any
) -> None:
    open_period(chain.periods["interim"])
    data = (
        api_for("politiker")
        .get(f"/api/v1/goals/chain?year=2026&period={chain.periods['interim'].pk}")
        .json()
    )
    assert data["vision"]["statement"] == "Världsvan & hemkär"
    area = next(a for a in data["areas"] if a["title"] == "Trygghet och hälsa")
    goal = next(g for g in area["goals"] if g["title"] == "3.1 Äldre upplever trygghet")
    assert goal["status"] == "yellow"
    indicator = next(i for i in goal["indicators"] if i["title"] == "Brukarbedömning helhetssyn")
    assert indicator["status"] == "green"
    assert {(t["kind"], t["value"]) for t in indicator["targets"]} == {
        ("final", "88.0000"),
        ("preliminary", "80.0000"),
    }
    assert indicator["actuals"][0]["value_women"] == "92.0000"
    commitment = next(
        c for c in goal["commitments"] if c["title"] == "Öka kontinuiteten i hemtjänsten"
    )
    assert commitment["body"] == "Omsorgs- och socialnämnden"
    assert {a["title"] for a in commitment["activities"]} >= {"Fasta team runt varje brukare"}
    assert {m["title"] for m in commitment["measures"]} == {
        "Besök av kontaktmannen",
        "Brukare med fast team",
    }


def test_an_activitys_chain_goes_up_to_the_vision(world: World, chain: Chain, api_for: Any) -> None:
    data = (
        api_for("medarbetare")
        .get(f"/api/v1/goals/activities/{chain.activities['team'].pk}/chain")
        .json()
    )
    assert [link["kind"] for link in data] == [
        "activity",
        "unit",
        "commitment",
        "body",
        "goal",
        "area",
        "vision",
    ]


def test_the_periods_have_their_state(world: World, chain: Chain, api_for: Any) -> None:
    close_february(world)
    data = api_for("medarbetare").get("/api/v1/goals/periods?year=2026").json()
    february = next(p for p in data if p["key"] == "2026-02-manad")
    assert february["state"] == "closed" and len(data) == 15


def test_a_follow_up_written_twice_on_an_old_version_is_a_conflict(
    world: World, chain: Chain, api_for: Any
) -> None:
    client = api_for("enhetschef")
    body = {
        "subject": "activity",
        "subject_id": chain.activities["team"].pk,
        "period_id": chain.periods["nov"].pk,
        "analysis": "Första",
    }
    first = client.post("/api/v1/goals/followups", body, content_type="application/json").json()
    second = client.post(
        "/api/v1/goals/followups",
        {**body, "analysis": "Andra", "version": first["version"]},
        content_type="application/json",
    )
    assert second.status_code == 200
    stale = client.post(
        "/api/v1/goals/followups",
        {**body, "analysis": "Tredje", "version": first["version"]},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert "Andra" in stale.json()["detail"]


def test_a_user_outside_the_scope_gets_403(world: World, chain: Chain, api_for: Any) -> None:
    body = {
        "subject": "activity",
        "subject_id": chain.activities["team"].pk,
        "period_id": chain.periods["nov"].pk,
    }
    response = api_for("enhetschef_soder").post(
        "/api/v1/goals/followups", body, content_type="application/json"
    )
    assert response.status_code == 403
