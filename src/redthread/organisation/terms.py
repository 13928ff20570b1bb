"""Election days and terms of office (mandatperioder), per the Swedish Elections Act.

Ordinary elections are held on the second Sunday of September every four years
(2022, 2026, 2030 ...). The new kommunfullmäktige takes office on 15 October of the
election year; kommunstyrelse and nämnder on 1 January of the following year.
"""

from __future__ import annotations

import datetime as dt

FIRST_ELECTION_YEAR = 2022


def is_election_year(year: int) -> bool:
    return (year - FIRST_ELECTION_YEAR) % 4 == 0


def election_day(year: int) -> dt.date:
    """The second Sunday of September of ``year``."""
    first = dt.date(year, 9, 1)
    first_sunday = first + dt.timedelta(days=(6 - first.weekday()) % 7)
    return first_sunday + dt.timedelta(days=7)


def last_election_before(day: dt.date) -> int:
    """The year of the latest ordinary election held on or before ``day``."""
    year = day.year - ((day.year - FIRST_ELECTION_YEAR) % 4)
    if year == day.year and day < election_day(year):
        year -= 4
    return year
