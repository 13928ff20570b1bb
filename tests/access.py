"""The vocabulary of the access matrix: cases and the expected answer per role.

Each app's ``tests/<app>/access.py`` lists a ``Case`` for every URL name in ``PAGES``
and every API operation in ``API``; ``test_access_matrix`` fails on any page or
operation without one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.world import ROLES, World

LOGIN = "login"  # anonymous: redirected to the login page
OK = 200
CREATED = 201
REDIRECT = 302
FORBIDDEN = 403
NOT_FOUND = 404
UNAUTHORIZED = 401
INVALID = 422

Expectation = int | str


def roles(
    default: Expectation, anonymous: Expectation = LOGIN, **overrides: Expectation
) -> dict[str, Expectation]:
    """Expectations for every role: ``default`` unless overridden."""
    expected = {role: default for role in ROLES}
    expected["anonymous"] = anonymous
    expected.update(overrides)
    return expected


def internal(ok: Expectation = OK, denied: Expectation = FORBIDDEN) -> dict[str, Expectation]:
    """Everyone in the organisation reads it; a login with no person behind it does not."""
    return roles(ok, outsider=denied)


def only(
    allowed: list[str],
    ok: Expectation = OK,
    denied: Expectation = FORBIDDEN,
    anonymous: Expectation = LOGIN,
) -> dict[str, Expectation]:
    expected = roles(denied, anonymous=anonymous)
    for role in allowed:
        expected[role] = ok
    return expected


def public(ok: Expectation = OK) -> dict[str, Expectation]:
    return roles(ok, anonymous=ok)


@dataclass
class Case:
    url: Callable[[World], str]
    get: dict[str, Expectation] | None = None
    post: dict[str, Expectation] | None = None
    post_data: Callable[[World], dict[str, Any]] = field(default=lambda w: {})


@dataclass
class ApiCase:
    path: Callable[[World], str]
    expected: dict[str, Expectation]
    body: Callable[[World], dict[str, Any]] | None = None
