from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.world import World


def test_the_chart_shows_both_organisations_and_who_serves_whom(
    world: World, client_for: Any
) -> None:
    text = client_for("medarbetare").get(reverse("organisation:chart")).content.decode()
    assert "Politisk organisation" in text and "Tjänstemannaorganisation" in text
    assert "Kommunfullmäktige" in text and "Omsorgs- och socialförvaltningen" in text
    assert "Vem betjänar vem" in text


def test_the_chart_runs_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for("medarbetare")
    client.get(reverse("organisation:chart"))
    with django_assert_max_num_queries(14):
        client.get(reverse("organisation:chart"))


def test_a_body_page_lists_members_and_decisions(world: World, client_for: Any) -> None:
    text = (
        client_for("politiker")
        .get(reverse("organisation:body", args=[world.bodies["osn"].pk]))
        .content.decode()
    )
    assert "Namndpolitiker Testsson" in text
    assert "Internkontrollplan 2026" in text


def test_a_unit_page_shows_manager_staff_and_the_way_up(world: World, client_for: Any) -> None:
    text = (
        client_for("medarbetare")
        .get(reverse("organisation:unit", args=[world.units["norr"].pk]))
        .content.decode()
    )
    assert "Enhetschef Testsson" in text and "Medarbetare Testsson" in text
    assert "Äldreomsorg" in text and "Omsorgs- och socialförvaltningen" in text
