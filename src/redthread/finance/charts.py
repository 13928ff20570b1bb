"""Bar charts drawn as SVG on the server: no JavaScript, and a table beside every chart.

The geometry is computed here; ``finance/_bar_chart.html`` draws it. Each chart has a
title and a description for screen readers, and the same figures are in a table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from redthread.core.formatting import mnkr


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass
class Label:
    x: float
    y: float
    text: str
    anchor: str = "end"


@dataclass
class Chart:
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    gridlines: list[tuple[float, str]] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    zero: float = 0


def grouped_bars(
    *,
    title: str,
    description: str,
    categories: list[str],
    series: list[tuple[str, str, list[int]]],
    label_width: int = 260,
    width: int = 760,
) -> Chart:
    """Horizontal bars: one group per category, one bar per series (name, css class, values)."""
    bar_height = 12
    gap = 10
    group = bar_height * len(series) + gap
    top = 30
    height = top + group * len(categories) + 24
    values = [v for _n, _c, vs in series for v in vs] or [0]
    low, high = min(0, *values), max(0, *values)
    span = (high - low) or 1
    plot = width - label_width - 50  # room for the last gridline's label

    def x_of(value: float) -> float:
        return label_width + (value - low) / span * plot

    chart = Chart(title=title, description=description, width=width, height=height)
    chart.zero = x_of(0)
    for index in range(5):
        value = low + span * index / 4
        chart.gridlines.append((x_of(value), mnkr(value)))
    for c, category in enumerate(categories):
        y = top + c * group
        chart.labels.append(Label(x=label_width - 8, y=y + group / 2, text=category))
        for s, (name, css, vs) in enumerate(series):
            value = vs[c]
            start, end = sorted((x_of(0), x_of(value)))
            chart.bars.append(
                Bar(
                    x=start,
                    y=y + s * bar_height,
                    width=max(end - start, 1),
                    height=bar_height - 2,
                    css=css,
                    title=f"{category}, {name}: {mnkr(value)}",
                )
            )
    chart.legend = [(name, css) for name, css, _vs in series]
    return chart


def column_bars(
    *,
    title: str,
    description: str,
    categories: list[str],
    values: list[int | None],
    css_positive: str = "bar-good",
    css_negative: str = "bar-bad",
    width: int = 760,
    height: int = 260,
) -> Chart:
    """Vertical bars, one per category (e.g. the result per month); missing values are gaps."""
    left, top, bottom = 80, 20, 30
    present = [v for v in values if v is not None] or [0]
    low, high = min(0, *present), max(0, *present)
    span = (high - low) or 1
    plot_h = height - top - bottom
    step = (width - left - 10) / max(len(categories), 1)

    def y_of(value: float) -> float:
        return top + (high - value) / span * plot_h

    chart = Chart(title=title, description=description, width=width, height=height)
    chart.zero = y_of(0)
    for index in range(5):
        level = low + span * index / 4
        chart.gridlines.append((y_of(level), mnkr(level)))
    for i, (category, value) in enumerate(zip(categories, values, strict=True)):
        x = left + i * step
        chart.labels.append(Label(x=x + step / 2, y=height - 10, text=category, anchor="middle"))
        if value is None:
            continue
        start, end = sorted((y_of(0), y_of(value)))
        chart.bars.append(
            Bar(
                x=x + step * 0.15,
                y=start,
                width=step * 0.7,
                height=max(end - start, 1),
                css=css_positive if value >= 0 else css_negative,
                title=f"{category}: {mnkr(value)}",
            )
        )
    return chart
