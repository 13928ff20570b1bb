"""Statistics per category, unit, month, kind and state, with CSV and XLSX export."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from redthread.core.permissions import require
from redthread.feedback import stats
from redthread.feedback.models import ServiceRequest


def _period(request: HttpRequest) -> tuple[dt.date, dt.date, int]:
    today = timezone.localdate()
    year_text = request.GET.get("ar", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else today.year
    return dt.date(year, 1, 1), dt.date(year, 12, 31), year


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    require(request.user, "feedback.view_statistics")
    start, end, year = _period(request)
    report = stats.report(start, end)
    first = (
        ServiceRequest.objects.order_by("received_on").values_list("received_on", flat=True).first()
    )
    years = list(range(timezone.localdate().year, (first.year if first else year) - 1, -1))
    return render(
        request,
        "feedback/statistics.html",
        {
            "title": _("Statistik: synpunkter och felanmälan"),
            "report": report,
            "year": year,
            "years": years,
            "share_5": stats.share_answered_within(5, start=start, end=end),
            "median": stats.median_response_days(start=start, end=end),
        },
    )


COLUMNS = [
    ("reference", gettext_noop("Referens")),
    ("received", gettext_noop("Inkom")),
    ("kind", gettext_noop("Typ")),
    ("category", gettext_noop("Kategori")),
    ("unit", gettext_noop("Ansvarig enhet")),
    ("channel", gettext_noop("Kanal")),
    ("state", gettext_noop("Status")),
    ("due", gettext_noop("Svar senast")),
    ("responded", gettext_noop("Besvarad")),
    ("response_days", gettext_noop("Arbetsdagar till svar")),
    ("closed", gettext_noop("Avslutad")),
    ("handling_days", gettext_noop("Arbetsdagar till avslut")),
]


def _rows(start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """One row per case and no personal data: what statistics need, nothing more."""
    cases = (
        ServiceRequest.objects.received_between(start, end)
        .select_related("category", "unit")
        .order_by("received_at")
    )

    def day(value: Any) -> Any:
        return timezone.localtime(value).date() if value else None

    return [
        {
            "reference": c.reference,
            "received": day(c.received_at),
            "kind": c.get_kind_display(),
            "category": c.category.name,
            "unit": c.unit.name,
            "channel": c.get_channel_display(),
            "state": c.get_state_display(),
            "due": c.due_on,
            "responded": day(c.responded_at),
            "response_days": c.response_days,
            "closed": day(c.closed_at),
            "handling_days": c.handling_days,
        }
        for c in cases.iterator(chunk_size=2000)
    ]


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    require(request.user, "feedback.view_statistics")
    start, end, year = _period(request)
    rows = _rows(start, end)
    headers = [_(label) for _key, label in COLUMNS]
    filename = f"synpunkter-{year}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(headers)
        for row in rows:
            writer.writerow(["" if row[k] is None else row[k] for k, _l in COLUMNS])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            _workbook(rows, headers, start, end),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _workbook(
    rows: list[dict[str, Any]], headers: list[str], start: dt.date, end: dt.date
) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Ärenden")
    sheet.append(headers)
    for row in rows:
        sheet.append([row[k] for k, _l in COLUMNS])
    report = stats.report(start, end)
    for title, group in [
        (_("Per kategori"), report.by_category),
        (_("Per enhet"), report.by_unit),
        (_("Per månad"), report.by_month),
    ]:
        part = book.create_sheet(title)
        part.append(
            [
                title,
                _("Inkomna"),
                _("Öppna"),
                _("Avslutade"),
                _("Andel besvarade i tid"),
                _("Median arbetsdagar till svar"),
            ]
        )
        for r in group:
            part.append([r.label, r.received, r.open, r.closed, r.share_in_time, r.median_response])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
