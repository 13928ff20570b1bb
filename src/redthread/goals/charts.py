"""The charts of the goal chain: a metric over the years, with its target and gender split."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from redthread.core.charts import Chart, Series
from redthread.goals.models import Actual, Indicator, Measure, Target


@dataclass
class YearRow:
    year: int
    actual: Decimal | None
    women: Decimal | None
    men: Decimal | None
    target: Decimal | None
    source: str
    published_on: Any


@dataclass
class MetricHistory:
    rows: list[YearRow]
    chart: Chart


def metric_history(metric: Indicator | Measure, years: int = 10) -> MetricHistory:
    """The metric's last ``years`` years across its lineage: three queries."""
    model = type(metric)
    field = "indicator" if isinstance(metric, Indicator) else "measure"
    versions = {
        m.pk: m.year for m in model.objects.filter(lineage=metric.lineage).only("pk", "year")
    }
    actuals = (
        Actual.objects.filter(**{f"{field}_id__in": versions})
        .select_related("period")
        .order_by("period__end_date", "period__kind")
    )
    by_year: dict[int, Actual] = {}
    for actual in actuals:
        year = actual.period.year
        current = by_year.get(year)
        # The helår figure counts for the year; otherwise the latest of the year.
        if current is None or current.period.kind != "annual":
            by_year[year] = actual
    targets = Target.objects.filter(**{f"{field}_id__in": versions}).effective()
    target_by_year = {year: t.value for (_kind, _pk, year), t in targets.items()}
    all_years = sorted(set(by_year) | set(target_by_year))[-years:]
    rows = [
        YearRow(
            year=y,
            actual=by_year[y].value if y in by_year else None,
            women=by_year[y].value_women if y in by_year else None,
            men=by_year[y].value_men if y in by_year else None,
            target=target_by_year.get(y),
            source=by_year[y].get_source_display() if y in by_year else "",
            published_on=by_year[y].published_on if y in by_year else None,
        )
        for y in all_years
    ]
    series = [
        Series(
            _("Utfall"), [r.actual for r in rows], style="solid", colour="#a3112a", marker="circle"
        ),
        Series(
            _("Målvärde"),
            [r.target for r in rows],
            style="dashed",
            colour="#1f4e8c",
            marker="square",
        ),
    ]
    if metric.gender_split:
        series.append(
            Series(
                _("Kvinnor"),
                [r.women for r in rows],
                style="dotted",
                colour="#6b3fa0",
                marker="none",
            )
        )
        series.append(
            Series(_("Män"), [r.men for r in rows], style="dotted", colour="#2e7d32", marker="none")
        )
    chart = Chart(
        title=metric.title,
        labels=[str(r.year) for r in rows],
        series=series,
        unit=metric.unit_label,
        decimals=metric.decimals,
    )
    return MetricHistory(rows, chart)
