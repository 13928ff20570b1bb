"""The report as data: what a builder produces and every renderer reads.

A builder (``reports/kinds/``) turns the municipality's data into a ``Report``: sections
in order, each holding blocks (paragraphs, tables, key figures, charts). Renderers
(HTML, PDF, DOCX, XLSX) never query the database; they only lay out a ``Report``. So the
numbers a report prints are exactly the values the builder computed, and a test can
compare them with the data without parsing a PDF.

Written text is not part of what a builder produces: each section has a stable ``key``,
and the engine adds the municipality's intro text (the template) and the owner's
approved text for that key before rendering.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from redthread.core.charts import Chart

Value = Decimal | int | float | str | None

# How a column's values are printed: text as is; amount in tkr/mnkr per the table's unit;
# number with the column's decimals; percent 0-100; share 0-1 printed as percent;
# status one of green/yellow/red/none (the goal chain's FollowUp statuses).
ColumnKind = Literal["text", "amount", "number", "percent", "share", "status"]


@dataclass
class Column:
    label: str
    kind: ColumnKind = "text"
    decimals: int = 0


@dataclass
class Row:
    cells: list[Value]
    # "sum" rows are printed bold with a rule above; "heading" rows group the rows
    # below them (e.g. "Verksamhetens intäkter"); level indents the first cell.
    style: Literal["normal", "sum", "heading"] = "normal"
    level: int = 0
    note: str = ""  # a note reference, e.g. "1", printed in a "Not" column when set


@dataclass
class Table:
    caption: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    unit: str = ""  # e.g. "tkr", "mnkr", "%"; printed under the caption
    source: str = ""  # where the figures come from, printed under the table

    def has_notes(self) -> bool:
        return any(row.note for row in self.rows)


@dataclass
class Paragraph:
    text: str


@dataclass
class KeyFigure:
    label: str
    value: Value
    unit: str = ""
    kind: ColumnKind = "number"
    decimals: int = 0


@dataclass
class KeyFigures:
    items: list[KeyFigure]


@dataclass
class ChartBlock:
    chart: Chart


Block = Paragraph | Table | KeyFigures | ChartBlock


@dataclass
class Section:
    key: str  # stable, e.g. "forvaltningsberattelse.god_ekonomisk_hushallning"
    title: str
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    # Filled by the engine from the template and the approved section text, never by a
    # builder.
    intro: str = ""
    text: str = ""

    def walk(self, level: int = 1) -> Iterator[tuple[int, Section]]:
        yield level, self
        for child in self.children:
            yield from child.walk(level + 1)


@dataclass
class Report:
    kind: str  # one of KINDS
    title: str
    municipality: str
    year: int
    period_label: str  # e.g. "1 januari–31 augusti 2026"
    body: str = ""  # the nämnd's name for nämnd reports
    subtitle: str = ""
    sections: list[Section] = field(default_factory=list)
    generated_at: dt.datetime | None = None

    def walk(self) -> Iterator[tuple[int, Section]]:
        for section in self.sections:
            yield from section.walk()

    def section(self, key: str) -> Section:
        for _, section in self.walk():
            if section.key == key:
                return section
        raise KeyError(key)

    def tables(self) -> Iterator[tuple[Section, Table]]:
        for _, section in self.walk():
            for block in section.blocks:
                if isinstance(block, Table):
                    yield section, block


class NoData(Exception):
    """The period has no data to report; the message says which and what to do."""


KINDS = (
    "mal-och-budget",
    "delarsrapport",
    "arsredovisning",
    "verksamhetsberattelse",
    "manadsrapport",
    "internkontroll",
)
