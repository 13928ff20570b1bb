"""Tools for idempotent demo loaders: running a loader twice gives the same data.

Each app may have a ``demo`` module with ``load(context)``; ``redthread load-demo``
runs them in INSTALLED_APPS order (which is red-thread order) in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


@dataclass
class DemoContext:
    """Shared between loaders: what earlier apps created, by a stable key."""

    objects: dict[str, Any] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)
    # Steps that run after every app has loaded, in order: closing the reporting periods
    # comes last, so later apps (the ledger) load their history as it was recorded.
    at_end: list[Callable[[], None]] = field(default_factory=list)

    def __getitem__(self, key: str) -> Any:
        return self.objects[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.objects[key] = value


def upsert(model: type[M], lookup: dict[str, Any], **values: Any) -> M:
    """Create the object, or update it only where it differs (no history row otherwise)."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj


def set_m2m(obj: models.Model, name: str, targets: Iterable[models.Model]) -> None:
    """Set a many-to-many relation only when it differs."""
    manager = getattr(obj, name)
    wanted = {t.pk for t in targets}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(wanted)
