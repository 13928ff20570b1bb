from __future__ import annotations

import datetime as dt

import pytest

from redthread.organisation.models import Body, Term
from redthread.organisation.terms import election_day, is_election_year, last_election_before
from tests.world import World


@pytest.mark.parametrize(
    ("year", "day"),
    [(2022, dt.date(2022, 9, 11)), (2026, dt.date(2026, 9, 13)), (2030, dt.date(2030, 9, 8))],
)
def test_election_day_is_the_second_sunday_of_september(year: int, day: dt.date) -> None:
    assert election_day(year) == day


def test_elections_come_every_four_years_from_2022() -> None:
    assert [y for y in range(2020, 2032) if is_election_year(y)] == [2022, 2026, 2030]


def test_the_last_election_before_a_day() -> None:
    assert last_election_before(dt.date(2026, 9, 12)) == 2022
    assert last_election_before(dt.date(2026, 9, 13)) == 2026
    assert last_election_before(dt.date(2027, 1, 1)) == 2026


def test_a_term_starts_for_kf_in_october_and_for_the_boards_in_january(world: World) -> None:
    term = Term.for_election_year(world.municipality, 2026)
    assert str(term) == "2027–2030"
    assert term.start_for(world.bodies["kf"]) == dt.date(2026, 10, 15)
    assert term.end_for(world.bodies["kf"]) == dt.date(2030, 10, 14)
    assert term.start_for(world.bodies["ks"]) == dt.date(2027, 1, 1)
    assert term.end_for(world.bodies["osn"]) == dt.date(2030, 12, 31)
    assert world.bodies["osn"].kind == Body.Kind.COMMITTEE
