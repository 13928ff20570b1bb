"""Typed access to django-rules, which ships without annotations.

Every app's ``rules.py`` builds predicates with ``predicate`` and registers permissions
with ``add_perm`` from here, so the type checker sees what they are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from rules.permissions import add_perm as _add_perm
from rules.predicates import predicate as _predicate


class Predicate(Protocol):
    def __call__(self, *args: Any) -> bool: ...
    def __and__(self, other: Any) -> Predicate: ...
    def __or__(self, other: Any) -> Predicate: ...
    def __invert__(self) -> Predicate: ...


def predicate(fn: Callable[..., bool]) -> Predicate:
    result: Predicate = _predicate(fn)  # type: ignore[no-untyped-call]
    return result


def add_perm(name: str, pred: Predicate | Callable[..., bool]) -> None:
    _add_perm(name, pred)  # type: ignore[no-untyped-call]
