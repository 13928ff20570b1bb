from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from redthread.cycle.models import PeriodClosed, ReportingPeriod, default_periods
from tests.world import World


def _period(world: World, kind: str = "interim", year: int = 2026) -> ReportingPeriod:
    return ReportingPeriod.objects.get(municipality=world.municipality, kind=kind, year=year)


def test_a_year_has_month_reports_except_january_and_july() -> None:
    months = [p["end_date"].month for p in default_periods(2026) if p["kind"] == "month"]
    assert months == [2, 3, 4, 5, 6, 8, 9, 10, 11, 12]


def test_a_year_has_forecasts_in_april_august_and_october_a_delar_and_a_helar() -> None:
    periods = default_periods(2026)
    assert [p["end_date"] for p in periods if p["kind"] == "forecast"] == [
        dt.date(2026, 4, 30),
        dt.date(2026, 8, 31),
        dt.date(2026, 10, 31),
    ]
    assert [p["end_date"] for p in periods if p["kind"] == "interim"] == [dt.date(2026, 8, 31)]
    assert [p["end_date"] for p in periods if p["kind"] == "annual"] == [dt.date(2026, 12, 31)]


def test_a_closed_period_refuses_writes_and_says_who_can_reopen(world: World) -> None:
    period = _period(world)
    period.close()
    with pytest.raises(PeriodClosed, match="Kvalitetsstrategen"):
        period.ensure_writable()


def test_reopening_cites_a_decision_and_is_recorded(world: World) -> None:
    period = _period(world)
    period.close()
    period.reopen(world.decisions["osn"], "Rättelse av felaktigt utfall")
    period.refresh_from_db()
    assert period.state == ReportingPeriod.State.OPEN
    assert period.reopened_by == world.decisions["osn"]
    assert period.history.first().history_change_reason == "Rättelse av felaktigt utfall"


def test_a_locked_period_is_never_reopened(world: World) -> None:
    period = _period(world)
    period.close()
    period.lock()
    with pytest.raises(ValidationError, match="låst"):
        period.reopen(world.decisions["osn"])


def test_only_the_kvalitetsstrateg_reopens_and_must_cite_a_decision(
    world: World, client_for: Any
) -> None:
    period = _period(world)
    period.close()
    url = reverse("cycle:period_transition", args=[period.pk, "reopen"])
    assert client_for("forvaltningschef").post(url, {}).status_code == 403
    response = client_for("kvalitetsstrateg").post(url, {"reason": "x"})
    assert response.status_code == 400
    assert "Välj det beslut" in response.content.decode()
    response = client_for("kvalitetsstrateg").post(
        url, {"decision": world.decisions["osn"].pk, "reason": "Rättelse"}
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.state == ReportingPeriod.State.OPEN
