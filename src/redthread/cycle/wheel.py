"""The year wheel's geometry: twelve months around a circle, steps as arcs in process rings.

1 January is at the top and the year runs clockwise. Each process (planning, follow-up,
internal control) has a ring; steps that overlap in time share it in lanes. A step shorter
than a few days still gets a visible arc. The template draws the SVG from these numbers,
so the wheel needs no JavaScript.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from redthread.cycle.models.events import CycleEvent
from redthread.cycle.schedule import Process

SIZE = 640
CENTER = SIZE / 2
LABEL_RADIUS = 297
GRID_OUTER = 282
GRID_INNER = 88
RINGS: list[tuple[str, float, float]] = [
    (Process.PLANNING, 214, 280),
    (Process.FOLLOW_UP, 150, 209),
    (Process.INTERNAL_CONTROL, 92, 145),
]
LANE_GAP = 2.0
MIN_DAYS = 3
MONTH_ABBREVIATIONS = [
    _("jan"),
    _("feb"),
    _("mar"),
    _("apr"),
    _("maj"),
    _("jun"),
    _("jul"),
    _("aug"),
    _("sep"),
    _("okt"),
    _("nov"),
    _("dec"),
]


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass
class MonthMark:
    label: str
    x: float
    y: float
    boundary: Line


@dataclass
class Arc:
    event: CycleEvent
    path: str
    process: str
    title: str
    state: str


@dataclass
class Ring:
    process: str
    label: str
    inner: float
    outer: float

    @property
    def middle(self) -> float:
        return (self.inner + self.outer) / 2

    @property
    def width(self) -> float:
        return self.outer - self.inner


@dataclass
class Wheel:
    year: int
    size: int = SIZE
    center: float = CENTER
    months: list[MonthMark] = field(default_factory=list)
    rings: list[Ring] = field(default_factory=list)
    arcs: list[Arc] = field(default_factory=list)
    today: Line | None = None
    today_label: tuple[float, float] | None = None

    @property
    def view_box(self) -> str:
        return f"0 0 {self.size} {self.size}"


def _fraction(year: int, day: dt.date) -> float:
    first = dt.date(year, 1, 1)
    length = (dt.date(year + 1, 1, 1) - first).days
    return min(max((day - first).days / length, 0.0), 1.0)


def _point(fraction: float, radius: float) -> tuple[float, float]:
    angle = fraction * 2 * math.pi - math.pi / 2
    return (
        round(CENTER + radius * math.cos(angle), 2),
        round(CENTER + radius * math.sin(angle), 2),
    )


def sector(start: float, end: float, inner: float, outer: float) -> str:
    """An annular sector from fraction ``start`` to ``end`` of the circle, as an SVG path."""
    end = min(end, start + 0.9999)
    large = 1 if end - start > 0.5 else 0
    x1, y1 = _point(start, outer)
    x2, y2 = _point(end, outer)
    x3, y3 = _point(end, inner)
    x4, y4 = _point(start, inner)
    return (
        f"M{x1} {y1} A{outer} {outer} 0 {large} 1 {x2} {y2} "
        f"L{x3} {y3} A{inner} {inner} 0 {large} 0 {x4} {y4} Z"
    )


def _lanes(events: list[CycleEvent]) -> dict[int, tuple[int, int]]:
    """(lane, lanes in its cluster) per event index, so that overlapping events never share a
    lane and an event that overlaps nothing gets the whole ring."""
    order = sorted(range(len(events)), key=lambda i: (events[i].starts_on, events[i].ends_on))
    result: dict[int, tuple[int, int]] = {}
    cluster: list[int] = []
    lane_ends: list[dt.date] = []
    cluster_end = dt.date.min

    def close() -> None:
        for index in cluster:
            result[index] = (result[index][0], len(lane_ends))

    for index in order:
        event = events[index]
        busy_until = event.ends_on + dt.timedelta(days=MIN_DAYS)
        if cluster and event.starts_on > cluster_end:
            close()
            cluster, lane_ends = [], []
        for lane, last in enumerate(lane_ends):
            if last < event.starts_on:
                lane_ends[lane] = busy_until
                break
        else:
            lane = len(lane_ends)
            lane_ends.append(busy_until)
        result[index] = (lane, 0)
        cluster.append(index)
        cluster_end = max(cluster_end, busy_until)
    close()
    return result


def build(events: list[CycleEvent], year: int, today: dt.date) -> Wheel:
    wheel = Wheel(year=year)
    for month in range(12):
        start = _fraction(year, dt.date(year, month + 1, 1))
        middle = _fraction(year, dt.date(year, month + 1, 15))
        x, y = _point(middle, LABEL_RADIUS)
        x1, y1 = _point(start, GRID_INNER)
        x2, y2 = _point(start, GRID_OUTER)
        wheel.months.append(MonthMark(str(MONTH_ABBREVIATIONS[month]), x, y, Line(x1, y1, x2, y2)))
    labels = dict(Process.choices)
    for process, inner, outer in RINGS:
        wheel.rings.append(Ring(process, str(labels[process]), inner, outer))
        in_ring = [e for e in events if e.step.process == process]
        lanes = _lanes(in_ring)
        for index, event in enumerate(in_ring):
            lane, count = lanes[index]
            width = (outer - inner - LANE_GAP * (count - 1)) / count
            lane_outer = outer - lane * (width + LANE_GAP)
            start = _fraction(year, event.starts_on)
            end = _fraction(year, event.ends_on + dt.timedelta(days=1))
            end = max(end, start + MIN_DAYS / 365)
            title = f"{event.name}: {event.starts_on:%Y-%m-%d} – {event.ends_on:%Y-%m-%d}"
            path = sector(start, end, lane_outer - width, lane_outer)
            wheel.arcs.append(Arc(event, path, process, title, event.state(today)))
    if today.year == year:
        fraction = _fraction(year, today) + 0.5 / 365
        x1, y1 = _point(fraction, GRID_INNER - 6)
        x2, y2 = _point(fraction, GRID_OUTER + 4)
        wheel.today = Line(x1, y1, x2, y2)
        wheel.today_label = _point(fraction, GRID_INNER - 20)
    return wheel
