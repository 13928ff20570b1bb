"""Saving what was read from Kolada (the API or the published files): in bulk, idempotently.

Rows come in the API's shape (``id``, ``title`` …) and are saved by Kolada id: a new id is
created, a changed one updated, an unchanged one left alone, so saving the same catalogue
twice writes nothing the second time. Catalogue changes keep their history (in bulk); values
are a mirror and keep none (see ``KoladaValue``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from redthread.analysis.client import ValueRow
from redthread.analysis.models import (
    KoladaGroup,
    KoladaKpi,
    KoladaMunicipality,
    KoladaSync,
    KoladaValue,
)

BATCH = 500


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        return self


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value)


def _text(value: Any, length: int | None = None) -> str:
    text = "" if value is None else str(value)
    return text[:length] if length else text


def kpi_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": _text(row["id"], 12),
        "title": _text(row.get("title"), 400),
        "description": _text(row.get("description")),
        "is_divided_by_gender": _bool(row.get("is_divided_by_gender")),
        "municipality_type": _text(row.get("municipality_type"), 2),
        "operating_area": _text(row.get("operating_area"), 255),
        "perspective": _text(row.get("perspective"), 120),
        "auspice": _text(row.get("auspice"), 2),
        "publication_date": _date(row.get("publication_date")),
        "prel_publication_date": _date(row.get("prel_publication_date")),
        "publ_period": _text(row.get("publ_period"), 20),
        "has_ou_data": _bool(row.get("has_ou_data")),
    }


def municipality_fields(row: dict[str, Any]) -> dict[str, Any]:
    kind = _text(row.get("type"), 1) or KoladaMunicipality.Kind.MUNICIPALITY
    return {"code": _text(row["id"], 4), "title": _text(row.get("title"), 120), "kind": kind}


def group_fields(row: dict[str, Any]) -> dict[str, Any]:
    members = sorted(set(row.get("members") or []))
    return {
        "code": _text(row["id"], 12),
        "title": _text(row.get("title"), 255),
        "member_codes": " ".join(members),
    }


def _upsert(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> Counts:
    """Create, update or leave each row by its ``code``; history rows in bulk."""
    counts = Counts()
    if not rows:
        return counts
    codes = [row["code"] for row in rows]
    manager = model._default_manager
    if len(codes) > BATCH:
        existing = {o.code: o for o in manager.all()}  # type: ignore[attr-defined]
    else:
        existing = {o.code: o for o in manager.filter(code__in=codes)}  # type: ignore[attr-defined]
    fields = [name for name in rows[0] if name != "code"]
    new: list[models.Model] = []
    changed: list[models.Model] = []
    for row in {row["code"]: row for row in rows}.values():
        obj = existing.get(row["code"])
        if obj is None:
            new.append(model(**row))
            continue
        if any(getattr(obj, name) != row[name] for name in fields):
            for name in fields:
                setattr(obj, name, row[name])
            obj.version += 1  # type: ignore[attr-defined]
            changed.append(obj)
        else:
            counts.unchanged += 1
    if new:
        bulk_create_with_history(new, model, batch_size=BATCH)
    if changed:
        bulk_update_with_history(changed, model, fields=[*fields, "version"], batch_size=BATCH)
    counts.created, counts.updated = len(new), len(changed)
    return counts


def store_kpis(rows: Iterable[dict[str, Any]]) -> Counts:
    return _upsert(KoladaKpi, [kpi_fields(r) for r in rows])


def store_municipalities(rows: Iterable[dict[str, Any]]) -> Counts:
    return _upsert(KoladaMunicipality, [municipality_fields(r) for r in rows])


def store_groups(rows: Iterable[dict[str, Any]]) -> Counts:
    return _upsert(KoladaGroup, [group_fields(r) for r in rows])


def store_values(
    rows: Iterable[ValueRow], *, sync: KoladaSync | None = None, generated: bool = False
) -> Counts:
    """Save figures by (key figure, municipality, year, gender); only what changed is written."""
    incoming: dict[tuple[str, str, int, str], ValueRow] = {}
    for row in rows:
        incoming[(row.kpi, row.municipality, row.year, row.gender)] = row
    counts = Counts()
    if not incoming:
        return counts
    kpis = {key[0] for key in incoming}
    municipalities = {key[1] for key in incoming}
    years = {key[2] for key in incoming}
    existing: dict[tuple[str, str, int, str], KoladaValue] = {}
    for kpi in kpis:
        query = KoladaValue.objects.filter(kpi=kpi, year__in=years)
        if len(municipalities) <= BATCH:
            query = query.filter(municipality__in=municipalities)
        for value in query:
            existing[(value.kpi, value.municipality, value.year, value.gender)] = value
    today = timezone.localdate()
    new: list[KoladaValue] = []
    changed: list[KoladaValue] = []
    for key, row in incoming.items():
        stored = existing.get(key)
        if stored is None:
            new.append(
                KoladaValue(
                    kpi=row.kpi,
                    municipality=row.municipality,
                    year=row.year,
                    gender=row.gender,
                    value=row.value,
                    count=row.count,
                    status=row.status,
                    is_generated=generated,
                    fetched_on=today,
                    sync=sync,
                )
            )
        elif (
            _same(stored.value, row.value)
            and stored.count == row.count
            and stored.status == row.status
            and stored.is_generated == generated
        ):
            counts.unchanged += 1
        else:
            stored.value, stored.count, stored.status = row.value, row.count, row.status
            stored.is_generated, stored.fetched_on, stored.sync = generated, today, sync
            changed.append(stored)
    KoladaValue.objects.bulk_create(new, batch_size=BATCH)
    KoladaValue.objects.bulk_update(
        changed,
        ["value", "count", "status", "is_generated", "fetched_on", "sync"],
        batch_size=BATCH,
    )
    counts.created, counts.updated = len(new), len(changed)
    return counts


def _same(stored: Decimal | None, incoming: Decimal | None) -> bool:
    if stored is None or incoming is None:
        return stored is incoming
    return stored.quantize(Decimal("0.000001")) == incoming.quantize(Decimal("0.000001"))
