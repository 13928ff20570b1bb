from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from redthread.organisation.models import ApiToken
from tests.world import World


def _demo_user(world: World) -> Any:
    user = world.users["medarbetare"]
    user.is_demo = True
    user.set_password("demo")
    user.save()
    ApiToken.issue(user, "Demonyckel", key="demo-medarbetare")
    return user


def test_a_demo_account_cannot_sign_in_outside_demo_mode(world: World, settings: Any) -> None:
    _demo_user(world)
    settings.DEMO_MODE = False
    response = Client().post(reverse("login"), {"username": "medarbetare", "password": "demo"})
    assert response.status_code == 200  # the form again, with the error
    assert "_auth_user_id" not in Client().session


def test_a_demo_account_signs_in_in_demo_mode(world: World, settings: Any) -> None:
    _demo_user(world)
    settings.DEMO_MODE = True
    response = Client().post(reverse("login"), {"username": "medarbetare", "password": "demo"})
    assert response.status_code == 302


def test_a_demo_token_works_only_in_demo_mode(world: World, settings: Any) -> None:
    _demo_user(world)
    client = Client(HTTP_AUTHORIZATION="Bearer demo-medarbetare")
    settings.DEMO_MODE = False
    assert client.get("/api/v1/organisation/bodies").status_code == 401
    settings.DEMO_MODE = True
    assert client.get("/api/v1/organisation/bodies").status_code == 200


def test_a_token_is_stored_only_as_a_hash(world: World) -> None:
    token, key = ApiToken.issue(world.users["ekonom"], "Skript")
    assert key not in (token.key_hash, token.prefix)
    assert ApiToken.objects.for_key(key) == token
