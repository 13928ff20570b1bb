from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.urls import reverse

from redthread.projects.models import StatusReport, Tollgate
from tests.projects.factories import make_project
from tests.world import World

TODAY = dt.date(2026, 11, 28)


def _project(world: World, name: str, decided: int, plan_next: dt.date | None = None) -> Any:
    project = make_project(world, name=name)
    for order in range(1, decided + 1):
        Tollgate.objects.get(project=project, order=order).pass_gate(
            by=world.people["forvaltningschef"], on=dt.date(2026, 1, order), text="Ja"
        )
    if plan_next is not None:
        Tollgate.objects.filter(project=project, order=decided + 1).update(planned_date=plan_next)
    return project


def _portfolio(client: Any, **params: str) -> Any:
    with time_machine.travel(TODAY):
        return client.get(reverse("projects:portfolio"), params)


def test_the_portfolio_shows_every_project_by_phase(world: World, client_for: Any) -> None:
    _project(world, "Idéprojekt", 0)
    _project(world, "Förstudieprojekt", 1)
    _project(world, "Byggprojekt", 3)
    response = _portfolio(client_for("politiker"))
    groups = [(g.name, [r.project.name for r in g.rows]) for g in response.context["groups"]]
    assert groups == [
        ("Idé", ["Idéprojekt"]),
        ("Förstudie", ["Förstudieprojekt"]),
        ("Genomförande", ["Byggprojekt"]),
    ]


def test_a_late_tollgate_is_flagged(world: World, client_for: Any) -> None:
    _project(world, "Sent projekt", 1, plan_next=dt.date(2026, 10, 31))
    _project(world, "Projekt i tid", 1, plan_next=dt.date(2026, 12, 31))
    response = _portfolio(client_for("medarbetare"))
    rows = {r.project.name: r for g in response.context["groups"] for r in g.rows}
    assert [t.name for t in rows["Sent projekt"].late] == ["BP2 Beslut om planering"]
    assert rows["Projekt i tid"].late == []
    assert response.context["late_count"] == 1
    text = response.content.decode()
    assert "1 projekt har en försenad beslutspunkt" in text and "försenad" in text
    only_late = _portfolio(client_for("medarbetare"), sena="1")
    assert [r.project.name for g in only_late.context["groups"] for r in g.rows] == ["Sent projekt"]


def test_the_portfolio_shows_the_latest_status(world: World, client_for: Any) -> None:
    project = _project(world, "Rapporterat projekt", 2)
    for day, status in [(dt.date(2026, 9, 30), "red"), (dt.date(2026, 10, 31), "yellow")]:
        StatusReport.objects.create(
            project=project,
            reported_on=day,
            time_status=status,
            time_comment="Förklaring",
            cost_status="green",
            scope_status="green",
        )
    response = _portfolio(client_for("medarbetare"))
    [row] = [r for g in response.context["groups"] for r in g.rows]
    assert row.status.overall == "yellow"


def test_cancelled_and_completed_projects_are_shown_on_request(
    world: World, client_for: Any
) -> None:
    project = _project(world, "Avbrutet projekt", 1)
    Tollgate.objects.get(project=project, order=2).stop(
        by=world.people["forvaltningschef"], on=TODAY, text="Nej"
    )
    assert _portfolio(client_for("medarbetare")).context["groups"] == []
    groups = _portfolio(client_for("medarbetare"), lage="alla").context["groups"]
    assert [(g.name, len(g.rows)) for g in groups] == [("Avbrutna", 1)]


def test_the_portfolio_runs_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(12):
        project = _project(world, f"Projekt {number:02}", number % 5)
        StatusReport.objects.create(
            project=project, time_status="green", cost_status="green", scope_status="green"
        )
    client = client_for("medarbetare")
    _portfolio(client)
    with django_assert_max_num_queries(14):
        response = _portfolio(client)
    assert response.context["count"] == 12
