"""The report's tables as Excel: an index sheet, then one sheet per table.

Numbers are written as numbers in the unit the report prints them (tkr, mnkr, per cent),
with a number format, so they can be summed and charted; never as text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from redthread.reports import values
from redthread.reports.document import ChartBlock, Column, Report, Table

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F3E7E9")
RULE = Border(top=Side(style="thin"))


def number_format(column: Column) -> str:
    base = "#,##0" + ("." + "0" * column.decimals if column.decimals else "")
    if column.kind in ("percent", "share"):
        return base + '" %"'
    return base


def _sheet_name(title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]\*\?/\\:]", " ", title).strip()[:28] or _("Tabell")
    candidate, n = name, 2
    while candidate.lower() in used:
        candidate = f"{name[:25]} {n}"
        n += 1
    used.add(candidate.lower())
    return candidate


def _as_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _write_table(sheet: Worksheet, report: Report, section_title: str, table: Table) -> None:
    sheet["A1"] = table.caption
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = " · ".join(
        part for part in (report.title, section_title, table.unit and f"({table.unit})") if part
    )
    notes = table.has_notes()
    columns = list(table.columns)
    headers = [c.label for c in columns]
    if notes:
        headers.insert(1, _("Not"))
    header_row = 4
    for j, label in enumerate(headers, start=1):
        cell = sheet.cell(row=header_row, column=j, value=label)
        cell.font = BOLD
        cell.fill = HEADER_FILL
    for i, row in enumerate(table.rows, start=header_row + 1):
        out: list[tuple[object, Column | None]] = []
        for k, column in enumerate(columns):
            value = row.cells[k] if k < len(row.cells) else None
            if row.style == "heading" and k > 0:
                out.append((None, None))
            elif values.is_numeric(column.kind):
                out.append(
                    (
                        _as_number(values.scaled(value, column.kind, table.unit, column.decimals)),
                        column,
                    )
                )
            else:
                out.append((values.cell(table, column, value), None))
        if notes:
            out.insert(1, (row.note or None, None))
        for j, (written, fmt_column) in enumerate(out, start=1):
            cell = sheet.cell(row=i, column=j, value=written)
            if fmt_column is not None:
                cell.number_format = number_format(fmt_column)
            if row.style in ("sum", "heading"):
                cell.font = BOLD
            if row.style == "sum":
                cell.border = RULE
            if j == 1 and row.level:
                cell.alignment = Alignment(indent=row.level)
    if table.source:
        sheet.cell(
            row=header_row + len(table.rows) + 2, column=1, value=_("Källa:") + " " + table.source
        )
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    sheet.column_dimensions["A"].width = 48
    for j in range(2, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(j)].width = 16


def _write_chart(sheet: Worksheet, block: ChartBlock) -> None:
    chart = block.chart
    sheet["A1"] = chart.title
    sheet["A1"].font = Font(bold=True, size=13)
    if chart.unit:
        sheet["A2"] = f"({chart.unit})"
    headers = [_("Period"), *[s.label for s in chart.series]]
    for j, label in enumerate(headers, start=1):
        cell = sheet.cell(row=4, column=j, value=label)
        cell.font = BOLD
        cell.fill = HEADER_FILL
    fmt = "#,##0" + ("." + "0" * chart.decimals if chart.decimals else "")
    for i, label in enumerate(chart.labels, start=5):
        sheet.cell(row=i, column=1, value=label)
        for j, series in enumerate(chart.series, start=2):
            raw = series.values[i - 5] if i - 5 < len(series.values) else None
            cell = sheet.cell(row=i, column=j, value=_as_number(values.to_decimal(raw)))
            cell.number_format = fmt
    sheet.column_dimensions["A"].width = 24


def render(report: Report, drafts: Collection[str] = ()) -> bytes:
    book = Workbook()
    index = book.active
    assert index is not None
    index.title = _("Innehåll")
    index["A1"] = f"{report.title} {report.year}"
    index["A1"].font = Font(bold=True, size=14)
    index["A2"] = " · ".join(
        p for p in (report.municipality, report.body, report.period_label) if p
    )
    index["A4"], index["B4"], index["C4"] = _("Flik"), _("Tabell"), _("Avsnitt")
    for cell in (index["A4"], index["B4"], index["C4"]):
        cell.font = BOLD
        cell.fill = HEADER_FILL
    used = {index.title.lower()}
    row = 5
    for _level, section in report.walk():
        for block in section.blocks:
            if isinstance(block, Table):
                title = block.caption
            elif isinstance(block, ChartBlock):
                title = block.chart.title
            else:
                continue
            name = _sheet_name(title, used)
            sheet = book.create_sheet(name)
            if isinstance(block, Table):
                _write_table(sheet, report, section.title, block)
            else:
                _write_chart(sheet, block)
            link = index.cell(row=row, column=1, value=name)
            link.hyperlink = f"#'{name}'!A1"
            link.style = "Hyperlink"
            index.cell(row=row, column=2, value=title)
            index.cell(row=row, column=3, value=section.title)
            row += 1
    index.column_dimensions["A"].width = 30
    index.column_dimensions["B"].width = 50
    index.column_dimensions["C"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
