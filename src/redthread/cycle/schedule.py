"""The date rules of the årshjul: from a step's rule and a year to real dates.

A step's occurrence is identified by its *subject year* (the year it concerns: the budget
year for planning, the year reported on for follow-up). The step is held in the subject
year plus ``year_offset``: KF's June decision on the 2027 frames is held in 2026 (offset
-1), the årsredovisning for 2025 in January-March 2026 (offset +1).

Two rules come from the seed and the Elections Act:

- *Mandate shift* (mandatskifte): a step with mandate-shift months that would be held in
  an election year moves to those months of the year after (the omvärldsdialog of
  November 2026 is held in January 2027, when the new KS and nämnder have taken office).
- *Election year* (valår): a step with an election-year note keeps its date but carries
  the note (in 2026 the newly elected KF decides the budget in November).

Everything here is pure: no database, so the rules are easy to pin in tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from redthread.cycle import workdays
from redthread.organisation.terms import is_election_year


class Process(models.TextChoices):
    PLANNING = "planning", _("planering")
    FOLLOW_UP = "follow_up", _("uppföljning")
    INTERNAL_CONTROL = "internal_control", _("internkontroll")


class Deliverable(models.TextChoices):
    DIALOGUE = "dialogue", _("dialog")
    DECISION = "decision", _("beslut")
    REPORT = "report", _("rapport")
    PROPOSAL = "proposal", _("förslag")
    INSTRUCTIONS = "instructions", _("anvisningar")
    PLAN = "plan", _("plan")
    SURVEY = "survey", _("undersökning")


class Responsible(models.TextChoices):
    COUNCIL = "council", _("kommunfullmäktige")
    EXECUTIVE_BOARD = "executive_board", _("kommunstyrelsen")
    COMMITTEES = "committees", _("nämnderna")
    ADMINISTRATIONS = "administrations", _("förvaltningarna")
    ECONOMIST = "economist", _("ekonomiavdelningen")
    QUALITY_STRATEGIST = "quality_strategist", _("kvalitetsstrategen")


class EndRule(models.TextChoices):
    DAY = "day", _("datum")
    ON_OR_BEFORE = "on_or_before", _("datum, eller arbetsdagen före")
    LAST_WORKING_DAY = "last_working_day", _("sista arbetsdagen i månaden")
    NTH_WORKING_DAY = "nth_working_day", _("n:te arbetsdagen i månaden")


class Variant(models.TextChoices):
    REGULAR = "regular", _("ordinarie")
    MANDATE_SHIFT = "mandate_shift", _("mandatskifte")
    ELECTION_YEAR = "election_year", _("valår")


class SurveyKind(models.TextChoices):
    EMPLOYEE = "employee", _("Medarbetarenkät")
    CITIZEN = "citizen", _("Medborgarundersökning")


NEEDS_END_DAY = {EndRule.DAY, EndRule.ON_OR_BEFORE, EndRule.NTH_WORKING_DAY}


@dataclass(frozen=True)
class Rule:
    """When a step is held: a start month (and day), an end month and how its last day is found."""

    start_month: int
    end_month: int
    end_rule: str = EndRule.LAST_WORKING_DAY
    start_day: int | None = None
    end_day: int | None = None
    year_offset: int = 0
    mandate_shift_start_month: int | None = None
    mandate_shift_end_month: int | None = None
    has_election_note: bool = False


@dataclass(frozen=True)
class Dates:
    """One occurrence's dates: held ``start`` to ``end`` (the deadline)."""

    subject_year: int
    start: dt.date
    end: dt.date
    variant: str = Variant.REGULAR


def _day(year: int, month: int, day: int) -> dt.date:
    """The day, or the month's last day when the month is shorter (30 February -> 28th)."""
    return min(
        dt.date(year, month, 1) + dt.timedelta(days=day - 1),
        workdays.last_day_of_month(year, month),
    )


def start_date(year: int, month: int, day: int | None) -> dt.date:
    """The first working day of the month, or the given day moved to a working day."""
    return workdays.on_or_after(_day(year, month, day or 1))


def end_date(year: int, month: int, rule: str, day: int | None) -> dt.date:
    if rule == EndRule.LAST_WORKING_DAY:
        return workdays.last_working_day(year, month)
    if rule == EndRule.NTH_WORKING_DAY:
        return workdays.nth_working_day(year, month, day or 1)
    exact = _day(year, month, day or 1)
    if rule == EndRule.ON_OR_BEFORE:
        return workdays.on_or_before(exact)
    return exact


def dates_for(rule: Rule, subject_year: int) -> Dates:
    """The dates of the occurrence that concerns ``subject_year``."""
    held = subject_year + rule.year_offset
    start_month, end_month, variant = rule.start_month, rule.end_month, Variant.REGULAR
    start_day, end_day = rule.start_day, rule.end_day
    if rule.mandate_shift_start_month and is_election_year(held):
        held += 1
        start_month = rule.mandate_shift_start_month
        end_month = rule.mandate_shift_end_month or start_month
        start_day = None
        variant = Variant.MANDATE_SHIFT
    elif rule.has_election_note and is_election_year(held):
        variant = Variant.ELECTION_YEAR
    start = start_date(held, start_month, start_day)
    end = end_date(held, end_month, rule.end_rule, end_day)
    return Dates(subject_year=subject_year, start=min(start, end), end=end, variant=variant)


def dates_in_year(rule: Rule, year: int) -> list[Dates]:
    """Every occurrence whose deadline falls in calendar ``year`` (none, one or, after a
    mandate shift, two)."""
    base = year - rule.year_offset
    found = [dates_for(rule, subject) for subject in range(base - 2, base + 2)]
    return [d for d in found if d.end.year == year]


def rule_problems(rule: Rule) -> dict[str, str]:
    """What is wrong with a rule, by field, in words a kvalitetsstrateg can act on."""
    problems: dict[str, str] = {}
    if rule.end_rule in NEEDS_END_DAY and not rule.end_day:
        problems["end_day"] = str(_("Ange dag (eller vilken arbetsdag) för slutdatumet."))
    if rule.end_rule == EndRule.NTH_WORKING_DAY and rule.end_day and rule.end_day > 23:
        problems["end_day"] = str(_("En månad har högst 23 arbetsdagar."))
    if (rule.start_month, rule.start_day or 1) > (rule.end_month, _sortable_end(rule)):
        problems["end_month"] = str(
            _("Steget slutar före det börjar. Ändra startmånaden eller slutmånaden.")
        )
    if bool(rule.mandate_shift_start_month) != bool(rule.mandate_shift_end_month):
        problems["mandate_shift_end_month"] = str(
            _("Ange både första och sista månad vid mandatskifte, eller ingen av dem.")
        )
    elif (
        rule.mandate_shift_start_month
        and rule.mandate_shift_end_month
        and rule.mandate_shift_start_month > rule.mandate_shift_end_month
    ):
        problems["mandate_shift_end_month"] = str(
            _("Vid mandatskifte kan steget inte sluta före det börjar.")
        )
    return problems


def _sortable_end(rule: Rule) -> int:
    if rule.end_rule in (EndRule.DAY, EndRule.ON_OR_BEFORE):
        return rule.end_day or 1
    return 31


def survey_kind(employee_survey_year: int, year: int) -> str:
    """Medarbetarenkät and medborgarundersökning alternate: every other year each."""
    return SurveyKind.EMPLOYEE if (year - employee_survey_year) % 2 == 0 else SurveyKind.CITIZEN


def month_report_dates(
    year: int, month: int, due_working_day: int
) -> tuple[dt.date, dt.date, dt.date]:
    """A month report: (period end, opens, due). It opens on the first working day after the
    month and is due on the given working day of the next month."""
    end = workdays.last_day_of_month(year, month)
    opens = workdays.on_or_after(end + dt.timedelta(days=1))
    following = end + dt.timedelta(days=1)
    due = workdays.nth_working_day(following.year, following.month, due_working_day)
    return end, opens, due


def angle_fraction(day: dt.date) -> float:
    """Where ``day`` sits on the year's circle, 0 at 1 January, 1 at the year's end."""
    first = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - first).days
    return (day - first).days / length
