"""The report as HTML: the preview in the browser and the body of the PDF.

The report is first turned into plain view data (headings, formatted cells) so the
template only lays it out; PDF and preview share the template ``reports/_document.html``.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _

from redthread.reports import values
from redthread.reports.document import (
    ChartBlock,
    KeyFigures,
    Paragraph,
    Report,
    Section,
    Table,
)


def table_view(table: Table) -> dict[str, Any]:
    notes = table.has_notes()
    columns = [
        {"label": c.label, "numeric": values.is_numeric(c.kind), "kind": c.kind}
        for c in table.columns
    ]
    if notes:
        columns.insert(1, {"label": _("Not"), "numeric": False, "kind": "note"})
    rows = []
    for row in table.rows:
        cells = []
        for i, column in enumerate(table.columns):
            value = row.cells[i] if i < len(row.cells) else None
            text = "" if row.style == "heading" and i > 0 else values.cell(table, column, value)
            cells.append(
                {
                    "text": text,
                    "numeric": values.is_numeric(column.kind),
                    "status": str(value or "none")
                    if column.kind == "status" and row.style != "heading"
                    else "",
                }
            )
        if notes:
            cells.insert(1, {"text": row.note, "numeric": False, "status": ""})
        rows.append({"cells": cells, "style": row.style, "level": min(row.level, 4)})
    return {
        "type": "table",
        "caption": table.caption,
        "unit": table.unit,
        "source": table.source,
        "columns": columns,
        "rows": rows,
        "wide": len(columns) >= 7,
    }


def chart_view(block: ChartBlock, anchor: str) -> dict[str, Any]:
    chart = block.chart
    return {
        "type": "chart",
        "title": chart.title,
        "unit": chart.unit,
        "svg": chart.svg(chart_id=f"{anchor}-chart"),
        "series": [s.label for s in chart.series],
        "rows": chart.rows(),
    }


def section_view(
    level: int, section: Section, anchor: str, drafts: Collection[str], offset: int
) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = []
    for n, block in enumerate(section.blocks):
        if isinstance(block, Paragraph):
            blocks.append({"type": "paragraph", "text": block.text})
        elif isinstance(block, Table):
            blocks.append(table_view(block))
        elif isinstance(block, KeyFigures):
            blocks.append(
                {
                    "type": "figures",
                    "items": [
                        {"label": item.label, "value": values.key_figure(item)}
                        for item in block.items
                    ],
                }
            )
        elif isinstance(block, ChartBlock):
            blocks.append(chart_view(block, f"{anchor}-{n}"))
    return {
        "key": section.key,
        "anchor": anchor,
        "level": level,
        "tag": f"h{min(level + offset, 6)}",
        "title": section.title,
        "intro": section.intro,
        "text": section.text,
        "draft": section.key in drafts,
        "blocks": blocks,
    }


def sections_view(
    report: Report, drafts: Collection[str] = (), offset: int = 0
) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for level, section in report.walk():
        anchor = "s-" + (slugify(section.key.replace(".", "-")) or "avsnitt")
        while anchor in seen:
            anchor += "-x"
        seen.add(anchor)
        out.append(section_view(level, section, anchor, drafts, offset))
    return out


def running_title(report: Report) -> str:
    """The page head: the title, the nämnd and the year (unless the title has it already)."""
    parts = [report.title]
    if report.body and report.body not in report.title:
        parts.append(f"– {report.body}")
    if str(report.year) not in report.title:
        parts.append(str(report.year))
    return " ".join(parts)


def context(report: Report, drafts: Collection[str] = (), offset: int = 0) -> dict[str, Any]:
    sections = sections_view(report, drafts, offset)
    return {
        "report": report,
        "running_title": running_title(report),
        "sections": sections,
        "toc": [s for s in sections if s["level"] <= 2],
    }


def fragment(report: Report, drafts: Collection[str] = ()) -> SafeString:
    """The report's sections for a page whose own ``h1`` is the report's title."""
    return SafeString(render_to_string("reports/_document.html", context(report, drafts, offset=1)))


def render(report: Report, drafts: Collection[str] = ()) -> bytes:
    """A standalone HTML document (the PDF's source without its page rules)."""
    data = context(report, drafts)
    data["print"] = False
    return render_to_string("reports/print.html", data).encode()
