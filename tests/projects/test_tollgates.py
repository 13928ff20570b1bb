"""Tollgates are decided in order; one is skipped only by a recorded decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from redthread.projects.models import ModelPhase, Project, SteeringGroupMember, Tollgate
from tests.projects.factories import a_project
from tests.world import World

DAY = dt.date(2026, 11, 2)


def _gate(project: Project, order: int) -> Tollgate:
    return Tollgate.objects.get(project=project, order=order)


def _pass(project: Project, order: int, world: World, **kwargs: Any) -> None:
    _gate(project, order).pass_gate(
        by=kwargs.get("by", world.people["forvaltningschef"]), on=DAY, text="Godkänt"
    )


def test_a_new_project_starts_in_the_first_phase_of_the_default_model(world: World) -> None:
    project = a_project(world)
    assert [(t.order, t.phase_name) for t in project.ordered_tollgates()] == [
        (1, "Idé"),
        (2, "Förstudie"),
        (3, "Planering"),
        (4, "Genomförande"),
        (5, "Avslut"),
        (6, "Utvärdering"),
    ]
    assert project.phase == "Idé"
    assert project.next_tollgate is not None and project.next_tollgate.name.startswith("BP1")


def test_passing_a_tollgate_moves_the_project_to_the_next_phase(world: World) -> None:
    project = a_project(world)
    _pass(project, 1, world)
    project = Project.objects.get(pk=project.pk)
    assert project.phase == "Förstudie"
    gate = _gate(project, 1)
    assert gate.outcome == Tollgate.Outcome.PASSED and gate.decided_on == DAY
    assert gate.decided_by == world.people["forvaltningschef"]


def test_a_tollgate_is_not_passed_before_the_one_before_it(world: World) -> None:
    project = a_project(world)
    with pytest.raises(ValidationError, match="BP1 Beslut om förstudie"):
        _pass(project, 2, world)
    assert _gate(project, 2).is_pending


def test_a_tollgate_is_skipped_only_by_a_recorded_decision(world: World) -> None:
    project = a_project(world)
    gate = _gate(project, 1)
    with pytest.raises(ValidationError, match="registrerat beslut"):
        gate.skip(by=world.people["forvaltningschef"], on=DAY, text="Idén är given", decision=None)
    assert _gate(project, 1).is_pending
    gate.skip(
        by=world.people["forvaltningschef"],
        on=DAY,
        text="Idén är given av nämndens beslut",
        decision=world.decisions["osn"],
    )
    skipped = _gate(project, 1)
    assert (
        skipped.outcome == Tollgate.Outcome.SKIPPED and skipped.decision == world.decisions["osn"]
    )
    _pass(project, 2, world)  # the order now allows the next tollgate
    assert Project.objects.get(pk=project.pk).phase == "Planering"


def test_only_the_owner_or_the_steering_group_decides(world: World) -> None:
    project = a_project(world)
    with pytest.raises(ValidationError, match="projektägaren eller en ledamot i styrgruppen"):
        _pass(project, 1, world, by=world.people["enhetschef"])  # the projektledare
    SteeringGroupMember.objects.create(project=project, person=world.people["kvalitetsstrateg"])
    _pass(project, 1, world, by=world.people["kvalitetsstrateg"])
    assert not _gate(project, 1).is_pending


def test_a_decision_is_not_dated_in_the_future(world: World) -> None:
    project = a_project(world)
    with pytest.raises(ValidationError, match="framtiden"):
        _gate(project, 1).pass_gate(
            by=world.people["forvaltningschef"], on=dt.date(2099, 1, 1), text="Senare"
        )


def test_a_decision_says_what_was_decided(world: World) -> None:
    project = a_project(world)
    with pytest.raises(ValidationError, match="Skriv vad som beslutades"):
        _gate(project, 1).pass_gate(by=world.people["forvaltningschef"], on=DAY, text="  ")


def test_stopping_cancels_the_project_and_nothing_more_is_decided(world: World) -> None:
    project = a_project(world)
    _pass(project, 1, world)
    _gate(project, 2).stop(by=world.people["forvaltningschef"], on=DAY, text="Nyttan saknas")
    project.refresh_from_db()
    assert project.state == Project.State.CANCELLED and project.phase == "Avbrutet"
    with pytest.raises(ValidationError, match="avbrutet"):
        _pass(project, 3, world)


def test_the_last_tollgate_completes_the_project(world: World) -> None:
    project = a_project(world)
    for order in range(1, 7):
        _pass(project, order, world)
    project.refresh_from_db()
    assert project.state == Project.State.COMPLETED
    assert project.next_tollgate is None and project.phase == "Avslutat"


def test_a_change_of_the_model_does_not_rewrite_a_running_project(world: World) -> None:
    project = a_project(world)
    ModelPhase.objects.filter(model=project.model, order=2).update(name="Behovsanalys")
    assert _gate(project, 2).phase_name == "Förstudie"


def _decide(client: Any, project: Project, order: int, **data: Any) -> Any:
    form = {
        "outcome": "pass",
        "decided_by": project.owner_id,
        "decided_on": DAY.isoformat(),
        "decision_text": "Förstudien är godkänd.",
    }
    form.update(data)
    return client.post(reverse("projects:tollgate", args=[project.pk, order]), form)


def test_the_projektledare_records_the_owners_decision_at_the_tollgate(
    world: World, client_for: Any
) -> None:
    project = a_project(world)
    response = _decide(client_for("enhetschef"), project, 1)
    assert response.status_code == 302
    gate = _gate(project, 1)
    assert gate.outcome == Tollgate.Outcome.PASSED
    assert gate.history.first().history_user == world.users["enhetschef"]


def test_the_tollgate_page_refuses_a_skip_without_a_decision_and_changes_nothing(
    world: World, client_for: Any
) -> None:
    project = a_project(world)
    response = _decide(client_for("enhetschef"), project, 1, outcome="skip")
    assert response.status_code == 200
    assert "hoppas bara över genom ett registrerat beslut" in response.content.decode()
    assert _gate(project, 1).is_pending


def test_the_tollgate_page_explains_the_order(world: World, client_for: Any) -> None:
    project = a_project(world)
    response = _decide(client_for("enhetschef"), project, 3)
    assert "Beslutspunkten BP1 Beslut om förstudie före denna är inte beslutad" in (
        response.content.decode()
    )
    assert _gate(project, 3).is_pending


def test_a_decided_tollgate_is_not_decided_again(world: World, client_for: Any) -> None:
    project = a_project(world)
    _pass(project, 1, world)
    response = _decide(client_for("enhetschef"), project, 1, decision_text="Igen")
    assert response.status_code == 302
    assert _gate(project, 1).decision_text == "Godkänt"


def test_someone_without_a_role_in_the_project_cannot_decide(world: World, client_for: Any) -> None:
    project = a_project(world)
    assert _decide(client_for("enhetschef_soder"), project, 1).status_code == 403
    assert _gate(project, 1).is_pending
