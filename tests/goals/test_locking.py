"""Closing a period makes its follow-ups, actuals and targets read-only: pages, API and admin."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse

from redthread.goals.models import Actual, FollowUp, Target
from tests.goals.factories import Chain, close_february, open_period
from tests.world import World


def _close(period: Any) -> Any:
    open_period(period)
    period.close()
    return period


def test_the_page_refuses_a_follow_up_in_a_closed_period(
    world: World, chain: Chain, client_for: Any
) -> None:
    period = _close(chain.periods["interim"])
    url = reverse("goals:followup", args=["activity", chain.activities["team"].pk, period.pk])
    response = client_for("enhetschef").post(
        url, {"status": "green", "forecast_status": "none", "analysis": "x", "action": "submit"}
    )
    assert response.status_code == 403
    assert not FollowUp.objects.filter(period=period, activity=chain.activities["team"]).exists()


def test_an_existing_follow_up_of_a_closed_period_opens_read_only(
    world: World, chain: Chain, client_for: Any
) -> None:
    period = open_period(chain.periods["interim"])
    followup = FollowUp.objects.create(
        period=period,
        activity=chain.activities["team"],
        status="green",
        analysis="Före",
        author=world.users["enhetschef"],
    )
    period.close()
    client = client_for("enhetschef")
    url = reverse("goals:followup", args=["activity", chain.activities["team"].pk, period.pk])
    response = client.post(
        url, {"status": "red", "forecast_status": "none", "analysis": "Efter", "action": "save"}
    )
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.analysis == "Före"


def test_the_api_answers_409_for_a_closed_period(world: World, chain: Chain, api_for: Any) -> None:
    period = _close(chain.periods["nov"])
    response = api_for("enhetschef").post(
        "/api/v1/goals/followups",
        {
            "subject": "activity",
            "subject_id": chain.activities["team"].pk,
            "period_id": period.pk,
            "status": "green",
        },
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "stängd" in response.json()["detail"]


def test_the_admin_refuses_to_change_a_follow_up_of_a_closed_period(
    world: World, chain: Chain, client_for: Any
) -> None:
    followup = chain.extra["submitted"]
    admin = client_for("admin")
    change_url = reverse("admin:goals_followup_change", args=[followup.pk])
    assert admin.get(change_url).status_code == 200
    _close(chain.periods["nov"])
    response = admin.post(change_url, {"status": "red", "analysis": "Ändrat i admin"})
    assert response.status_code == 403
    followup.refresh_from_db()
    assert followup.analysis == "Klart enligt plan."


def test_the_admin_refuses_to_change_an_actual_of_a_closed_period(
    world: World, chain: Chain, client_for: Any
) -> None:
    actual = Actual.objects.get(
        indicator=chain.indicators["nojdhet"], period=chain.periods["interim"]
    )
    _close(chain.periods["interim"])
    response = client_for("admin").post(
        reverse("admin:goals_actual_change", args=[actual.pk]), {"value": "1"}
    )
    assert response.status_code == 403
    actual.refresh_from_db()
    assert actual.value == Decimal(90)


def test_a_target_is_read_only_once_a_period_of_its_year_is_closed(
    world: World, chain: Chain, client_for: Any
) -> None:
    target = Target.objects.get(indicator=chain.indicators["nojdhet"], year=2026, kind="final")
    user = world.users["kvalitetsstrateg"]
    assert target.locking_period() is None
    close_february(world)
    assert target.locking_period() is not None
    assert not user.has_perm("goals.change_target", target)
    response = client_for("kvalitetsstrateg").post(
        reverse("admin:goals_target_change", args=[target.pk]), {"value": "1"}
    )
    assert response.status_code == 403


def test_reopening_the_period_with_a_decision_makes_it_writable_again(
    world: World, chain: Chain, api_for: Any
) -> None:
    period = _close(chain.periods["nov"])
    period.reopen(world.decisions["osn"], "Fel i rapporteringen")
    response = api_for("enhetschef").post(
        "/api/v1/goals/followups",
        {
            "subject": "activity",
            "subject_id": chain.activities["team"].pk,
            "period_id": period.pk,
            "status": "green",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
