from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine

from redthread.control.models import ControlPoint
from tests.control import factories as f
from tests.world import World


@time_machine.travel(dt.date(2026, 3, 1), tick=False)
def test_the_plans_of_a_year_with_decisions_and_common_points(world: World, api_for: Any) -> None:
    f.plan(world, decided=True)
    f.point(world)
    f.common_point(world)
    plans = api_for("revisor").get("/api/v1/control/plans?year=2026").json()
    by_body = {p["body"]: p for p in plans}
    assert set(by_body) == {"Kommunstyrelsen", "Omsorgs- och socialnämnden", "Utbildningsnämnden"}
    osn = by_body["Omsorgs- och socialnämnden"]
    assert osn["decision"]["citation"] == "OSN 2026-01-28 § 5, dnr OSN 2026:12"
    assert (osn["status"], osn["is_late"], osn["deadline"]) == ("decided", False, "2026-01-31")
    points = {p["title"]: p for p in osn["control_points"]}
    assert points["Avtalstrohet vid inköp"]["common"] is True
    assert points["Attest av leverantörsfakturor"]["common"] is False
    assert [p["label"] for p in points["Attest av leverantörsfakturor"]["report_periods"]] == [
        "Delår 2026",
        "Helår 2026",
    ]
    un = by_body["Utbildningsnämnden"]
    assert un["decision"] is None and un["status"] == "late"
    assert [p["common"] for p in un["control_points"]] == [True]


def test_the_risks_of_a_nämnd_with_value_and_band(world: World, api_for: Any) -> None:
    f.risk(world, title="Röd", probability=3, consequence=3)
    f.risk(world, title="Gul", probability=2, consequence=4)
    f.risk(world, title="Grön", probability=1, consequence=4)
    f.risk(world, body="un", title="Skolans")
    risks = api_for("politiker").get(f"/api/v1/control/risks?body={world.bodies['osn'].pk}").json()
    assert [(r["title"], r["value"], r["band"]) for r in risks] == [
        ("Grön", 4, "green"),
        ("Gul", 8, "yellow"),
        ("Röd", 9, "red"),
    ]
    assert risks[0]["probability"] == 1 and risks[0]["consequence"] == 4


def test_the_risks_api_gives_the_latest_assessment_or_the_years(world: World, api_for: Any) -> None:
    f.risk(world, title="R", probability=3, consequence=4, year=2025)
    f.risk(world, title="R", probability=2, consequence=2, year=2026)
    client = api_for("politiker")
    latest = client.get("/api/v1/control/risks").json()
    assert [(r["year"], r["value"]) for r in latest] == [(2026, 4)]
    earlier = client.get("/api/v1/control/risks?year=2025").json()
    assert [(r["year"], r["value"], r["band"]) for r in earlier] == [(2025, 12, "red")]


def test_a_query_count_independent_of_the_number_of_points(
    world: World, api_for: Any, django_assert_max_num_queries: Any
) -> None:
    plan = f.plan(world)
    for n in range(8):
        ControlPoint.objects.create(plan=plan, title=f"P{n}", method="M", frequency="yearly")
    client = api_for("politiker")
    client.get("/api/v1/control/plans?year=2026")
    with django_assert_max_num_queries(14):
        client.get("/api/v1/control/plans?year=2026")
