"""Shared fixtures: the named world, clients signed in per role, a fast password hasher."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.world import ROLES, World, build_world, load_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True, scope="session")
def _fast_passwords() -> None:
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_root(tmp_path_factory: pytest.TempPathFactory, settings: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "media")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock():
        build_world()


@pytest.fixture
def world(db: Any) -> World:
    return load_world()


@pytest.fixture
def client_for(world: World) -> Callable[[str], Client]:
    """``client_for("enhetschef")``: a client signed in as that role; "anonymous" signs in no one."""

    def make(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(world.users[role])
        return client

    return make


@pytest.fixture
def api_for(world: World) -> Callable[[str], Client]:
    """A client that sends the role's API token on every request."""

    def make(role: str) -> Client:
        if role == "anonymous":
            return Client()
        return Client(HTTP_AUTHORIZATION=f"Bearer {world.token(role)}")

    return make


ALL_ROLES = ["anonymous", *ROLES]
