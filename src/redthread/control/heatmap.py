"""The 4 x 4 heat map of a year's risk assessments: counts per probability and consequence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from redthread.control.models import Axis, Band, ControlSettings, RiskAssessment, Step


@dataclass(frozen=True)
class Cell:
    probability: Step
    consequence: Step
    count: int
    value: int
    band: Band
    url: str
    selected: bool


@dataclass(frozen=True)
class HeatMap:
    """Rows from the most probable down, columns from the least serious consequence up."""

    consequences: tuple[Step, ...]
    rows: list[tuple[Step, list[Cell]]]
    total: int


def heat_map(
    assessments: QuerySet[RiskAssessment],
    settings: ControlSettings,
    url: Callable[[int, int], str],
    selected: tuple[int, int] | None = None,
) -> HeatMap:
    """Count ``assessments`` per cell in one query; ``url(p, c)`` opens a cell's risks."""
    counts = {
        (item["probability"], item["consequence"]): item["n"]
        for item in assessments.order_by()
        .values("probability", "consequence")
        .annotate(n=Count("pk"))
    }
    probabilities = settings.steps(Axis.PROBABILITY)
    consequences = settings.steps(Axis.CONSEQUENCE)
    rows = []
    for p in reversed(probabilities):
        cells = []
        for c in consequences:
            value = p.level * c.level
            cells.append(
                Cell(
                    probability=p,
                    consequence=c,
                    count=counts.get((p.level, c.level), 0),
                    value=value,
                    band=settings.band(value),
                    url=url(p.level, c.level),
                    selected=selected == (p.level, c.level),
                )
            )
        rows.append((p, cells))
    return HeatMap(consequences=consequences, rows=rows, total=sum(counts.values()))
