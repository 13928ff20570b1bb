"""The report as Word (DOCX): real built-in heading styles, so Word's own contents work.

Headings use "Heading 1/2/3", the contents is a TOC field that Word fills in when the
document is opened (or on F9), tables repeat their header row on every page and keep
rows whole, amounts are right-aligned, and a chart is given as its data table.
"""

from __future__ import annotations

import io
from collections.abc import Collection

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from redthread.reports import values
from redthread.reports.document import ChartBlock, KeyFigures, Paragraph, Report, Table
from redthread.reports.render.html import running_title

RED = RGBColor(0xA3, 0x11, 0x2A)


def _field(paragraph: DocxParagraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (TOC, PAGE) that Word computes when the document is shown."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    run._r.append(text)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    if placeholder:
        paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _row_properties(row: object, header: bool) -> None:
    tr = row._tr  # type: ignore[attr-defined]
    properties = tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)
    if header:
        mark = OxmlElement("w:tblHeader")
        mark.set(qn("w:val"), "true")
        properties.append(mark)


def _cell_text(cell: object, text: str, *, right: bool, bold: bool, indent: int = 0) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(9)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if indent:
        paragraph.paragraph_format.left_indent = Mm(3 * indent)
    paragraph.paragraph_format.space_after = Pt(0)


def _table(document: object, headers: list[tuple[str, bool]], rows: list[dict]) -> DocxTable:  # type: ignore[type-arg]
    table: DocxTable = document.add_table(rows=1, cols=len(headers))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    _row_properties(header, header=True)
    for cell, (label, numeric) in zip(header.cells, headers, strict=True):
        _cell_text(cell, label, right=numeric, bold=True)
    for row in rows:
        added = table.add_row()  # type: ignore[no-untyped-call]
        _row_properties(added, header=False)
        bold = row["style"] in ("sum", "heading")
        for i, (cell, data) in enumerate(zip(added.cells, row["cells"], strict=True)):
            _cell_text(
                cell,
                data["text"],
                right=data["numeric"],
                bold=bold,
                indent=row["level"] if i == 0 else 0,
            )
    return table


def _report_table(document: object, table: Table) -> None:
    caption = table.caption + (f" ({table.unit})" if table.unit else "")
    document.add_paragraph(caption, style="Caption")  # type: ignore[attr-defined]
    notes = table.has_notes()
    headers = [(c.label, values.is_numeric(c.kind)) for c in table.columns]
    if notes:
        headers.insert(1, (_("Not"), False))
    rows = []
    for row in table.rows:
        cells = []
        for i, column in enumerate(table.columns):
            value = row.cells[i] if i < len(row.cells) else None
            text = "" if row.style == "heading" and i > 0 else values.cell(table, column, value)
            cells.append({"text": text, "numeric": values.is_numeric(column.kind)})
        if notes:
            cells.insert(1, {"text": row.note, "numeric": False})
        rows.append({"cells": cells, "style": row.style, "level": row.level})
    _table(document, headers, rows)
    if table.source:
        document.add_paragraph(_("Källa:") + " " + table.source)  # type: ignore[attr-defined]


def _chart(document: object, block: ChartBlock) -> None:
    chart = block.chart
    document.add_paragraph(chart.title, style="Caption")  # type: ignore[attr-defined]
    headers = [(_("Period"), False)] + [(s.label, True) for s in chart.series]
    rows = [
        {
            "cells": [{"text": cell, "numeric": i > 0} for i, cell in enumerate(row)],
            "style": "normal",
            "level": 0,
        }
        for row in chart.rows()
    ]
    _table(document, headers, rows)


def _cover(document: object, report: Report) -> None:
    d = document
    p = d.add_paragraph()  # type: ignore[attr-defined]
    p.paragraph_format.space_before = Mm(50)
    run = p.add_run(report.municipality.upper())
    run.font.size = Pt(14)
    run.font.color.rgb = RED
    d.add_paragraph(report.title, style="Title")  # type: ignore[attr-defined]
    body = report.body if report.body and report.body not in report.title else ""
    for line in (body, report.subtitle, report.period_label):
        if line:
            para = d.add_paragraph()  # type: ignore[attr-defined]
            para.add_run(line).font.size = Pt(16)
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # type: ignore[attr-defined]


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def render(report: Report, drafts: Collection[str] = ()) -> bytes:
    document = Document()
    styles = document.styles
    styles["Normal"].font.name = "Liberation Serif"
    styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        styles[name].font.name = "Liberation Sans"
    styles["Heading 1"].font.color.rgb = RED
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    core = document.core_properties
    core.title = report.title
    core.author = report.municipality
    core.subject = report.period_label

    _cover(document, report)
    contents = document.add_paragraph()
    contents_run = contents.add_run(_("Innehåll"))
    contents_run.bold = True
    contents_run.font.size = Pt(20)
    contents_run.font.color.rgb = RED
    _field(
        document.add_paragraph(),
        'TOC \\o "1-3" \\h \\z \\u',
        _("Högerklicka och välj Uppdatera fält för att visa innehållsförteckningen."),
    )
    body = document.add_section(WD_SECTION.NEW_PAGE)
    body.different_first_page_header_footer = False
    header = body.header
    header.is_linked_to_previous = False
    heading = header.paragraphs[0]
    heading.text = running_title(report)
    footer = body.footer
    footer.is_linked_to_previous = False
    page = footer.paragraphs[0]
    page.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _field(page, "PAGE", "1")
    # The cover and the contents carry no running head.
    first = document.sections[0]
    first.header.is_linked_to_previous = False
    first.footer.is_linked_to_previous = False

    for level, sec in report.walk():
        document.add_heading(sec.title, level=min(level, 3))
        for text in _paragraphs(sec.intro):
            document.add_paragraph().add_run(text).italic = True
        if sec.text and sec.key in drafts:
            document.add_paragraph().add_run(
                _("Utkast – texten är inte godkänd och kommer inte med i den slutliga rapporten.")
            ).bold = True
        for text in _paragraphs(sec.text):
            document.add_paragraph(text)
        for block in sec.blocks:
            if isinstance(block, Paragraph):
                document.add_paragraph(block.text)
            elif isinstance(block, Table):
                _report_table(document, block)
            elif isinstance(block, KeyFigures):
                headers = [(_("Nyckeltal"), False), (_("Värde"), True)]
                rows = [
                    {
                        "cells": [
                            {"text": item.label, "numeric": False},
                            {"text": values.key_figure(item), "numeric": True},
                        ],
                        "style": "normal",
                        "level": 0,
                    }
                    for item in block.items
                ]
                _table(document, headers, rows)
            elif isinstance(block, ChartBlock):
                _chart(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
