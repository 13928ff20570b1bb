from __future__ import annotations

from typing import Any

from django.urls import reverse

from redthread.core.i18n import problems
from tests.world import World


def test_the_english_catalogues_are_complete_and_compiled() -> None:
    assert problems() == []


def test_a_user_can_switch_the_interface_to_english(world: World, client_for: Any) -> None:
    client = client_for("medarbetare")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = client.get(reverse("organisation:chart")).content.decode()
    assert "Political organisation" in text and "Who serves whom" in text
