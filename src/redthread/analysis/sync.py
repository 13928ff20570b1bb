"""A sync with Kolada: what to ask for, fetching it all, then saving it in one transaction.

Everything is fetched first and saved afterwards, inside one transaction with the feeding of
the indicators: a page Kolada cannot answer or that cannot be read stops the run before
anything is saved, and the failed run is recorded with its error. Without a selection the
sync asks for the key figures the municipality's indicators use, for the municipality, its
comparison group's members, its county and Riket, over the last ten years.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from redthread.analysis import feed as feeding
from redthread.analysis import store
from redthread.analysis.client import KoladaClient, KoladaError, ValueRow
from redthread.analysis.files import read_directory
from redthread.analysis.models import (
    RIKET,
    ComparisonSettings,
    KoladaSync,
)
from redthread.goals.models import Indicator
from redthread.organisation.models import Municipality

DEFAULT_YEARS = 10


@dataclass
class Selection:
    """What a sync asks Kolada for."""

    kpis: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    all_municipalities: bool = False
    from_date: dt.date | None = None
    catalogue: bool = False
    feed: bool = True

    def parameters(self) -> dict[str, Any]:
        values = asdict(self)
        values["from_date"] = self.from_date.isoformat() if self.from_date else None
        return values


def parse_years(text: str) -> list[int]:
    """``2016-2025`` or ``2024``: the years asked for."""
    first, _sep, last = text.partition("-")
    if not first.strip().isdigit() or (last and not last.strip().isdigit()):
        raise ValueError(text)
    start, end = int(first), int(last or first)
    if not (1990 <= start <= end <= 2100):
        raise ValueError(text)
    return list(range(start, end + 1))


def linked_kpis(municipality: Municipality) -> list[str]:
    """The Kolada ids the municipality's indicators use, any year."""
    return sorted(
        set(
            Indicator.objects.filter(goal__area__vision__municipality=municipality)
            .exclude(kolada_kpi="")
            .values_list("kolada_kpi", flat=True)
        )
    )


def complete(
    municipality: Municipality,
    *,
    kpis: Sequence[str] = (),
    municipalities: Sequence[str] = (),
    groups: Sequence[str] = (),
    years: Sequence[int] = (),
    today: dt.date | None = None,
    **options: Any,
) -> Selection:
    """The selection with defaults for what was not given."""
    today = today or timezone.localdate()
    default_group, county = ComparisonSettings.resolved(municipality)
    chosen_groups = list(groups) or ([default_group] if default_group else [])
    places = list(municipalities) or [municipality.code, county, RIKET]
    return Selection(
        kpis=list(kpis) or linked_kpis(municipality),
        municipalities=list(dict.fromkeys(places)),
        groups=chosen_groups,
        years=list(years) or list(range(today.year - DEFAULT_YEARS, today.year + 1)),
        **options,
    )


def run(
    selection: Selection,
    municipality: Municipality,
    *,
    client: KoladaClient | None = None,
    user: Any = None,
) -> KoladaSync:
    """Fetch from Kolada's API and save; raises ``KoladaError`` after recording a failed run."""
    client = client or KoladaClient()
    sync = KoladaSync.objects.create(
        user=user, source=KoladaSync.Source.API, parameters=selection.parameters()
    )
    try:
        kpi_rows = list(client.kpis(None if selection.catalogue else selection.kpis))
        municipality_rows = list(client.municipalities())
        group_rows = list(client.groups(selection.groups)) if selection.groups else []
        members = [m for g in group_rows for m in g["members"]]
        places = list(dict.fromkeys([*selection.municipalities, *members]))
        values: list[ValueRow] = []
        if selection.kpis:
            values = list(
                client.values(
                    selection.kpis,
                    None if selection.all_municipalities else places,
                    selection.years,
                    selection.from_date,
                )
            )
    except KoladaError as error:
        _fail(sync, error)
        raise
    return _save(
        sync,
        municipality,
        kpis=kpi_rows,
        municipalities=municipality_rows,
        groups=group_rows,
        values=values,
        feed=selection.feed,
    )


def run_from_files(
    directory: Path,
    municipality: Municipality,
    *,
    user: Any = None,
    values: bool = True,
    feed: bool = True,
    generated: bool = False,
) -> KoladaSync:
    """Load the published files (offline use, the demo) the same way as a sync saves the API's."""
    sync = KoladaSync.objects.create(
        user=user,
        source=KoladaSync.Source.FILES,
        parameters={"directory": str(directory), "values": values},
    )
    try:
        catalogue = read_directory(directory, values=values)
    except KoladaError as error:
        _fail(sync, error)
        raise
    sync.parameters["files"] = catalogue.files
    return _save(
        sync,
        municipality,
        kpis=catalogue.kpis,
        municipalities=catalogue.municipalities,
        groups=catalogue.groups,
        values=catalogue.values,
        feed=feed,
        generated=generated,
    )


def _fail(sync: KoladaSync, error: Exception) -> None:
    sync.state = KoladaSync.State.FAILED
    sync.message = str(error) or type(error).__name__
    sync.values_created = sync.values_updated = sync.values_unchanged = 0
    sync.actuals_written = sync.pending = 0
    sync.finished_at = timezone.now()
    sync.save()


def _save(
    sync: KoladaSync,
    municipality: Municipality,
    *,
    kpis: list[dict[str, Any]],
    municipalities: list[dict[str, Any]],
    groups: list[dict[str, Any]],
    values: list[ValueRow],
    feed: bool,
    generated: bool = False,
) -> KoladaSync:
    try:
        _store(sync, municipality, kpis, municipalities, groups, values, feed, generated)
    except Exception as error:
        _fail(sync, error)
        raise
    return sync


def _store(
    sync: KoladaSync,
    municipality: Municipality,
    kpis: list[dict[str, Any]],
    municipalities: list[dict[str, Any]],
    groups: list[dict[str, Any]],
    values: list[ValueRow],
    feed: bool,
    generated: bool,
) -> None:
    with transaction.atomic():
        catalogue = store.store_kpis(kpis)
        catalogue += store.store_municipalities(municipalities)
        catalogue += store.store_groups(groups)
        counts = store.store_values(values, sync=sync, generated=generated)
        sync.values_created = counts.created
        sync.values_updated = counts.updated
        sync.values_unchanged = counts.unchanged
        sync.parameters["catalogue"] = {
            "kpis": len(kpis),
            "municipalities": len(municipalities),
            "groups": len(groups),
            "created": catalogue.created,
            "updated": catalogue.updated,
        }
        if feed:
            result = feeding.feed(municipality, kpis={v.kpi for v in values} or None)
            sync.actuals_written = result.written + result.updated
            sync.pending = result.pending
        sync.state = KoladaSync.State.DONE
        sync.finished_at = timezone.now()
        sync.save()


def last_success(source: str = KoladaSync.Source.API) -> KoladaSync | None:
    return (
        KoladaSync.objects.filter(state=KoladaSync.State.DONE, source=source)
        .order_by("-started_at")
        .first()
    )
