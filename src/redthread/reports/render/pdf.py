"""The report as PDF through WeasyPrint: cover, contents with page numbers, running heads.

The HTML is the preview's (``reports/_document.html``) inside ``reports/print.html``, whose
print stylesheet does the page work: ``target-counter`` for the contents' page numbers,
``@page`` margin boxes for the running title, chapter and page number, a repeated
``thead`` and unsplit rows for tables, and headings kept with what follows them.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from django.template.loader import render_to_string

from redthread.reports.document import Report
from redthread.reports.render.html import context

logger = logging.getLogger(__name__)


def html_for_print(report: Report, drafts: Collection[str] = ()) -> str:
    data = context(report, drafts)
    data["print"] = True
    return render_to_string("reports/print.html", data)


def render(report: Report, drafts: Collection[str] = ()) -> bytes:
    from weasyprint import HTML

    # WeasyPrint logs every unsupported CSS property at WARNING; the report has none worth
    # a log line per page.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("weasyprint.progress").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = HTML(string=html_for_print(report, drafts), base_url=None)
    # Title and author come from the document's <title> and <meta name="author">.
    pdf: bytes = document.write_pdf()
    return pdf
