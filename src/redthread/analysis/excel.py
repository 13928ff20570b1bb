"""A comparison as an Excel workbook: the time series, the ranking, and where the figures come from."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from redthread.analysis.comparison import Comparison, Ranking

BOLD = Font(bold=True)


def _number_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _header(sheet: Worksheet, headers: list[str]) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = BOLD
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(header) + 2)


def export(comparison: Comparison) -> bytes:
    workbook = Workbook()
    series = workbook.active
    assert series is not None
    series.title = _("Tidsserie")
    headers = [_("År"), comparison.own_title]
    if comparison.has_gender:
        headers += [_("Kvinnor"), _("Män")]
    if comparison.group is not None:
        headers += [_("Jämförelsegruppen (medel)"), _("Antal kommuner i medlet")]
    headers += [comparison.county_title, _("Riket")]
    _header(series, headers)
    number_format = _number_format(comparison.decimals)
    for row in comparison.rows:
        line: list[object] = [row.year, row.own]
        if comparison.has_gender:
            line += [row.women, row.men]
        if comparison.group is not None:
            line += [row.group, row.group_count]
        line += [row.county, row.country]
        series.append([float(v) if isinstance(v, Decimal) else v for v in line])
    for column in series.iter_cols(min_col=2, min_row=2):
        for cell in column:
            if isinstance(cell.value, float):
                cell.number_format = number_format
    if comparison.year is not None:
        _ranking_sheet(
            workbook,
            _("Jämförelsegruppen %(year)s") % {"year": comparison.year},
            comparison.group_ranking,
            number_format,
        )
        _ranking_sheet(
            workbook,
            _("Alla kommuner %(year)s") % {"year": comparison.year},
            comparison.all_ranking,
            number_format,
        )
    _about_sheet(workbook, comparison)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _ranking_sheet(workbook: Workbook, title: str, ranking: Ranking, number_format: str) -> None:
    sheet = workbook.create_sheet(title[:31])
    _header(sheet, [_("Plats"), _("Kommun"), _("Värde"), _("Genererat för demonstration")])
    sheet.column_dimensions["B"].width = 28
    for row in ranking.rows:
        sheet.append([row.rank, row.title, float(row.value), _("ja") if row.is_generated else ""])
        sheet.cell(row=sheet.max_row, column=3).number_format = number_format
        if row.is_own:
            for cell in sheet[sheet.max_row]:
                cell.font = BOLD


def _about_sheet(workbook: Workbook, comparison: Comparison) -> None:
    sheet = workbook.create_sheet(_("Om uppgifterna"))
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 90
    rows = [
        (_("Nyckeltal"), f"{comparison.kpi_code} {comparison.title}"),
        (_("Beskrivning"), comparison.kpi.description if comparison.kpi else ""),
        (_("Källa"), _("Kolada (RKA), https://www.kolada.se")),
        (
            _("Jämförelsegrupp"),
            f"{comparison.group.code} {comparison.group.title}" if comparison.group else "–",
        ),
        (
            _("Gruppens värde"),
            _("Ovägt medel av de medlemmar som har ett värde det året."),
        ),
        (_("Län"), comparison.county_title),
        (_("Exporterat"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
    ]
    if comparison.has_generated:
        rows.append(
            (
                _("Observera"),
                _(
                    "Några värden är genererade för demonstration och är inte Koladas. "
                    "De är markerade i rangordningen."
                ),
            )
        )
    for label, text in rows:
        sheet.append([label, text])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
