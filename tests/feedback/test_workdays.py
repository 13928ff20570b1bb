"""SLA in working days with the Swedish calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.urls import reverse

from redthread.feedback.workdays import add_working_days, is_working_day, working_days_between
from tests.feedback.factories import make_case
from tests.world import World

D = dt.date


def test_five_working_days_skip_the_weekend() -> None:
    assert add_working_days(D(2026, 3, 5), 5) == D(2026, 3, 12)  # Thursday -> next Thursday


def test_easter_holidays_are_not_working_days() -> None:
    # Skärtorsdagen 2026-04-02: långfredagen and annandag påsk do not count.
    assert add_working_days(D(2026, 4, 2), 5) == D(2026, 4, 13)
    assert working_days_between(D(2026, 4, 2), D(2026, 4, 13)) == 5


def test_midsummer_christmas_and_new_years_eve_are_days_off() -> None:
    assert not is_working_day(D(2026, 6, 19))  # midsommarafton
    assert not is_working_day(D(2026, 12, 24))  # julafton
    assert not is_working_day(D(2026, 12, 31))  # nyårsafton
    assert is_working_day(D(2026, 12, 23))


def test_a_case_received_before_easter_is_due_after_it(world: World) -> None:
    received = dt.datetime(2026, 4, 2, 10, tzinfo=dt.UTC)
    case = make_case(world, received_at=received)
    assert case.due_on == D(2026, 4, 13)


def test_the_category_sets_the_number_of_days(world: World) -> None:
    case = make_case(world, "care", received_at=dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC))
    assert case.due_on == D(2026, 3, 16)  # ten working days


def test_an_unanswered_case_past_its_day_is_overdue(world: World, client_for: Any) -> None:
    case = make_case(world, received_at=dt.datetime(2026, 4, 2, 10, tzinfo=dt.UTC))
    with time_machine.travel(dt.datetime(2026, 4, 13, 20, tzinfo=dt.UTC), tick=False):
        case.refresh_from_db()
        assert not case.is_overdue
    with time_machine.travel(dt.datetime(2026, 4, 14, 8, tzinfo=dt.UTC), tick=False):
        assert case.is_overdue
        page = client_for("handlaggare").get(reverse("feedback:inbox") + "?forsenade=1")
        assert case.reference in page.content.decode()
        assert "försenad" in page.content.decode()


def test_an_answer_stops_the_clock(world: World) -> None:
    case = make_case(world, received_at=dt.datetime(2026, 4, 2, 10, tzinfo=dt.UTC))
    case.record_response(dt.datetime(2026, 4, 8, 10, tzinfo=dt.UTC))
    assert case.response_days == 2  # 7 and 8 April; the Easter days do not count
    with time_machine.travel(dt.datetime(2026, 5, 1, 8, tzinfo=dt.UTC), tick=False):
        assert not case.is_overdue
