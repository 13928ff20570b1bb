"""Every page and API operation, for anonymous and every role, against DESIGN §5.

A URL pattern or API operation without an entry in some ``tests/<app>/access.py``
fails ``test_every_page_has_an_entry`` / ``test_every_api_operation_has_an_entry``.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.access import LOGIN, ApiCase, Case
from tests.conftest import ALL_ROLES
from tests.world import World


def _collect() -> tuple[dict[str, Case], dict[tuple[str, str], ApiCase]]:
    pages: dict[str, Case] = {}
    api: dict[tuple[str, str], ApiCase] = {}
    for info in pkgutil.iter_modules(tests.__path__):
        if not info.ispkg:
            continue
        try:
            module = importlib.import_module(f"tests.{info.name}.access")
        except ModuleNotFoundError:
            continue
        pages.update(getattr(module, "PAGES", {}))
        api.update(getattr(module, "API", {}))
    return pages, api


PAGES, API = _collect()


def _url_names(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace
            if ns in {"admin", "api"}:
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            yield from _url_names(p.url_patterns, prefix)
        elif isinstance(p, URLPattern):
            yield f"{namespace}{p.name}" if p.name else f"<unnamed {p.pattern}>"


def test_every_page_has_an_entry() -> None:
    names = set(_url_names(get_resolver().url_patterns))
    missing = sorted(names - set(PAGES))
    assert not missing, f"Add these URL names to a tests/<app>/access.py: {missing}"


def _api_operations() -> set[tuple[str, str]]:
    from redthread.api.api import api

    schema = api.get_openapi_schema()
    operations = set()
    for path, methods in schema["paths"].items():
        for method in methods:
            operations.add((method.upper(), path))
    return operations


def test_every_api_operation_has_an_entry() -> None:
    missing = sorted(_api_operations() - set(API))
    assert not missing, f"Add these API operations to a tests/<app>/access.py: {missing}"


def _check(response: Any, expected: Any, role: str, what: str) -> None:
    if expected == LOGIN:
        assert response.status_code == 302, f"{role} {what}: {response.status_code}"
        assert response["Location"].startswith(reverse("login")), (
            f"{role} {what}: {response['Location']}"
        )
    else:
        assert response.status_code == expected, (
            f"{role} {what}: expected {expected}, got {response.status_code}"
        )


PAGE_CASES = [
    (name, method)
    for name, case in sorted(PAGES.items())
    for method, expected in (("GET", case.get), ("POST", case.post))
    if expected is not None
]


def _failure(response: Any, expected: Any, role: str, what: str) -> str | None:
    try:
        _check(response, expected, role, what)
    except AssertionError as error:
        return str(error)
    return None


@pytest.mark.parametrize(("name", "method"), PAGE_CASES)
def test_page_access(name: str, method: str, world: World, client_for: Any) -> None:
    """Every role in turn; each role's request runs in its own savepoint, rolled back after."""
    case = PAGES[name]
    expected = case.get if method == "GET" else case.post
    assert expected is not None
    failures = []
    url = case.url(world)  # made once: the objects it needs stay there for every role
    data = case.post_data(world)
    for role in ALL_ROLES:
        with transaction.atomic():
            client: Client = client_for(role)
            response = client.get(url) if method == "GET" else client.post(url, data)
            failures.append(_failure(response, expected[role], role, f"{method} {url}"))
            transaction.set_rollback(True)
    problems = [f for f in failures if f]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("operation", sorted(API))
def test_api_access(operation: tuple[str, str], world: World, api_for: Any) -> None:
    method, _ = operation
    case = API[operation]
    failures = []
    path = case.path(world)
    payload = json.dumps(case.body(world) if case.body else {})
    for role in ALL_ROLES:
        with transaction.atomic():
            client: Client = api_for(role)
            if method == "GET":
                response = client.get(path)
            else:
                response = client.generic(method, path, payload, content_type="application/json")
            failures.append(_failure(response, case.expected[role], role, f"{method} {path}"))
            if not response["Content-Type"].startswith("application/json"):
                failures.append(f"{role} {method} {path}: not JSON")
            transaction.set_rollback(True)
    problems = [f for f in failures if f]
    assert not problems, "\n".join(problems)
