"""Indicators and measures computed from the system's own data.

An app below goals (synpunkter, for one) registers a computation under a stable key; a metric
with source "computed" names the key, and ``compute_actuals`` writes its actual for every
period of the year that has ended and is still open. A manual actual is never overwritten,
and a closed period is never written.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise

from redthread.cycle.models import ReportingPeriod
from redthread.goals.models import Actual, Indicator, Measure, Source
from redthread.organisation.models import Municipality

logger = logging.getLogger(__name__)

#: (municipality, first day, last day) -> the value, or None when there is nothing to count.
Compute = Callable[[Municipality, dt.date, dt.date], Decimal | None]


@dataclass(frozen=True)
class Computation:
    key: str
    label: str | Promise
    compute: Compute


COMPUTATIONS: dict[str, Computation] = {}


def register_computation(key: str, label: str | Promise, compute: Compute) -> None:
    COMPUTATIONS[key] = Computation(key, label, compute)


def computation_choices() -> list[tuple[str, str]]:
    return [(c.key, str(c.label)) for c in COMPUTATIONS.values()]


@dataclass
class ComputeReport:
    written: int = 0
    unchanged: int = 0
    kept_manual: int = 0


@transaction.atomic
def compute_actuals(
    municipality: Municipality, year: int, today: dt.date | None = None
) -> ComputeReport:
    """Year-to-date values for every computed metric in the year's periods that are not closed:
    those that have ended, and the open one so far (up to today)."""
    today = today or timezone.localdate()
    report = ComputeReport()
    periods = (
        ReportingPeriod.objects.filter(municipality=municipality, year=year)
        .writable()
        .filter(Q(end_date__lte=today) | Q(state=ReportingPeriod.State.OPEN))
    )
    metrics: list[Indicator | Measure] = [
        *Indicator.objects.filter(
            year=year, source=Source.COMPUTED, goal__area__vision__municipality=municipality
        ).exclude(computation=""),
        *Measure.objects.filter(
            year=year, source=Source.COMPUTED, commitment__body__municipality=municipality
        ).exclude(computation=""),
    ]
    for metric in metrics:
        computation = COMPUTATIONS.get(metric.computation)
        if computation is None:
            logger.warning("no computation %r registered for %s", metric.computation, metric)
            continue
        field = "indicator" if isinstance(metric, Indicator) else "measure"
        for period in periods:
            value = computation.compute(
                municipality, dt.date(year, 1, 1), min(period.end_date, today)
            )
            if value is None:
                continue
            value = value.quantize(Decimal(1).scaleb(-metric.decimals))
            actual = Actual.objects.filter(**{field: metric}, period=period).first()
            if actual is not None and actual.source == Source.MANUAL:
                report.kept_manual += 1
                continue
            if actual is not None and actual.value == value:
                report.unchanged += 1
                continue
            if actual is None:
                actual = Actual(**{field: metric}, period=period)
            actual.value = value
            actual.source = Source.COMPUTED
            actual.note = str(computation.label)
            actual.save()
            report.written += 1
    return report
