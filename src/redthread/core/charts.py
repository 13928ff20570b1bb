"""Charts as SVG, drawn on the server: one definition for the web page and the PDF reports.

A chart is data first: ``Chart.rows()`` gives the same figures as a table, and the SVG
carries a title and a description for screen readers. Series differ by line style and
marker as well as colour, so the chart reads in black and white.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from math import floor, log10
from uuid import uuid4

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from redthread.core.formatting import number

Value = Decimal | float | int | None


@dataclass
class Series:
    label: str
    values: list[Value]
    style: str = "solid"  # solid | dashed | dotted
    colour: str = "#a3112a"
    marker: str = "circle"  # circle | square | none


@dataclass
class Chart:
    title: str
    labels: list[str]
    series: list[Series] = field(default_factory=list)
    unit: str = ""
    decimals: int = 0
    width: int = 640
    height: int = 260

    def rows(self) -> list[list[str]]:
        """The chart as a table: one row per label, one column per series."""
        return [
            [label, *[self._fmt(s.values[i]) if i < len(s.values) else "–" for s in self.series]]
            for i, label in enumerate(self.labels)
        ]

    def _fmt(self, value: Value) -> str:
        if value is None:
            return "–"
        text = number(value, self.decimals)
        return f"{text}\u00a0{self.unit}" if self.unit else text

    def description(self) -> str:
        parts = []
        for s in self.series:
            known = [
                (self.labels[i], v)
                for i, v in enumerate(s.values)
                if v is not None and i < len(self.labels)
            ]
            if known:
                first, last = known[0], known[-1]
                parts.append(
                    gettext(
                        "%(series)s: %(first)s (%(first_label)s) till %(last)s (%(last_label)s)"
                    )
                    % {
                        "series": s.label,
                        "first": self._fmt(first[1]),
                        "first_label": first[0],
                        "last": self._fmt(last[1]),
                        "last_label": last[0],
                    }
                )
        return "; ".join(parts) or gettext("Inga värden.")

    def svg(self, chart_id: str | None = None) -> SafeString:
        chart_id = chart_id or f"chart-{uuid4().hex[:8]}"
        values = [float(v) for s in self.series for v in s.values if v is not None]
        left, right, top, bottom = 64, 16, 16, 56
        w, h = self.width, self.height
        plot_w, plot_h = w - left - right, h - top - bottom
        lo, hi, ticks = _scale(values)
        n = max(len(self.labels), 1)

        def x(i: int) -> float:
            return left + (plot_w * (i + 0.5) / n)

        def y(v: float) -> float:
            return top + plot_h - (v - lo) / (hi - lo) * plot_h if hi > lo else top + plot_h / 2

        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" class="chart" role="img" '
            f'aria-labelledby="{chart_id}-t {chart_id}-d" preserveAspectRatio="xMidYMid meet">',
            f'<title id="{chart_id}-t">{escape(self.title)}</title>',
            f'<desc id="{chart_id}-d">{escape(self.description())}</desc>',
            f'<rect x="0" y="0" width="{w}" height="{h}" fill="#fff"/>',
        ]
        for tick in ticks:
            ty = y(tick)
            out.append(
                f'<line x1="{left}" x2="{w - right}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#ddd"/>'
            )
            out.append(
                f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" font-size="11" fill="#333">'
                f"{escape(number(tick, _tick_decimals(ticks)))}</text>"
            )
        out.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#666"/>')
        out.append(
            f'<line x1="{left}" x2="{w - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#666"/>'
        )
        step = max(1, n // 12)
        for i, label in enumerate(self.labels):
            if i % step == 0:
                out.append(
                    f'<text x="{x(i):.1f}" y="{top + plot_h + 16}" text-anchor="middle" font-size="11" '
                    f'fill="#333">{escape(label)}</text>'
                )
        dash = {
            "solid": "",
            "dashed": ' stroke-dasharray="7 4"',
            "dotted": ' stroke-dasharray="2 3"',
        }
        for s in self.series:
            points = [
                (x(i), y(float(v))) for i, v in enumerate(s.values) if v is not None and i < n
            ]
            if len(points) > 1:
                path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
                out.append(
                    f'<polyline points="{path}" fill="none" stroke="{s.colour}" stroke-width="2.5"{dash[s.style]}/>'
                )
            for px, py in points:
                if s.marker == "circle":
                    out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{s.colour}"/>')
                elif s.marker == "square":
                    out.append(
                        f'<rect x="{px - 3.5:.1f}" y="{py - 3.5:.1f}" width="7" height="7" fill="{s.colour}"/>'
                    )
        lx = left
        for s in self.series:
            ly = h - 14
            out.append(
                f'<line x1="{lx}" x2="{lx + 22}" y1="{ly - 4}" y2="{ly - 4}" stroke="{s.colour}" stroke-width="2.5"{dash[s.style]}/>'
            )
            out.append(
                f'<text x="{lx + 28}" y="{ly}" font-size="11" fill="#333">{escape(s.label)}</text>'
            )
            lx += 40 + 7 * len(s.label)
        out.append("</svg>")
        return mark_safe("".join(out))  # noqa: S308  (every text is escaped above)


def _scale(values: list[float]) -> tuple[float, float, list[float]]:
    if not values:
        return 0.0, 1.0, [0.0, 1.0]
    lo, hi = min(values), max(values)
    lo = min(lo, 0.0) if lo >= 0 and lo < hi * 0.5 else lo
    if hi == lo:
        hi, lo = hi + 1, lo - 1
    span = hi - lo
    raw = span / 4
    magnitude = 10 ** floor(log10(raw))
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw), default=raw)
    start = floor(lo / step) * step
    ticks = []
    tick = start
    while tick <= hi + step * 0.001:
        ticks.append(round(tick, 10))
        tick += step
    if ticks[-1] < hi:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks[0], ticks[-1], ticks


def _tick_decimals(ticks: list[float]) -> int:
    return 0 if all(float(t).is_integer() for t in ticks) else 1
