"""Generating a year's calendar and reporting periods from the template, and regenerating it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from redthread.cycle.generation import (
    dependency_conflicts,
    ensure_calendar,
    ensure_cycle,
    ensure_periods,
    preview_calendar,
)
from redthread.cycle.models import CycleEvent, CycleStep, ReportingPeriod
from redthread.cycle.schedule import EndRule
from tests.world import World


def _history_rows() -> int:
    return CycleEvent.history.count() + ReportingPeriod.history.count()


def test_generating_a_year_twice_changes_nothing(world: World) -> None:
    first = ensure_calendar(world.municipality, 2026)
    ensure_periods(world.municipality, 2026)
    rows = _history_rows()
    again = ensure_calendar(world.municipality, 2026)
    ensure_periods(world.municipality, 2026, update=True)
    assert [e.pk for e in again] == [e.pk for e in first]
    assert _history_rows() == rows


def test_the_calendar_keeps_the_events_identity_when_the_template_moves_them(world: World) -> None:
    ensure_calendar(world.municipality, 2026)
    june = CycleEvent.objects.get(step__key="kf_juni", year=2026)
    step = june.step
    step.end_day = 12
    step.save()
    ensure_calendar(world.municipality, 2026)
    moved = CycleEvent.objects.get(step__key="kf_juni", year=2026)
    assert moved.pk == june.pk and moved.uid == june.uid
    assert moved.ends_on == dt.date(2026, 6, 12)
    assert moved.version > june.version


def test_dates_set_by_hand_survive_regeneration(world: World) -> None:
    ensure_calendar(world.municipality, 2026)
    event = CycleEvent.objects.get(step__key="kf_november", year=2026)
    event.reschedule(dt.date(2026, 11, 23), dt.date(2026, 11, 23))
    step = event.step
    step.end_rule, step.end_day = EndRule.ON_OR_BEFORE, 15
    step.save()
    ensure_calendar(world.municipality, 2026)
    event.refresh_from_db()
    assert (event.starts_on, event.ends_on) == (dt.date(2026, 11, 23), dt.date(2026, 11, 23))


def test_a_step_switched_off_leaves_the_calendar_unless_something_happened(world: World) -> None:
    ensure_calendar(world.municipality, 2026)
    done = CycleEvent.objects.get(step__key="delarsrapport", year=2026)
    done.completed_on = dt.date(2026, 9, 14)
    done.save()
    CycleStep.objects.filter(key__in=["delarsrapport", "enkat"]).update(is_active=False)
    ensure_calendar(world.municipality, 2026)
    assert CycleEvent.objects.filter(step__key="delarsrapport", year=2026).exists()
    assert not CycleEvent.objects.filter(step__key="enkat", year=2026).exists()


def test_an_event_moved_into_another_year_moves_with_its_identity(world: World) -> None:
    ensure_calendar(world.municipality, 2026)
    event = CycleEvent.objects.get(step__key="detaljbudget", year=2026)
    step = event.step
    step.year_offset = 0  # now held in the year it concerns: subject 2027 -> 2027
    step.save()
    ensure_calendar(world.municipality, 2026)
    event.refresh_from_db()
    assert (event.subject_year, event.year) == (2027, 2027)


def test_periods_take_their_dates_from_the_calendar(world: World) -> None:
    periods = {p.key: p for p in ensure_periods(world.municipality, 2026)}
    assert "2026-01-manad" not in periods and "2026-07-manad" not in periods
    april = periods["2026-04-prognos"]
    assert (april.opens_on, april.due_on) == (dt.date(2026, 5, 4), dt.date(2026, 5, 18))
    assert periods["2026-08-delar"].due_on == dt.date(2026, 9, 15)
    assert periods["2026-12-helar"].due_on == dt.date(2027, 1, 20)
    # Month reports: due on the 8th working day of the next month.
    assert periods["2026-04-manad"].due_on == dt.date(2026, 5, 13)
    assert periods["2026-12-manad"].due_on == dt.date(2027, 1, 14)


def test_updating_periods_moves_only_those_not_yet_opened(world: World) -> None:
    periods = {p.key: p for p in ensure_periods(world.municipality, 2026)}
    periods["2026-04-prognos"].open()
    step = CycleStep.objects.get(key="prognos_april")
    step.end_day = 5
    step.save()
    CycleStep.objects.filter(key="delarsrapport").update(end_day=10)
    ensure_periods(world.municipality, 2026, update=True)
    assert ReportingPeriod.objects.get(year=2026, kind="forecast", end_date__month=4).due_on == (
        dt.date(2026, 5, 18)
    )
    assert ReportingPeriod.objects.get(year=2026, kind="interim").due_on == dt.date(2026, 9, 10)


def test_the_default_template_has_no_steps_in_the_wrong_order(world: World) -> None:
    for year in range(2025, 2032):
        events = preview_calendar(world.municipality, year) + preview_calendar(
            world.municipality, year + 1
        )
        assert dependency_conflicts(events) == [], year


def test_moving_kfs_june_decision_past_the_nämnders_proposals_is_a_conflict(world: World) -> None:
    CycleStep.objects.filter(key="kf_juni").update(start_month=10, end_month=10)
    events = preview_calendar(world.municipality, 2026)
    pairs = {(e.step.key, d.step.key) for e, d in dependency_conflicts(events)}
    assert ("namnd_ataganden", "kf_juni") in pairs


def test_a_step_with_an_impossible_rule_is_refused(world: World) -> None:
    step = CycleStep.objects.get(cycle=ensure_cycle(world.municipality), key="kf_juni")
    step.end_month = 3
    with pytest.raises(ValidationError) as error:
        step.full_clean()
    assert "slutar före" in str(error.value)


@pytest.mark.parametrize(
    ("day", "state"),
    [
        (dt.date(2026, 5, 31), "not_started"),
        (dt.date(2026, 6, 1), "in_progress"),
        (dt.date(2026, 6, 18), "in_progress"),
        (dt.date(2026, 6, 19), "late"),
    ],
)
def test_a_steps_state_follows_its_dates(world: World, day: dt.date, state: str) -> None:
    ensure_calendar(world.municipality, 2026)
    event = CycleEvent.objects.get(step__key="kf_juni", year=2026)
    with time_machine.travel(dt.datetime.combine(day, dt.time(12)), tick=False):
        assert event.state() == state


def test_a_step_marked_done_is_done_and_cannot_be_done_in_the_future(world: World) -> None:
    ensure_calendar(world.municipality, 2026)
    event = CycleEvent.objects.get(step__key="kf_juni", year=2026)
    with time_machine.travel(dt.datetime(2026, 6, 20, 12), tick=False):
        with pytest.raises(ValidationError):
            event.mark_done(dt.date(2026, 6, 21))
        event.mark_done(dt.date(2026, 6, 16), note="KF 2026-06-16 § 71")
        assert event.state() == "done"


def test_the_preview_of_a_year_not_yet_made_matches_what_is_made(world: World) -> None:
    preview = [(e.uid, e.starts_on, e.ends_on) for e in preview_calendar(world.municipality, 2028)]
    made = [(e.uid, e.starts_on, e.ends_on) for e in ensure_calendar(world.municipality, 2028)]
    assert sorted(preview) == sorted(made)
