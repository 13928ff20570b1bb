"""The finance API."""

from __future__ import annotations

from typing import Any

from tests.finance.factories import FinanceWorld


def test_the_api_gives_totalbudget_and_frames_per_namnd(fw: FinanceWorld, api_for: Any) -> None:
    data = api_for("politiker").get("/api/v1/finance/budget-years/2026/bodies").json()
    osn = next(row for row in data if row["body"] == "Omsorgs- och socialnämnden")
    assert osn["total_budget"] == 1_000_000_000
    assert osn["frames"] == {
        "2026": 1_000_000_000,
        "2027": 1_020_000_000,
        "2028": 1_040_000_000,
        "2029": 1_060_000_000,
    }


def test_the_ekonom_books_a_change_through_the_api_and_the_bridge_shows_it(
    fw: FinanceWorld, api_for: Any
) -> None:
    client = api_for("ekonom")
    body = {
        "kind": "appropriation",
        "decision_id": fw.ks_decision.pk,
        "title": "Tilläggsanslag hemtjänst",
        "lines": [{"body_id": fw.world.bodies["osn"].pk, "amount": 2_000_000}],
    }
    created = client.post(
        "/api/v1/finance/budget-years/2026/changes", body, content_type="application/json"
    )
    assert (
        created.status_code == 201
        and created.json()["decision"] == "KS 2026-03-10 § 44, dnr KS 2026:57"
    )
    bridge = client.get(
        f"/api/v1/finance/budget-years/2026/bodies/{fw.world.bodies['osn'].pk}/bridge"
    ).json()
    assert [row["budget_after"] for row in bridge] == [1_000_000_000, 1_002_000_000]


def test_the_api_refuses_a_change_beyond_the_reserve_in_swedish(
    fw: FinanceWorld, api_for: Any
) -> None:
    body = {
        "kind": "appropriation",
        "decision_id": fw.ks_decision.pk,
        "title": "För mycket",
        "lines": [{"body_id": fw.world.bodies["osn"].pk, "amount": 99_000_000}],
    }
    response = api_for("ekonom").post(
        "/api/v1/finance/budget-years/2026/changes", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "ofördelade anslag" in response.json()["detail"]


def test_the_annual_budget_cannot_be_booked_through_the_api(fw: FinanceWorld, api_for: Any) -> None:
    body = {
        "kind": "annual",
        "decision_id": fw.kf_budget.pk,
        "title": "x",
        "lines": [{"body_id": fw.world.bodies["osn"].pk, "amount": 1}],
    }
    response = api_for("ekonom").post(
        "/api/v1/finance/budget-years/2026/changes", body, content_type="application/json"
    )
    assert response.status_code == 400 and "årsbudgeten" in response.json()["detail"]
