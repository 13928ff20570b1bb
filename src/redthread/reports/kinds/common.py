"""What every report kind shares: periods, section keys, the NoData check.

The blocks themselves are built in ``goalchain`` (kommunmål, åtaganden, god ekonomisk
hushållning), ``economy`` (driftredovisning, balanskrav, statements, personal) and
``results`` (internkontroll, kvalitet, hållbar utveckling, a nämnd's section). Each reads
the data in a fixed number of queries, whatever the number of nämnder, kommunmål or
åtaganden, so a whole årsredovisning costs the same for five nämnder or fifty.

Amounts in tables and key figures are whole kronor; the table's ``unit`` ("tkr", "mnkr")
tells the renderer how to print them. Shares are 0-1 (column kind "share").
"""

from __future__ import annotations

from typing import Literal

from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import gettext as _

from redthread.core.formatting import date as format_date
from redthread.cycle.models import ReportingPeriod, month_end
from redthread.finance import figures
from redthread.organisation.models import Body, Municipality

RowStyle = Literal["normal", "sum", "heading"]


def month_name(month: int) -> str:
    return str(MONTHS[month])


def short_month_names() -> list[str]:
    return [str(MONTHS_3[m]) for m in range(1, 13)]


def period_label(year: int, until_month: int = 12) -> str:
    """``1 januari–31 augusti 2026``."""
    return _("1 januari–%(day)s %(month)s %(year)s") % {
        "day": month_end(year, until_month).day,
        "month": month_name(until_month),
        "year": year,
    }


def period_of(municipality: Municipality, year: int, kind: str) -> ReportingPeriod | None:
    """The year's (last) reporting period of ``kind``: the delår, the helår."""
    return (
        ReportingPeriod.objects.filter(municipality=municipality, year=year, kind=kind)
        .order_by("-end_date")
        .first()
    )


def body_key(body: Body) -> str:
    """The stable part of a nämnd's section key: its id, which never changes."""
    return f"namnder.{body.pk}"


def has_ledger(municipality: Municipality, year: int) -> bool:
    return figures.last_month_with_data(municipality, year) > 0


def period_name(period: ReportingPeriod | None) -> str:
    if period is None:
        return _("saknas")
    return f"{period.label} ({format_date(period.end_date)})"
