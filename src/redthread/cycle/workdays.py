"""Swedish working days: Monday to Friday, except public holidays and the de facto holidays.

Public holidays (helgdagar) come from the ``holidays`` package, which follows the law
(1989:253). Midsommarafton, julafton and nyårsafton are not holidays by law but are days
off under the municipal collective agreements, so a deadline never falls on them either.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

CATEGORIES = ("public", "de_facto")


@lru_cache(maxsize=64)
def _holidays(year: int) -> dict[dt.date, str]:
    calendar = holidays.country_holidays("SE", years=year, language="sv", categories=CATEGORIES)
    return dict(calendar.items())


def holiday_name(day: dt.date) -> str | None:
    """The Swedish name of the holiday on ``day``, or None."""
    return _holidays(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def on_or_before(day: dt.date) -> dt.date:
    """``day`` if it is a working day, else the working day before it."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def on_or_after(day: dt.date) -> dt.date:
    """``day`` if it is a working day, else the working day after it."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def last_day_of_month(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def last_working_day(year: int, month: int) -> dt.date:
    """The last working day of the month: 2026-12-30, since nyårsafton is a day off."""
    return on_or_before(last_day_of_month(year, month))


def nth_working_day(year: int, month: int, n: int) -> dt.date:
    """The n:th working day of the month (n >= 1); past the month's end, the last one."""
    day = on_or_after(dt.date(year, month, 1))
    for _ in range(n - 1):
        following = on_or_after(day + dt.timedelta(days=1))
        if following.month != month:
            break
        day = following
    return day


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The n:th working day after ``day`` (n >= 1)."""
    for _ in range(n):
        day = on_or_after(day + dt.timedelta(days=1))
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end``."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
