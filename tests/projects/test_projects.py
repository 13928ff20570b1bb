from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from redthread.projects.models import Project, ProjectRisk, StatusReport, Tollgate
from tests.projects.factories import a_project, make_project
from tests.world import World


def test_a_manager_starts_a_project_with_its_roles_and_styrgrupp(
    world: World, client_for: Any
) -> None:
    response = client_for("enhetschef").post(
        reverse("projects:create"),
        {
            "name": "Ny planeringsapp i hemtjänsten",
            "unit": world.units["norr"].pk,
            "owner": world.people["forvaltningschef"].pk,
            "manager": world.people["enhetschef"].pk,
            "steering_group": [world.people["forvaltningschef"].pk, world.people["ekonom"].pk],
            "budget": "450000",
            "investment_code": "",
        },
    )
    assert response.status_code == 302
    project = Project.objects.get(name="Ny planeringsapp i hemtjänsten")
    assert project.budget == Decimal(450000) and project.phase == "Idé"
    assert set(project.steering_members.values_list("person__first_name", flat=True)) == {
        "Forvaltningschef",
        "Ekonom",
    }
    assert project.tollgates.count() == 6


def test_a_manager_cannot_start_a_project_for_a_unit_she_does_not_manage(
    world: World, client_for: Any
) -> None:
    response = client_for("enhetschef_soder").post(
        reverse("projects:create"),
        {
            "name": "Någon annans projekt",
            "unit": world.units["norr"].pk,
            "owner": world.people["forvaltningschef"].pk,
        },
    )
    assert response.status_code == 200
    assert "projekt i enheter du leder" in response.content.decode()
    assert not Project.objects.filter(name="Någon annans projekt").exists()


def test_the_styrgrupp_is_changed_through_the_form(world: World, client_for: Any) -> None:
    project = a_project(world)
    client_for("forvaltningschef").post(
        reverse("projects:edit", args=[project.pk]),
        {
            "name": project.name,
            "unit": project.unit_id,
            "owner": project.owner_id,
            "manager": project.manager_id,
            "steering_group": [world.people["kvalitetsstrateg"].pk],
        },
    )
    assert list(project.steering_members.values_list("person__first_name", flat=True)) == [
        "Kvalitetsstrateg"
    ]


def test_the_end_cannot_come_before_the_start(world: World) -> None:
    with pytest.raises(ValidationError, match="före starten"):
        make_project(
            world, name="Baklänges", start_date=dt.date(2026, 5, 1), end_date=dt.date(2026, 1, 1)
        )


def test_a_status_that_is_not_green_needs_an_explanation(world: World, client_for: Any) -> None:
    project = a_project(world)
    url = reverse("projects:status_report", args=[project.pk])
    data = {
        "reported_on": "2026-11-20",
        "time_status": "red",
        "cost_status": "green",
        "scope_status": "green",
    }
    response = client_for("enhetschef").post(url, data)
    assert "Förklara vad som avviker" in response.content.decode()
    assert not StatusReport.objects.exists()
    data["time_comment"] = "Leveransen av nyckelskåp är sex veckor sen."
    data["cost_to_date"] = "120000"
    assert client_for("enhetschef").post(url, data).status_code == 302
    report = StatusReport.objects.get()
    assert report.overall == "red" and report.reported_by == world.people["enhetschef"]


def test_the_outcome_is_the_latest_cost_to_date(world: World) -> None:
    project = a_project(world)
    for day, cost in [("2026-05-31", 100), ("2026-09-30", 250), ("2026-10-31", None)]:
        StatusReport.objects.create(
            project=project,
            reported_on=dt.date.fromisoformat(day),
            time_status="green",
            cost_status="green",
            scope_status="green",
            cost_to_date=cost,
        )
    assert Project.objects.get(pk=project.pk).outcome == Decimal(250)


def test_a_risk_is_rated_by_probability_times_consequence(world: World) -> None:
    project = a_project(world)
    assert ProjectRisk(project=project, probability=3, consequence=3).level == "red"
    assert ProjectRisk(project=project, probability=2, consequence=3).level == "yellow"
    assert ProjectRisk(project=project, probability=1, consequence=4).level == "green"


def test_a_risk_out_of_range_is_refused(world: World, client_for: Any) -> None:
    project = a_project(world)
    response = client_for("enhetschef").post(
        reverse("projects:risk_create", args=[project.pk]),
        {"title": "Allt går fel", "probability": "7", "consequence": "2"},
    )
    assert response.status_code == 200 and not project.risks.exists()


def test_an_effect_goal_can_serve_a_kommunmal_or_stand_on_its_own(
    world: World, client_for: Any
) -> None:
    project = a_project(world)
    goal = world.extra["chain"].goals["aldre"]
    page = client_for("enhetschef").get(reverse("projects:goal_create", args=[project.pk]))
    assert str(goal) in dict(page.context["form"].fields["serves"].choices).values()
    client_for("enhetschef").post(
        reverse("projects:goal_create", args=[project.pk]),
        {"description": "Inga borttappade nycklar", "measure": "Antal per år", "target": "0"},
    )
    assert project.effect_goals.get().target == "0"


def test_tollgate_dates_are_planned_in_order(world: World, client_for: Any) -> None:
    project = a_project(world)
    url = reverse("projects:tollgate_plan", args=[project.pk])
    response = client_for("enhetschef").post(url, {"gate_1": "2027-02-01", "gate_2": "2027-01-01"})
    assert "kan inte ligga före den förra" in response.content.decode()
    client_for("enhetschef").post(url, {"gate_1": "2027-01-01", "gate_2": "2027-03-01"})
    assert Tollgate.objects.get(project=project, order=2).planned_date == dt.date(2027, 3, 1)


def test_the_start_page_shows_my_projects_and_late_tollgates(world: World, client_for: Any) -> None:
    project = a_project(world)
    Tollgate.objects.filter(project=project, order=1).update(planned_date=dt.date(2026, 10, 1))
    with time_machine.travel(dt.date(2026, 11, 28)):
        page = client_for("enhetschef").get("/").content.decode()
        other = client_for("enhetschef_soder").get("/").content.decode()
    assert "Dina projekt" in page and "Digital nyckelhantering" in page
    assert "försenad beslutspunkt" in page
    assert "Dina projekt" not in other
