"""The year's calendar from the default template: real dates, Swedish working days, elections."""

from __future__ import annotations

import datetime as dt

import pytest

from redthread.cycle import workdays
from redthread.cycle.defaults import REQUIRED_KEYS, STEPS
from redthread.cycle.generation import default_template, plan_year
from redthread.cycle.schedule import EndRule, Rule, Variant, dates_for, rule_problems

D = dt.date


def _calendar(year: int) -> dict[str, list[tuple[dt.date, dt.date, str, int]]]:
    cycle, steps = default_template()
    found: dict[str, list[tuple[dt.date, dt.date, str, int]]] = {}
    for p in plan_year(cycle, steps, year):
        found.setdefault(p.step.key, []).append((p.starts_on, p.ends_on, p.variant, p.subject_year))
    return found


def _dates(year: int) -> dict[str, list[tuple[dt.date, dt.date]]]:
    return {k: [(s, e) for s, e, _v, _y in v] for k, v in _calendar(year).items()}


def test_the_template_has_every_step_the_seed_names() -> None:
    keys = [s["key"] for s in STEPS]
    assert set(REQUIRED_KEYS) <= set(keys)
    assert len(keys) == len(set(keys))


def test_the_2026_calendar_an_election_year_is_pinned() -> None:
    assert _dates(2026) == {
        "bokslut": [(D(2026, 1, 2), D(2026, 1, 20))],
        "internkontrollplan": [(D(2026, 1, 2), D(2026, 1, 31))],
        "resultatdialog": [(D(2026, 2, 2), D(2026, 2, 27))],
        "arsredovisning": [(D(2026, 1, 2), D(2026, 3, 31))],
        "mal_och_resultatdialog": [(D(2026, 2, 2), D(2026, 3, 31))],
        "internkontroll_uppfoljning": [(D(2026, 2, 2), D(2026, 3, 31))],
        "ks_beredning": [(D(2026, 4, 1), D(2026, 4, 30))],
        # The 10th working day of May: 1 May and Ascension Day (14 May) are holidays.
        "prognos_april": [(D(2026, 5, 4), D(2026, 5, 18))],
        "anvisningar_budget": [(D(2026, 5, 4), D(2026, 5, 29))],
        # On or before 20 June (a Saturday); 19 June is midsommarafton.
        "kf_juni": [(D(2026, 6, 1), D(2026, 6, 18))],
        "prognos_augusti": [(D(2026, 9, 1), D(2026, 9, 15))],
        "delarsrapport": [(D(2026, 9, 1), D(2026, 9, 15))],
        "namnd_ataganden": [(D(2026, 9, 1), D(2026, 10, 30))],
        "internkontroll_gemensamma_delar": [(D(2026, 10, 1), D(2026, 10, 30))],
        "kf_delarsrapport": [(D(2026, 10, 1), D(2026, 10, 30))],
        "prognos_oktober": [(D(2026, 11, 2), D(2026, 11, 13))],
        "anvisningar_arsredovisning": [(D(2026, 10, 1), D(2026, 11, 30))],
        "enkat": [(D(2026, 10, 1), D(2026, 11, 30))],
        "kf_november": [(D(2026, 11, 2), D(2026, 11, 30))],
        "internkontroll_gemensamma": [(D(2026, 11, 2), D(2026, 12, 15))],
        # Nyårsafton is a day off: the last working day of December 2026 is the 30th.
        "detaljbudget": [(D(2026, 12, 1), D(2026, 12, 30))],
    }


def test_in_the_election_year_the_new_council_decides_the_budget_in_november() -> None:
    calendar = _calendar(2026)
    start, end, variant, subject = calendar["kf_november"][0]
    assert (start.month, end.month, subject) == (11, 11, 2027)
    assert variant == Variant.ELECTION_YEAR
    assert end > D(2026, 10, 15)  # the new KF takes office on 15 October
    note = next(s for s in STEPS if s["key"] == "kf_november")["election_year_note"]
    assert "nyvalda" in note
    # The June decision is still the outgoing council's, with no note.
    assert calendar["kf_juni"][0][2] == Variant.REGULAR


def test_no_omvarldsdialog_in_november_of_an_election_year() -> None:
    assert "omvarldsdialog" not in _calendar(2026)


def test_the_2027_calendar_after_the_mandate_shift_is_pinned() -> None:
    calendar = _calendar(2027)
    assert calendar["omvarldsdialog"] == [
        (D(2027, 1, 4), D(2027, 1, 29), Variant.MANDATE_SHIFT, 2028),
        (D(2027, 11, 1), D(2027, 11, 30), Variant.REGULAR, 2029),
    ]
    dates = _dates(2027)
    assert dates["bokslut"] == [(D(2027, 1, 4), D(2027, 1, 20))]
    assert dates["ks_beredning"] == [(D(2027, 4, 1), D(2027, 4, 30))]
    assert dates["prognos_april"] == [(D(2027, 5, 3), D(2027, 5, 17))]
    assert dates["kf_juni"] == [(D(2027, 6, 1), D(2027, 6, 18))]
    assert dates["namnd_ataganden"] == [(D(2027, 9, 1), D(2027, 10, 29))]
    assert dates["kf_november"] == [(D(2027, 11, 1), D(2027, 11, 30))]
    assert dates["detaljbudget"] == [(D(2027, 12, 1), D(2027, 12, 30))]
    assert _calendar(2027)["kf_november"][0][2] == Variant.REGULAR


def test_the_2028_calendar_has_the_omvarldsdialog_in_november_again() -> None:
    calendar = _calendar(2028)
    assert calendar["omvarldsdialog"] == [(D(2028, 11, 1), D(2028, 11, 30), Variant.REGULAR, 2030)]
    dates = _dates(2028)
    assert dates["internkontrollplan"] == [(D(2028, 1, 3), D(2028, 1, 31))]
    assert dates["resultatdialog"] == [(D(2028, 2, 1), D(2028, 2, 29))]  # a leap year
    assert dates["ks_beredning"] == [(D(2028, 4, 3), D(2028, 4, 28))]
    assert dates["kf_juni"] == [(D(2028, 6, 1), D(2028, 6, 20))]
    assert dates["detaljbudget"] == [(D(2028, 12, 1), D(2028, 12, 29))]


@pytest.mark.parametrize("year", range(2025, 2035))
def test_every_step_happens_once_a_year_except_the_dialogue_after_an_election(year: int) -> None:
    calendar = _calendar(year)
    counts = {key: len(v) for key, v in calendar.items()}
    expected = dict.fromkeys((s["key"] for s in STEPS), 1)
    if (year - 2022) % 4 == 0:
        del expected["omvarldsdialog"]
    elif (year - 2023) % 4 == 0:
        expected["omvarldsdialog"] = 2
    assert counts == expected


@pytest.mark.parametrize("year", range(2025, 2035))
def test_the_nämnders_proposals_come_after_kfs_june_decision(year: int) -> None:
    calendar = _calendar(year)
    proposals = calendar["namnd_ataganden"][0]
    june = calendar["kf_juni"][0]
    assert proposals[3] == june[3]  # the same budget year
    assert proposals[0] > june[1]
    assert calendar["kf_november"][0][0] > proposals[1]


def test_deadlines_never_fall_on_a_day_off() -> None:
    for year in range(2025, 2035):
        for key, occurrences in _calendar(year).items():
            for start, end, _variant, _subject in occurrences:
                assert workdays.is_working_day(start), (key, start)
                if key != "internkontrollplan":  # "senast i januari": 31 January as such
                    assert workdays.is_working_day(end), (key, end)


def test_surveys_alternate_between_employees_and_citizens_in_october_november() -> None:
    cycle, steps = default_template()
    names = {}
    for year in (2025, 2026, 2027, 2028):
        survey = next(p for p in plan_year(cycle, steps, year) if p.step.key == "enkat")
        names[year] = survey.name
        assert (survey.starts_on.month, survey.ends_on.month) == (10, 11)
    assert names == {
        2025: "Medarbetarenkät",
        2026: "Medborgarundersökning",
        2027: "Medarbetarenkät",
        2028: "Medborgarundersökning",
    }


def test_swedish_working_days() -> None:
    assert not workdays.is_working_day(D(2026, 6, 19))  # midsommarafton
    assert not workdays.is_working_day(D(2026, 12, 24))  # julafton
    assert not workdays.is_working_day(D(2026, 1, 6))  # trettondedag jul
    assert workdays.is_working_day(D(2026, 4, 30))  # valborgsmässoafton is a working day
    assert workdays.last_working_day(2026, 4) == D(2026, 4, 30)
    assert workdays.last_working_day(2027, 12) == D(2027, 12, 30)
    assert workdays.nth_working_day(2026, 5, 10) == D(2026, 5, 18)
    assert workdays.nth_working_day(2026, 2, 40) == D(2026, 2, 27)  # capped at the month
    assert workdays.add_working_days(D(2026, 12, 23), 1) == D(2026, 12, 28)
    assert workdays.working_days_between(D(2026, 12, 23), D(2026, 12, 31)) == 3
    assert workdays.holiday_name(D(2026, 6, 6)) == "Nationaldagen"


def test_a_rule_with_an_end_before_its_start_is_explained() -> None:
    problems = rule_problems(Rule(start_month=10, end_month=6))
    assert "slutar före" in problems["end_month"]
    assert "end_day" in rule_problems(Rule(start_month=5, end_month=5, end_rule=EndRule.DAY))
    assert "mandate_shift_end_month" in rule_problems(
        Rule(start_month=11, end_month=11, mandate_shift_start_month=1)
    )
    assert rule_problems(Rule(start_month=11, end_month=11)) == {}


def test_a_day_past_the_months_end_is_the_last_day() -> None:
    rule = Rule(start_month=2, end_month=2, end_rule=EndRule.DAY, end_day=31)
    assert dates_for(rule, 2026).end == D(2026, 2, 28)
