from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from redthread.control.models import ControlPlan, ControlSettings, PlanStatus, plan_status
from redthread.organisation.models import Body, Decision
from tests.control import factories as f
from tests.world import World

DEADLINE = dt.date(2026, 1, 31)


def _decided_on(world: World, day: dt.date) -> ControlPlan:
    plan = f.plan(world)
    decision = Decision.objects.create(
        body=world.bodies["osn"], date=day, paragraph=f"x{day:%m%d}", title="Plan"
    )
    plan.decide(decision)
    return plan


@pytest.mark.parametrize(
    ("decided", "today", "status"),
    [
        (dt.date(2025, 12, 15), dt.date(2026, 3, 1), PlanStatus.DECIDED),
        (dt.date(2026, 1, 31), dt.date(2026, 3, 1), PlanStatus.DECIDED),
        (dt.date(2026, 2, 1), dt.date(2026, 3, 1), PlanStatus.DECIDED_LATE),
        (None, dt.date(2026, 1, 31), PlanStatus.DRAFT),
        (None, dt.date(2026, 2, 1), PlanStatus.LATE),
    ],
)
def test_a_plan_not_decided_by_31_january_is_late(
    world: World, decided: dt.date | None, today: dt.date, status: PlanStatus
) -> None:
    plan = _decided_on(world, decided) if decided else f.plan(world)
    settings = ControlSettings.for_municipality(world.municipality)
    assert plan.status(settings, today) == status
    assert status.is_late == (status in (PlanStatus.DECIDED_LATE, PlanStatus.LATE))


def test_a_missing_plan_is_late_after_the_deadline_too() -> None:
    assert plan_status(None, DEADLINE, dt.date(2026, 1, 31)) == PlanStatus.MISSING
    assert plan_status(None, DEADLINE, dt.date(2026, 2, 1)) == PlanStatus.LATE


def test_the_deadline_is_configurable(world: World) -> None:
    settings = ControlSettings.objects.create(
        municipality=world.municipality, plan_deadline_month=2, plan_deadline_day=15
    )
    plan = _decided_on(world, dt.date(2026, 2, 10))
    assert plan.status(settings, dt.date(2026, 3, 1)) == PlanStatus.DECIDED


def test_a_plan_is_decided_by_its_own_nämnd(world: World) -> None:
    plan = f.plan(world)
    with pytest.raises(ValidationError, match="Omsorgs- och socialnämnden"):
        plan.decide(world.decisions["ledningssystem"])


@time_machine.travel(dt.date(2026, 2, 10), tick=False)
def test_a_late_plan_shows_as_late_everywhere_it_appears(world: World, client_for: Any) -> None:
    plan = f.plan(world)
    client = client_for("politiker")
    pages = [
        reverse("control:index") + "?ar=2026",
        reverse("control:plans") + "?ar=2026",
        plan.get_absolute_url(),
        reverse("control:evaluation", args=[2026]),
    ]
    for url in pages:
        assert "Inte beslutad – försenad" in client.get(url).content.decode(), url
    api = client_for("politiker").get("/api/v1/control/plans?year=2026").json()
    osn = next(p for p in api if p["body_id"] == world.bodies["osn"].pk)
    assert osn["is_late"] is True and osn["status"] == "late"
    un = next(p for p in api if p["body_id"] == world.bodies["un"].pk)
    assert un["plan_id"] is None and un["is_late"] is True  # no plan at all is late too
    home = client_for("namndpolitiker").get("/").content.decode()
    assert "Inte beslutad – försenad" in home  # on the start page of OSN's member


@time_machine.travel(dt.date(2026, 3, 1), tick=False)
def test_a_plan_decided_in_february_shows_as_decided_late(world: World, client_for: Any) -> None:
    plan = _decided_on(world, dt.date(2026, 2, 3))
    text = client_for("revisor").get(plan.get_absolute_url()).content.decode()
    assert "Beslutad för sent" in text and "2026-01-31" in text


@time_machine.travel(dt.date(2026, 1, 28), tick=False)
def test_the_secretary_records_the_nämnds_decision_on_the_plan(
    world: World, client_for: Any
) -> None:
    plan = f.plan(world)
    response = client_for("namndsekreterare").post(
        reverse("control:plan_decide", args=[plan.pk]),
        {"date": "2026-01-28", "paragraph": "9", "case_number": "OSN 2026:14"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.decision is not None
    assert plan.decision.citation == "OSN 2026-01-28 § 9, dnr OSN 2026:14"
    assert plan.decision.title == "Internkontrollplan 2026"


def test_the_decision_form_asks_for_a_decision_or_a_new_one(world: World, client_for: Any) -> None:
    plan = f.plan(world)
    response = client_for("namndsekreterare").post(
        reverse("control:plan_decide", args=[plan.pk]), {"case_number": "x"}
    )
    assert "Välj nämndens beslut" in response.content.decode()
    plan.refresh_from_db()
    assert plan.decision is None


def test_a_plan_created_after_ks_decided_gets_the_common_points(
    world: World, client_for: Any
) -> None:
    f.common_point(world, year=2027)
    newcomer = Body.objects.create(
        municipality=world.municipality, kind=Body.Kind.COMMITTEE, name="Socialnämnden"
    )
    world.units["osf"].serves.add(newcomer)
    response = client_for("forvaltningschef").post(
        reverse("control:plan_create"), {"body": newcomer.pk, "year": "2027"}
    )
    assert response.status_code == 302
    plan = ControlPlan.objects.get(body=newcomer, year=2027)
    assert [(p.title, p.is_common) for p in plan.points.all()] == [("Avtalstrohet vid inköp", True)]


def test_a_second_plan_for_the_same_year_is_refused(world: World, client_for: Any) -> None:
    f.plan(world)
    response = client_for("forvaltningschef").post(
        reverse("control:plan_create"), {"body": world.bodies["osn"].pk, "year": "2026"}
    )
    assert response.status_code == 200
    assert "redan en internkontrollplan" in response.content.decode()


def test_a_nämnds_staff_cannot_create_another_nämnds_plan(world: World, client_for: Any) -> None:
    response = client_for("forvaltningschef").post(
        reverse("control:plan_create"), {"body": world.bodies["un"].pk, "year": "2026"}
    )
    assert response.status_code == 200
    assert "Välj en nämnd som du arbetar med" in response.content.decode()
    assert not ControlPlan.objects.filter(body=world.bodies["un"]).exists()


def test_a_control_point_is_added_with_method_frequency_responsible_and_report_dates(
    world: World, client_for: Any
) -> None:
    plan = f.plan(world)
    risk = f.risk(world)
    interim, annual = f.period(world), f.period(world, "annual")
    response = client_for("forvaltningschef").post(
        reverse("control:point_create", args=[plan.pk]),
        {
            "title": "Utbetalningar",
            "risk": risk.pk,
            "method": "Stickprov på 20 ärenden",
            "frequency": "half_yearly",
            "responsible": world.people["enhetschef"].pk,
            "report_periods": [interim.pk, annual.pk],
        },
    )
    assert response.status_code == 302
    point = plan.points.get(title="Utbetalningar")
    assert point.responsible == world.people["enhetschef"]
    assert set(point.report_periods.all()) == {interim, annual}
    text = client_for("namndpolitiker").get(plan.get_absolute_url()).content.decode()
    assert "Stickprov på 20 ärenden" in text and "Två gånger per år" in text
    assert "Delår 2026" in text and "Helår 2026" in text


def test_the_plan_page_runs_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    f.common_point(world)
    f.common_point(world, title="Delegationsbeslut")
    f.deviation(world)
    plan = f.plan(world)
    client = client_for("forvaltningschef")
    client.get(plan.get_absolute_url())
    with django_assert_max_num_queries(20):
        client.get(plan.get_absolute_url())


def test_the_overview_pages_run_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    f.common_point(world)
    f.action(world)
    client = client_for("politiker")
    for url in [
        reverse("control:index") + "?ar=2026",
        reverse("control:plans") + "?ar=2026",
        reverse("control:evaluation", args=[2026]),
        reverse("control:common") + "?ar=2026",
        reverse("control:actions"),
        reverse("control:audit_reports"),
    ]:
        client.get(url)
        with django_assert_max_num_queries(20):
            client.get(url)
