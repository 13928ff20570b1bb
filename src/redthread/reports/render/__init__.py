"""Renderers: each lays out a ``Report`` (texts already merged) and returns bytes.

They never query the database, so the same report renders the same way every time.
"""

from __future__ import annotations

from collections.abc import Callable

from redthread.reports.document import Report

FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "html": ("text/html; charset=utf-8", "html"),
}


def renderer(fmt: str) -> Callable[[Report], bytes]:
    if fmt == "pdf":
        from redthread.reports.render.pdf import render as pdf

        return pdf
    if fmt == "docx":
        from redthread.reports.render.docx import render as docx

        return docx
    if fmt == "xlsx":
        from redthread.reports.render.xlsx import render as xlsx

        return xlsx
    if fmt == "html":
        from redthread.reports.render.html import render as html

        return html
    raise ValueError(fmt)


def render(report: Report, fmt: str) -> bytes:
    return renderer(fmt)(report)
