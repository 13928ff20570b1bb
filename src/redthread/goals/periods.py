"""Which year and reporting period a page is about."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from redthread.cycle.models import ReportingPeriod
from redthread.organisation.models import Municipality


def planning_year(municipality: Municipality) -> int:
    """The year in focus: the year of the latest open period, else this calendar year."""
    period = (
        ReportingPeriod.objects.filter(municipality=municipality, state=ReportingPeriod.State.OPEN)
        .order_by("-end_date")
        .first()
    )
    return period.year if period else timezone.localdate().year


def requested_year(request: HttpRequest, municipality: Municipality) -> int:
    value = request.GET.get("ar", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return planning_year(municipality)


def periods_of(
    municipality: Municipality, year: int, *, closed_only: bool = False
) -> list[ReportingPeriod]:
    """The year's periods that have started (open, closed or locked), in time order."""
    periods = ReportingPeriod.objects.filter(municipality=municipality, year=year)
    periods = (
        periods.closed() if closed_only else periods.exclude(state=ReportingPeriod.State.PLANNED)
    )
    return list(periods.order_by("end_date", "kind"))


GOAL_PERIODS = ("interim", "annual")


def focus_period(
    request: HttpRequest,
    municipality: Municipality,
    year: int,
    *,
    closed_only: bool = False,
    prefer: tuple[str, ...] = (),
) -> tuple[ReportingPeriod | None, list[ReportingPeriod]]:
    """The period asked for (``?period=``), else the latest started one of the year.

    With ``prefer`` (kinds of period), the latest started period of those kinds comes
    first: kommunmål are followed up at delår and helår, not in month reports. A delår or
    helår is preferred over a month or forecast ending the same day.
    """
    periods = periods_of(municipality, year, closed_only=closed_only)
    value = request.GET.get("period", "")
    if value.isdigit():
        for period in periods:
            if period.pk == int(value):
                return period, periods
    if not periods:
        return None, periods
    preferred = [p for p in periods if p.kind in prefer]
    if preferred:
        return preferred[-1], periods
    rank = {"annual": 0, "interim": 1, "forecast": 2, "month": 3}
    latest_end = max(p.end_date for p in periods)
    candidates = [p for p in periods if p.end_date == latest_end]
    return min(candidates, key=lambda p: rank[p.kind]), periods
