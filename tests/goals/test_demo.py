"""The goal-chain demo loads twice to the same data and the API answers on it as documented."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from redthread.cycle.models import ReportingPeriod
from redthread.goals.models import Activity


@pytest.fixture
def demo(transactional_db: Any, settings: Any) -> None:
    call_command("flush", interactive=False, verbosity=0)
    settings.DEMO_MODE = True
    call_command("load_demo", "--only", "organisation", "goals", verbosity=0)


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m.__module__.startswith("redthread.goals")
    }


def test_the_goal_demo_loads_twice_to_the_same_data(demo: None) -> None:
    first = _counts()
    call_command("load_demo", "--only", "organisation", "goals", verbosity=0)
    assert _counts() == first
    assert first["goals.MunicipalGoal"] == 24  # twelve kommunmål in 2025 and in 2026
    assert 150 <= Activity.objects.filter(year=2026).count() <= 240


def test_the_api_answers_on_the_demo(demo: None) -> None:
    api = Client(HTTP_AUTHORIZATION="Bearer demo-enhetschef")
    chain = api.get("/api/v1/goals/chain?year=2026").json()
    assert chain["vision"]["statement"] == "Världsvan & hemkär"
    assert len(chain["areas"]) == 6
    assert sum(len(a["goals"]) for a in chain["areas"]) == 12
    assert all(
        g["status"] in {"green", "yellow", "red", "none"}
        for a in chain["areas"]
        for g in a["goals"]
    )

    activity = Activity.objects.filter(year=2026, unit__name="Hemtjänst Norr").first()
    assert activity is not None
    links = api.get(f"/api/v1/goals/activities/{activity.pk}/chain").json()
    assert (
        links[0]["kind"] == "activity" and links[-1]["title"] == "Vision 2025: Världsvan & hemkär"
    )

    periods = {p["key"]: p["state"] for p in api.get("/api/v1/goals/periods?year=2026").json()}
    assert periods["2026-08-delar"] == "closed" and periods["2026-11-manad"] == "open"

    november = ReportingPeriod.objects.get(kind="month", end_date="2026-11-30")
    body = {
        "subject": "activity",
        "subject_id": activity.pk,
        "period_id": november.pk,
        "status": "green",
        "analysis": "Enligt plan.",
        "submit": True,
    }
    assert (
        api.post("/api/v1/goals/followups", body, content_type="application/json").status_code
        == 201
    )
    interim = ReportingPeriod.objects.get(kind="interim", year=2026)
    closed = api.post(
        "/api/v1/goals/followups",
        {**body, "period_id": interim.pk},
        content_type="application/json",
    )
    assert closed.status_code == 409
    other = Client(HTTP_AUTHORIZATION="Bearer demo-medarbetare")
    assert (
        other.post("/api/v1/goals/followups", body, content_type="application/json").status_code
        == 403
    )
