from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from tests.world import World


def test_the_login_page_is_in_swedish(world: World) -> None:
    text = Client().get(reverse("login")).content.decode()
    assert "Logga in" in text and "Användarnamn" in text and "Lösenord" in text


def test_a_wrong_password_says_what_to_do(world: World) -> None:
    response = Client().post(reverse("login"), {"username": "enhetschef", "password": "fel"})
    assert "Kontrollera stavningen" in response.content.decode()


def test_an_area_not_built_says_what_will_come(client_for: Any) -> None:
    text = client_for("medarbetare").get(reverse("core:area", args=["reports"])).content.decode()
    assert "Här kommer" in text and "delårsrapport" in text


def test_the_navigation_lists_every_area(client_for: Any) -> None:
    from redthread.core.areas import AREAS

    text = client_for("medarbetare").get(reverse("core:home")).content.decode()
    for area in AREAS.values():
        assert str(area.label) in text


def test_search_finds_units_people_and_decisions(world: World, client_for: Any) -> None:
    client = client_for("medarbetare")
    assert (
        "Hemtjänst Norr" in client.get(reverse("core:search"), {"q": "hemtjänst"}).content.decode()
    )
    assert "Enhetschef" in client.get(reverse("core:search"), {"q": "enhetschef"}).content.decode()
    text = client.get(reverse("core:search"), {"q": "2018:327"}).content.decode()
    assert "ledningssystem" in text


def test_search_shows_nothing_to_a_login_outside_the_organisation(
    world: World, client_for: Any
) -> None:
    text = client_for("outsider").get(reverse("core:search"), {"q": "hemtjänst"}).content.decode()
    assert "Hemtjänst Norr" not in text


def test_the_revisor_cannot_post_anywhere(world: World, client_for: Any) -> None:
    response = client_for("revisor").post(reverse("organisation:decision_create"), {})
    assert response.status_code == 403
    assert "läsbehörighet" in response.content.decode()


def test_an_unknown_page_is_a_swedish_404(client_for: Any) -> None:
    response = client_for("medarbetare").get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()
