"""Statistics of synpunkter och felanmälan, and the figures that feed indicators.

Everything here counts fields that gallring keeps (kind, category, unit, dates,
state, working days), so the figures are the same before and after personal data
is removed. The goal chain and the kvalitetsdeklarationer read the plain functions
(``share_answered_within`` and friends); this module imports neither.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from redthread.feedback.models import ServiceRequest
from redthread.feedback.models.case import CLOSED_STATES, Kind, State
from redthread.feedback.workdays import add_working_days


def _scope(
    start: dt.date,
    end: dt.date,
    *,
    category: Any = None,
    unit: Any = None,
    kinds: list[str] | None = None,
    queryset: Any = None,
) -> Any:
    qs = (queryset if queryset is not None else ServiceRequest.objects.all()).received_between(
        start, end
    )
    if category is not None:
        qs = qs.filter(category=category)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs


def share_answered_within(
    days: int = 5,
    *,
    start: dt.date,
    end: dt.date,
    category: Any = None,
    unit: Any = None,
    kinds: list[str] | None = None,
    today: dt.date | None = None,
) -> float | None:
    """The share (0-1) of cases received from ``start`` to ``end`` answered within ``days``.

    A case counts as answered when the person got an answer or the case was closed,
    in working days after the day it came in. Cases still unanswered whose time has
    not run out yet are left out (they can still make it); None when nothing counts.
    ``unit`` includes the units below it.
    """
    day = today or dt.date.today()
    rows = _scope(start, end, category=category, unit=unit, kinds=kinds).values_list(
        "received_on", "response_days"
    )
    answered = judged = 0
    for received_on, response_days in rows:
        if response_days is not None:
            judged += 1
            answered += response_days <= days
        elif add_working_days(received_on, days) < day:
            judged += 1
    return answered / judged if judged else None


def received_count(
    *,
    start: dt.date,
    end: dt.date,
    category: Any = None,
    unit: Any = None,
    kinds: list[str] | None = None,
) -> int:
    """How many synpunkter and felanmälningar came in from ``start`` to ``end``."""
    return int(_scope(start, end, category=category, unit=unit, kinds=kinds).count())


def median_response_days(
    *, start: dt.date, end: dt.date, category: Any = None, unit: Any = None
) -> float | None:
    """The median number of working days until the person got an answer."""
    values = list(
        _scope(start, end, category=category, unit=unit)
        .filter(response_days__isnull=False)
        .values_list("response_days", flat=True)
    )
    return float(statistics.median(values)) if values else None


@dataclass
class Row:
    """One line of a statistics table."""

    label: str
    received: int = 0
    open: int = 0
    closed: int = 0
    answered_in_time: int = 0
    judged: int = 0
    response_days: list[int] = field(default_factory=list)
    handling_days: list[int] = field(default_factory=list)

    @property
    def share_in_time(self) -> float | None:
        return self.answered_in_time / self.judged if self.judged else None

    @property
    def median_response(self) -> float | None:
        return float(statistics.median(self.response_days)) if self.response_days else None

    @property
    def median_handling(self) -> float | None:
        return float(statistics.median(self.handling_days)) if self.handling_days else None

    @property
    def mean_handling(self) -> float | None:
        return statistics.fmean(self.handling_days) if self.handling_days else None


@dataclass
class Report:
    """The statistics page: totals and the same figures per category, unit, month and kind."""

    start: dt.date
    end: dt.date
    total: Row
    by_category: list[Row]
    by_unit: list[Row]
    by_month: list[Row]
    by_kind: list[Row]
    by_state: list[tuple[str, int]]


def report(
    start: dt.date, end: dt.date, *, queryset: Any = None, today: dt.date | None = None
) -> Report:
    """All figures for the period in one query over the cases (no personal data read)."""
    day = today or dt.date.today()
    qs = _scope(start, end, queryset=queryset)
    rows = qs.values_list(
        "kind",
        "state",
        "received_on",
        "due_on",
        "response_days",
        "handling_days",
        "category__name",
        "category__order",
        "category__response_days",
        "unit__name",
    )
    total = Row(str(_("Totalt")))
    groups: dict[str, dict[Any, Row]] = defaultdict(dict)
    order: dict[Any, Any] = {}
    kind_labels = dict(Kind.choices)
    closed = {str(s) for s in CLOSED_STATES}
    for (
        kind,
        state,
        received_on,
        due_on,
        response_days,
        handling_days,
        cat,
        cat_order,
        sla,
        unit,
    ) in rows:
        month = received_on.strftime("%Y-%m")
        keys = {
            "category": cat,
            "unit": unit,
            "month": month,
            "kind": str(kind_labels.get(kind, kind)),
        }
        order[("category", cat)] = (cat_order, cat)
        targets = [total]
        for group, key in keys.items():
            row = groups[group].get(key)
            if row is None:
                row = groups[group][key] = Row(key)
            targets.append(row)
        for row in targets:
            row.received += 1
            if state in closed:
                row.closed += 1
            else:
                row.open += 1
            if response_days is not None:
                row.judged += 1
                row.answered_in_time += response_days <= sla
                row.response_days.append(response_days)
            elif due_on < day:
                row.judged += 1
            if handling_days is not None:
                row.handling_days.append(handling_days)
    states = dict(qs.order_by().values_list("state").annotate(n=Count("pk")))
    return Report(
        start=start,
        end=end,
        total=total,
        by_category=sorted(groups["category"].values(), key=lambda r: order[("category", r.label)]),
        by_unit=sorted(groups["unit"].values(), key=lambda r: r.label),
        by_month=sorted(groups["month"].values(), key=lambda r: r.label),
        by_kind=sorted(groups["kind"].values(), key=lambda r: r.label),
        by_state=[(str(label), states.get(value, 0)) for value, label in State.choices],
    )
