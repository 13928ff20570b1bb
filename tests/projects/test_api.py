from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine

from redthread.projects.models import StatusReport, Tollgate
from tests.projects.factories import a_project
from tests.world import World


def test_the_api_lists_projects_with_phase_status_and_next_tollgate(
    world: World, api_for: Any
) -> None:
    project = a_project(world)
    project.investment_code = "INV-2025-014"
    project.save()
    Tollgate.objects.get(project=project, order=1).pass_gate(
        by=world.people["forvaltningschef"], on=dt.date(2026, 3, 1), text="Ja"
    )
    Tollgate.objects.filter(project=project, order=2).update(planned_date=dt.date(2026, 10, 1))
    StatusReport.objects.create(
        project=project,
        reported_on=dt.date(2026, 11, 1),
        time_status="yellow",
        time_comment="Lite sent",
        cost_status="green",
        scope_status="green",
    )
    with time_machine.travel(dt.date(2026, 11, 28)):
        body = api_for("revisor").get("/api/v1/projects").json()
        late = api_for("revisor").get("/api/v1/projects", {"late": "true"}).json()
    [item] = body["items"]
    assert item["phase"] == "Förstudie" and item["state"] == "active"
    assert item["investment_code"] == "INV-2025-014"
    assert item["status"]["overall"] == "yellow" and item["status"]["time"] == "yellow"
    assert item["next_tollgate"]["name"] == "BP2 Beslut om planering"
    assert item["next_tollgate"]["planned_date"] == "2026-10-01"
    assert item["next_tollgate"]["is_late"] is True and item["has_late_tollgate"] is True
    assert late["count"] == 1


def test_a_project_in_the_api_lists_its_tollgates(world: World, api_for: Any) -> None:
    project = a_project(world)
    body = api_for("medarbetare").get(f"/api/v1/projects/{project.pk}").json()
    assert [t["phase"] for t in body["tollgates"]] == [
        "Idé",
        "Förstudie",
        "Planering",
        "Genomförande",
        "Avslut",
        "Utvärdering",
    ]
