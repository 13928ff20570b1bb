"""Who sees and changes what, beyond the matrix: lists filter by scope, and the revisor."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from redthread.control.models import Risk
from tests.control import factories as f
from tests.world import World


def _risks(world: World) -> None:
    f.risk(world, title="Omsorgens risk")
    f.risk(world, body="un", title="Skolans risk")


def test_a_nämnds_people_see_their_own_nämnds_risks_and_plans(
    world: World, client_for: Any
) -> None:
    _risks(world)
    f.plan(world)
    f.plan(world, body="un")
    for role in ["namndpolitiker", "namndsekreterare", "forvaltningschef", "enhetschef"]:
        client = client_for(role)
        risks = client.get(reverse("control:risks") + "?ar=2026").content.decode()
        assert "Omsorgens risk" in risks and "Skolans risk" not in risks, role
        plans = client.get(reverse("control:plans") + "?ar=2026").content.decode()
        assert "Omsorgs- och socialnämnden" in plans and "Utbildningsnämnden" not in plans, role
        other = f.plan(world, body="un")
        assert client.get(other.get_absolute_url()).status_code == 404, role


def test_a_medarbetare_is_not_one_of_the_nämnds_people(world: World, client_for: Any) -> None:
    _risks(world)
    client = client_for("medarbetare")
    text = client.get(reverse("control:risks") + "?ar=2026").content.decode()
    assert "Omsorgens risk" not in text
    risk = Risk.objects.get(title="Omsorgens risk")
    assert client.get(risk.get_absolute_url()).status_code == 404


def test_ks_members_see_all_nämnder(world: World, client_for: Any) -> None:
    _risks(world)
    text = client_for("politiker").get(reverse("control:risks") + "?ar=2026").content.decode()
    assert "Omsorgens risk" in text and "Skolans risk" in text
    plans = client_for("politiker").get(reverse("control:plans") + "?ar=2026").content.decode()
    assert "Omsorgs- och socialnämnden" in plans and "Utbildningsnämnden" in plans


def test_the_revisor_reads_everything_and_writes_nothing(world: World, client_for: Any) -> None:
    action = f.action(world)
    risk = f.risk(world)
    client = client_for("revisor")
    for url in [
        risk.get_absolute_url(),
        action.get_absolute_url(),
        f.plan(world).get_absolute_url(),
        reverse("control:evaluation", args=[2026]),
        reverse("core:history", args=["control.risk", risk.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    text = client.get(risk.get_absolute_url()).content.decode()
    assert "Ändra" not in text
    response = client.post(
        reverse("control:risk_assess", args=[risk.pk, 2026]),
        {"probability": "1", "consequence": "1", "handling": "plan"},
    )
    assert response.status_code == 403
    assert risk.assessments.get(year=2026).value == 9
    response = client.post(
        reverse("control:action_follow_up", args=[action.pk]),
        {"status": "done", "comment": "Klart"},
    )
    assert response.status_code == 403
    assert not action.follow_ups.exists()


def test_a_nämnds_member_assesses_risks_but_does_not_write_the_plan(
    world: World, client_for: Any
) -> None:
    user = world.users["namndpolitiker"]
    assert user.has_perm("control.change_risk", f.risk(world))
    assert not user.has_perm("control.add_controlpoint", f.plan(world))
    assert not user.has_perm("control.decide_controlplan", f.plan(world))


def test_the_owner_of_an_action_follows_it_up_even_outside_the_nämnd(world: World) -> None:
    action = f.action(world, owner="handlaggare")
    user = world.users["handlaggare"]
    assert user.has_perm("control.follow_up_action", action)
    assert not user.has_perm("control.change_action", action)


def test_the_api_lists_only_what_the_user_reads(world: World, api_for: Any) -> None:
    _risks(world)
    titles = {r["title"] for r in api_for("forvaltningschef").get("/api/v1/control/risks").json()}
    assert titles == {"Omsorgens risk"}
    response = api_for("forvaltningschef").get(
        f"/api/v1/control/risks?body={world.bodies['un'].pk}"
    )
    assert response.status_code == 404
    plans = api_for("forvaltningschef").get("/api/v1/control/plans?year=2026").json()
    assert [p["body"] for p in plans] == ["Omsorgs- och socialnämnden"]


def test_search_finds_a_risk_only_for_those_who_read_it(world: World, client_for: Any) -> None:
    f.risk(world, title="Felaktiga utbetalningar av försörjningsstöd")
    url = reverse("core:search") + "?q=utbetalningar"
    assert "Felaktiga utbetalningar" in client_for("namndpolitiker").get(url).content.decode()
    assert "Felaktiga utbetalningar" not in client_for("medarbetare").get(url).content.decode()
