"""Was the promise kept? A promise's result in a period is its measure's actual against the target.

No rule of its own: the status is the goal chain's (``Metric.status_for`` -> ``metric_status``,
with the measure's or the municipality's tolerance), so a promise reads the same green,
yellow or red as the measure does on the goal pages. Green means the promise was kept,
yellow that it was nearly kept (within the tolerance), red that it was not.

A promise is linked to one year's measure; the other years' versions of the same measure
(its lineage) carry on, so a rolled-over goal structure keeps following the promise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from redthread.core.formatting import number
from redthread.cycle.models import ReportingPeriod
from redthread.goals.models import Actual, GoalSettings, Measure, Target
from redthread.goals.status import Status
from redthread.organisation.models import Municipality
from redthread.quality.models import ServicePromise

KEPT_LABELS: dict[str, str | Promise] = {
    Status.GREEN: _("Löftet hölls"),
    Status.YELLOW: _("Löftet hölls nästan"),
    Status.RED: _("Löftet hölls inte"),
    Status.NONE: _("Inte mätt ännu"),
}
PERIOD_RANK = {"annual": 0, "interim": 1, "forecast": 2, "month": 3}


@dataclass
class PromiseResult:
    """One period's answer to "was the promise kept?"."""

    period: ReportingPeriod
    measure: Measure
    actual: Actual
    target: Target | None
    status: Status

    @property
    def label(self) -> str:
        return str(KEPT_LABELS[self.status])

    @property
    def actual_text(self) -> str:
        return _in_unit(self.actual.value, self.measure)

    @property
    def target_text(self) -> str:
        return _in_unit(self.target.value, self.measure) if self.target else "–"


def _in_unit(value: Any, measure: Measure) -> str:
    """``96 %``, ``13`` (a count needs no unit word), ``38 dagar``."""
    text = number(value, measure.decimals)
    unit = measure.unit_label
    return f"{text}\u00a0{unit}" if unit and unit != "antal" else text


def promise_results(
    promises: Iterable[ServicePromise], municipality: Municipality, *, closed_only: bool = False
) -> dict[int, list[PromiseResult]]:
    """Every period with an actual, newest first, per promise: four queries for any number.

    ``closed_only`` keeps to closed and locked periods, as the public pages do: a figure
    of an open period can still change.
    """
    promises = [p for p in promises if p.measure_id is not None]
    if not promises:
        return {}
    lineages: set[UUID] = {p.measure.lineage for p in promises if p.measure is not None}
    measures = {m.pk: m for m in Measure.objects.filter(lineage__in=lineages)}
    actuals = Actual.objects.filter(measure_id__in=measures, value__isnull=False).select_related(
        "period"
    )
    if closed_only:
        actuals = actuals.filter(
            period__state__in=[ReportingPeriod.State.CLOSED, ReportingPeriod.State.LOCKED]
        )
    targets = Target.objects.filter(measure_id__in=measures).effective()
    tolerance = GoalSettings.tolerance_for(municipality)
    by_lineage: dict[UUID, list[PromiseResult]] = {}
    for actual in actuals:
        assert actual.measure_id is not None
        measure = measures[actual.measure_id]
        target = targets.get(("measure", measure.pk, actual.period.year))
        status = measure.status_for(actual.value, target.value if target else None, tolerance)
        by_lineage.setdefault(measure.lineage, []).append(
            PromiseResult(actual.period, measure, actual, target, status)
        )
    for rows in by_lineage.values():
        rows.sort(key=lambda r: (r.period.end_date, -PERIOD_RANK[r.period.kind]), reverse=True)
    return {p.pk: by_lineage.get(p.measure.lineage, []) for p in promises if p.measure is not None}


def latest_results(
    promises: Iterable[ServicePromise], municipality: Municipality, *, closed_only: bool = False
) -> dict[int, PromiseResult | None]:
    """The newest result of each promise, or None where nothing is measured yet."""
    promises = list(promises)
    results = promise_results(promises, municipality, closed_only=closed_only)
    found: dict[int, PromiseResult | None] = {}
    for promise in promises:
        rows = results.get(promise.pk)
        found[promise.pk] = rows[0] if rows else None
    return found


def results_table(
    promises: list[ServicePromise], results: dict[int, list[PromiseResult]], limit: int = 6
) -> dict[str, Any]:
    """The latest ``limit`` period ends as columns, one row per promise.

    Periods ending the same day (the August month report and the delår) share a column;
    a promise shows its result of the weightier period (helår, delår, prognos, month).
    """
    best: dict[dt.date, ReportingPeriod] = {}
    for rows in results.values():
        for row in rows:
            known = best.get(row.period.end_date)
            if known is None or PERIOD_RANK[row.period.kind] < PERIOD_RANK[known.kind]:
                best[row.period.end_date] = row.period
    columns = [best[end] for end in sorted(best, reverse=True)[:limit]]
    columns.reverse()
    table = []
    for promise in promises:
        by_end: dict[dt.date, PromiseResult] = {}
        for row in results.get(promise.pk, []):
            current = by_end.get(row.period.end_date)
            if current is None or PERIOD_RANK[row.period.kind] < PERIOD_RANK[current.period.kind]:
                by_end[row.period.end_date] = row
        table.append((promise, [by_end.get(p.end_date) for p in columns]))
    return {"columns": columns, "rows": table}
