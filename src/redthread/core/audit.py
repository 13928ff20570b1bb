"""Attribution of writes and the readable history of an object.

Writes made in a request are attributed by simple_history's middleware. Writes made
outside a request (the demo loader, imports, scheduled tasks) run inside
``acting_as(user)`` so that no history row is ever anonymous.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class _Request:
    """The least of a request that simple_history needs to attribute a write."""

    def __init__(self, user: Any) -> None:
        self.user = user


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Attribute every write inside the block to ``user``."""
    previous = getattr(HistoricalRecords.context, "request", None)
    HistoricalRecords.context.request = _Request(user)
    try:
        yield
    finally:
        if previous is None:
            del HistoricalRecords.context.request
        else:
            HistoricalRecords.context.request = previous


KIND_LABELS = {"+": _("Skapad"), "~": _("Ändrad"), "-": _("Borttagen")}


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    version: int | None = None


def _display(model: type[models.Model], name: str, value: Any, related: dict[Any, str]) -> str:
    if value is None or value == "":
        return "–"
    f = model._meta.get_field(name)
    assert isinstance(f, models.Field)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.ForeignKey):
        return related.get((name, value), f"#{value}")
    if isinstance(f, models.BooleanField):
        return str(_("Ja") if value else _("Nej"))
    return str(value)


def history_of(obj: models.Model) -> list[HistoryEntry]:
    """Every recorded version of ``obj``, newest first, with field-by-field changes.

    Runs a fixed number of queries however long the history is: the records in
    one query, then one query per foreign-key field to name related objects.
    """
    model = type(obj)
    records = list(
        obj.history.select_related("history_user").order_by("history_date", "history_id")  # type: ignore[attr-defined]
    )
    skipped = {"version"}
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.name not in skipped and f.editable and not f.primary_key
    ]
    related: dict[Any, str] = {}
    for f in fields:
        if isinstance(f, models.ForeignKey):
            ids = {getattr(r, f.attname) for r in records} - {None}
            if ids:
                target = f.related_model
                assert isinstance(target, type)
                for pk, text in (
                    (o.pk, str(o)) for o in target._default_manager.filter(pk__in=ids)
                ):
                    related[(f.name, pk)] = text
    entries: list[HistoryEntry] = []
    previous = None
    for record in records:
        changes: list[FieldChange] = []
        for f in fields:
            after = getattr(record, f.attname)
            before = getattr(previous, f.attname) if previous is not None else None
            if previous is None and after in (None, ""):
                continue
            if previous is not None and before == after:
                continue
            changes.append(
                FieldChange(
                    label=str(f.verbose_name),
                    before=_display(model, f.name, before, related) if previous else "–",
                    after=_display(model, f.name, after, related),
                )
            )
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.get_username()) if user else str(_("System")),
                kind=str(KIND_LABELS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes,
                version=getattr(record, "version", None),
            )
        )
        previous = record
    entries.reverse()
    return entries
