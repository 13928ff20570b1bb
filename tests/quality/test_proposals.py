"""Förbättringsförslag round the wheel: who may make which move, and what each move needs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from redthread.quality.accounting import proposal_statistics
from redthread.quality.models import TRANSITIONS, ImprovementProposal, Stage
from redthread.quality.rules import may_make
from tests.quality.factories import a_proposal
from tests.world import World


def _move(client: Any, proposal: ImprovementProposal, key: str, **data: Any) -> Any:
    return client.post(
        reverse("quality:proposal_move", args=[proposal.pk, key]),
        {f"{key}-{name}": value for name, value in data.items()},
    )


def test_an_employee_submits_and_it_lands_with_the_manager(world: World, client_for: Any) -> None:
    response = client_for("medarbetare").post(
        reverse("quality:proposal_create"),
        {
            "title": "Sms-påminnelse inför besök",
            "description": "Brukare glömmer planeringsbesöket.",
            "unit": world.units["norr"].pk,
        },
    )
    assert response.status_code == 302
    proposal = ImprovementProposal.objects.get(title="Sms-påminnelse inför besök")
    assert proposal.stage == Stage.NEW
    assert proposal.submitted_by == world.people["medarbetare"]
    start = client_for("enhetschef").get("/").content.decode()
    assert "Väntar på att du tar ställning" in start and "Sms-påminnelse inför besök" in start
    elsewhere = client_for("enhetschef_soder").get("/").content.decode()
    assert "Sms-påminnelse inför besök" not in elsewhere


def test_a_proposal_walks_from_planera_to_forbattra_and_is_adopted(
    world: World, client_for: Any
) -> None:
    proposal = a_proposal(world)
    manager, owner = client_for("enhetschef"), client_for("medarbetare")
    steps = [
        (manager, "accept", {"owner": world.people["medarbetare"].pk}, Stage.PLAN),
        (owner, "carry_out", {"plan": "Prova i två veckor."}, Stage.DO),
        (owner, "evaluate", {"result": "Provat i två veckor."}, Stage.CHECK),
        (owner, "improve", {"effect": "Inga missade besök."}, Stage.ACT),
        (manager, "adopt", {"standard": "Fast tid 14.45 varje dag."}, Stage.DONE),
    ]
    for client, key, data, stage in steps:
        response = _move(client, proposal, key, **data)
        assert response.status_code == 302, (key, response.content.decode()[:500])
        proposal.refresh_from_db()
        assert proposal.stage == stage
    assert proposal.owner == world.people["medarbetare"]
    assert (proposal.plan, proposal.effect) == ("Prova i två veckor.", "Inga missade besök.")
    assert proposal.closed_on is not None
    events = list(proposal.events.all())
    assert [e.transition for e in events] == ["accept", "carry_out", "evaluate", "improve", "adopt"]
    assert events[0].by == world.people["enhetschef"]
    assert events[1].by == world.people["medarbetare"]
    page = client_for("revisor").get(proposal.get_absolute_url()).content.decode()
    assert "Inför som nytt arbetssätt" in page and "Fast tid 14.45 varje dag." in page


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("enhetschef", True),  # manages Hemtjänst Norr
        ("forvaltningschef", True),  # manages the whole förvaltning
        ("kvalitetsstrateg", True),
        ("enhetschef_soder", False),  # another unit's manager
        ("medarbetare", False),  # the submitter does not decide on her own proposal
        ("revisor", False),
        ("politiker", False),
    ],
)
def test_only_the_manager_takes_a_proposal_on(world: World, role: str, allowed: bool) -> None:
    proposal = a_proposal(world)
    assert may_make(world.users[role], proposal, TRANSITIONS["accept"]) is allowed
    assert may_make(world.users[role], proposal, TRANSITIONS["reject"]) is allowed


def test_the_owner_moves_round_the_wheel_but_the_manager_adopts(world: World) -> None:
    owner = world.users["medarbetare"]
    proposal = a_proposal(world, owner=world.people["medarbetare"])
    for stage, key in [
        (Stage.PLAN, "carry_out"),
        (Stage.DO, "evaluate"),
        (Stage.CHECK, "improve"),
        (Stage.ACT, "again"),
    ]:
        proposal.stage = stage
        assert may_make(owner, proposal, TRANSITIONS[key]), key
        assert not may_make(world.users["handlaggare"], proposal, TRANSITIONS[key]), key
    proposal.stage = Stage.ACT
    assert not may_make(owner, proposal, TRANSITIONS["adopt"])
    assert may_make(world.users["enhetschef"], proposal, TRANSITIONS["adopt"])
    proposal.stage = Stage.DO
    assert not may_make(owner, proposal, TRANSITIONS["stop"])
    assert may_make(world.users["enhetschef"], proposal, TRANSITIONS["stop"])


def test_a_move_the_role_may_not_make_is_refused(world: World, client_for: Any) -> None:
    proposal = a_proposal(world)
    owner = world.people["medarbetare"].pk
    assert _move(client_for("medarbetare"), proposal, "accept", owner=owner).status_code == 403
    assert _move(client_for("revisor"), proposal, "accept", owner=owner).status_code == 403
    proposal.refresh_from_db()
    assert proposal.stage == Stage.NEW


def test_each_move_asks_for_what_the_next_step_needs(world: World, client_for: Any) -> None:
    proposal = a_proposal(world, owner=world.people["medarbetare"], stage=Stage.PLAN)
    response = _move(client_for("medarbetare"), proposal, "carry_out", plan="  ")
    assert response.status_code == 400
    assert "Skriv planen" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.stage == Stage.PLAN and not proposal.events.exists()


def test_declining_needs_a_reason_which_is_kept(world: World, client_for: Any) -> None:
    proposal = a_proposal(world)
    manager = client_for("enhetschef")
    assert _move(manager, proposal, "reject").status_code == 400
    response = _move(manager, proposal, "reject", note="Ingår redan i avtalet med tvätteriet.")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.stage == Stage.REJECTED
    assert proposal.events.get().note == "Ingår redan i avtalet med tvätteriet."


def test_another_turn_starts_again_at_planera(world: World) -> None:
    proposal = a_proposal(world, owner=world.people["medarbetare"], stage=Stage.ACT)
    proposal.move("again", by=world.users["medarbetare"], note="Effekten räckte inte.")
    proposal.refresh_from_db()
    assert (proposal.stage, proposal.round) == (Stage.PLAN, 2)


def test_a_move_someone_else_already_made_is_explained(world: World, client_for: Any) -> None:
    proposal = a_proposal(world, owner=world.people["medarbetare"], stage=Stage.DO)
    manager = client_for("enhetschef")
    response = _move(manager, proposal, "carry_out", plan="Plan.")
    assert response.status_code == 302
    follow = manager.get(response["Location"])
    assert "har redan flyttats till steget genomför" in follow.content.decode()


def test_the_page_offers_each_role_only_its_own_moves(world: World, client_for: Any) -> None:
    proposal = a_proposal(world, owner=world.people["medarbetare"], stage=Stage.ACT)
    url = proposal.get_absolute_url()
    owner_page = client_for("medarbetare").get(url).content.decode()
    assert "Ett varv till: planera igen" in owner_page
    assert "Inför som nytt arbetssätt" not in owner_page
    manager_page = client_for("enhetschef").get(url).content.decode()
    assert "Inför som nytt arbetssätt" in manager_page
    assert "Avbryt arbetet" in manager_page
    assert "Nästa steg" not in client_for("politiker").get(url).content.decode()


def test_statistics_per_forvaltning_count_submitted_carried_out_and_effects(
    world: World,
) -> None:
    today = dt.date(2026, 5, 1)
    a_proposal(world, title="Ett", submitted_on=today)
    a_proposal(world, title="Två", submitted_on=today, stage=Stage.DO)
    a_proposal(world, title="Tre", submitted_on=today, stage=Stage.DONE, effect="Halverad väntan.")
    a_proposal(world, title="Fyra", submitted_on=today, stage=Stage.REJECTED)
    ImprovementProposal.objects.create(
        title="Fem",
        description="Skolan",
        unit=world.units["haga"],
        submitted_on=today,
        stage=Stage.CHECK,
        effect="Mätt.",
    )
    a_proposal(world, title="Förra året", submitted_on=dt.date(2025, 5, 1))
    rows, total = proposal_statistics(world.municipality, 2026)
    by_unit = {r.unit.name: r for r in rows}
    osf = by_unit["Omsorgs- och socialförvaltningen"]
    assert (osf.submitted, osf.new, osf.on_the_wheel, osf.adopted, osf.declined) == (4, 1, 1, 1, 1)
    assert osf.with_effect == 1
    uf = by_unit["Utbildningsförvaltningen"]
    assert (uf.submitted, uf.on_the_wheel, uf.with_effect) == (1, 1, 1)
    assert total.submitted == 5
    assert "Kommunstyrelsens förvaltning" not in by_unit
