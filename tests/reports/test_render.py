"""The renderers print what the Report holds: headings, Swedish numbers, real numbers in Excel."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.utils import translation
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from redthread.reports.render import render
from redthread.reports.render.pdf import html_for_print
from tests.reports.samples import BALANCE_RESULT, RESULT, sample_report


@pytest.fixture(autouse=True)
def swedish() -> None:
    translation.activate("sv")


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u2212", "-")


def pdf_pages(data: bytes) -> list[str]:
    return [plain(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


def test_it_prints_the_headings_and_the_formatted_numbers_in_the_pdf() -> None:
    pages = pdf_pages(render(sample_report(), "pdf"))
    text = "\n".join(pages)
    for heading in ("Förvaltningsberättelse", "God ekonomisk hushållning", "Balanskravsresultat"):
        assert heading in text
    assert "48 213" in text  # RESULT 48 213 456 kr in tkr
    assert "-2 346" in text  # BALANCE_RESULT in tkr, with a real minus sign
    assert "62,5 %" in text  # GOAL_SHARE
    assert "MJÖLBY KOMMUN" in pages[0] and "Årsredovisning" in pages[0]
    assert "1 januari–31 december 2026" in pages[0]


def test_it_breaks_a_long_report_over_pages_with_the_contents_page_numbers_right() -> None:
    pages = pdf_pages(render(sample_report(long=True), "pdf"))
    assert len(pages) > 10
    contents = pages[1]
    assert "Innehåll" in contents
    for title in ("Resultaträkning", "Nämnd 5", "Nämnd 11"):
        found = re.search(re.escape(title) + r"[ .]*?(\d+)\s*$", contents, re.MULTILINE)
        assert found, f"{title} not in the contents: {contents}"
        page = int(found.group(1))
        # Each chapter starts a page: the heading is on the page the contents names, not before.
        assert title in pages[page - 1], (title, page)
        assert title not in pages[page - 2], (title, page)


def test_it_prints_page_numbers_and_the_report_title_on_every_page_after_the_cover() -> None:
    pages = pdf_pages(render(sample_report(long=True), "pdf"))
    for number, text in enumerate(pages[2:], start=3):
        assert "Årsredovisning 2026" in text
        assert re.search(rf"(^|\s){number}\s*$", text.strip()) or f"\n{number}" in text, number


def test_the_print_html_repeats_table_heads_and_keeps_rows_and_headings_whole() -> None:
    html = html_for_print(sample_report())
    assert "<thead>" in html and 'scope="col"' in html and 'scope="row"' in html
    css = html[html.index("<style>") : html.index("</style>")]
    assert "display: table-header-group" in css
    assert "break-inside: avoid" in css
    assert "break-after: avoid" in css
    assert "target-counter(attr(href url), page)" in css
    assert "<svg" in html  # the chart, drawn as SVG


def test_the_docx_has_word_heading_styles_a_contents_field_and_the_values() -> None:
    document = Document(io.BytesIO(render(sample_report(), "docx")))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert ("Heading 1", "Förvaltningsberättelse") in headings
    assert ("Heading 2", "God ekonomisk hushållning") in headings
    assert ("Heading 2", "Balanskravsresultat") in headings
    assert ("Heading 1", "Resultaträkning") in headings
    assert 'TOC \\o "1-3"' in document.element.xml
    cells = [plain(c.text) for t in document.tables for row in t.rows for c in row.cells]
    assert "48 213" in cells and "-2 346" in cells and "62,5 %" in cells
    income = next(
        t for t in document.tables if t.rows[0].cells[0].text == "Post" and len(t.columns) == 4
    )
    assert income.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    amount = income.rows[1].cells[2].paragraphs[0]
    assert amount.alignment is not None and amount.alignment == 2  # right


def test_the_xlsx_has_an_index_and_real_numbers_equal_to_the_report() -> None:
    book = load_workbook(io.BytesIO(render(sample_report(), "xlsx")))
    assert book.sheetnames[0] == "Innehåll"
    sheet = book["Resultaträkning"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=5)}
    result = rows["Årets resultat"]
    # Columns: Post, Not, Utfall 2026, Utfall 2025; tkr as the report prints them.
    assert result[2].value == round(RESULT / 1000)
    assert isinstance(result[2].value, int)
    assert result[2].number_format == "#,##0"
    balance = {row[0].value: row for row in book["Balanskravsutredning"].iter_rows(min_row=5)}
    assert balance["Balanskravsresultat"][1].value == round(BALANCE_RESULT / 1000)
    goals = book["Kommunmålen"]
    assert goals.cell(row=6, column=3).value == 25.0  # share 0.25 as per cent
    index_titles = [c.value for c in book["Innehåll"]["B"]][4:]
    assert "Resultaträkning" in index_titles and "Årets resultat per år" in index_titles
    chart = book["Årets resultat per år"]
    assert chart.cell(row=9, column=2).value == pytest.approx(48.2)


def test_a_status_prints_as_words_so_it_reads_in_black_and_white() -> None:
    html = render(sample_report(), "html").decode()
    assert "Delvis uppfyllt" in html and "Ej uppfyllt" in html and "Ej bedömt" in html


def test_amounts_are_kronor_printed_in_the_table_unit() -> None:
    from redthread.reports.values import display

    assert plain(display(Decimal("1234567"), "amount", "tkr")) == "1 235"
    assert plain(display(Decimal("2412000000"), "amount", "mnkr", 1)) == "2 412,0"
    assert plain(display(Decimal("-1500"), "amount", "kr")) == "-1 500"
    assert display(None, "amount", "tkr") == "–"
