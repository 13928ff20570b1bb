"""From the årshjul's template to a year: its calendar of events and its reporting periods.

Every entry point is idempotent: running it twice changes nothing the second time (and
writes no history). Regenerating after the template changed moves the dates of events
that nobody rescheduled by hand; their identity (and so their calendar UID) stays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from redthread.cycle import defaults, schedule, workdays
from redthread.cycle.models.events import CycleEvent
from redthread.cycle.models.periods import ReportingPeriod
from redthread.cycle.models.template import AnnualCycle, CycleStep
from redthread.organisation.models import Municipality

FALLBACK_DUE_WORKING_DAYS = 10
PERIOD_MONTHS = {
    ReportingPeriod.Kind.FORECAST: (4, 8, 10),
    ReportingPeriod.Kind.INTERIM: (8,),
    ReportingPeriod.Kind.ANNUAL: (12,),
}


def ensure_cycle(municipality: Municipality) -> AnnualCycle:
    """The municipality's årshjul, created from the default template the first time."""
    cycle = AnnualCycle.objects.filter(municipality=municipality).first()
    if cycle is not None:
        return cycle
    with transaction.atomic():
        cycle = AnnualCycle.objects.create(
            municipality=municipality, name=defaults.CYCLE_NAME, **defaults.CYCLE_DEFAULTS
        )
        install_default_steps(cycle)
    return cycle


def install_default_steps(cycle: AnnualCycle) -> list[CycleStep]:
    """Add the default steps the cycle lacks (by key); existing steps are not touched."""
    existing = {s.key: s for s in cycle.steps.all()}
    created: list[CycleStep] = []
    for index, data in enumerate(defaults.STEPS):
        if data["key"] in existing:
            continue
        values = {k: v for k, v in data.items() if k != "waits_for"}
        step = CycleStep.objects.create(cycle=cycle, order=(index + 1) * 10, **values)
        existing[step.key] = step
        created.append(step)
    for data in defaults.STEPS:
        step = existing[data["key"]]
        if step in created and data.get("waits_for"):
            step.waits_for.set([existing[k] for k in data["waits_for"] if k in existing])
    return created


@dataclass(frozen=True)
class Planned:
    """An event as the template says it should be."""

    step: CycleStep
    subject_year: int
    name: str
    starts_on: dt.date
    ends_on: dt.date
    variant: str

    @property
    def key(self) -> tuple[int, int]:
        return (self.step.pk, self.subject_year)


def event_name(cycle: AnnualCycle, step: CycleStep, subject_year: int) -> str:
    """The step's name; a survey step is named for the survey of the year."""
    if step.delivers == schedule.Deliverable.SURVEY:
        return str(schedule.SurveyKind(cycle.survey_kind(subject_year)).label)
    return step.name


def plan_year(cycle: AnnualCycle, steps: list[CycleStep], year: int) -> list[Planned]:
    """The events whose deadline falls in ``year``, computed from the template alone."""
    planned = [
        Planned(
            step=step,
            subject_year=dates.subject_year,
            name=event_name(cycle, step, dates.subject_year),
            starts_on=dates.start,
            ends_on=dates.end,
            variant=dates.variant,
        )
        for step in steps
        if step.is_active
        for dates in schedule.dates_in_year(step.rule, year)
    ]
    return sorted(planned, key=lambda p: (p.ends_on, p.starts_on, p.step.order))


def plan_step(cycle: AnnualCycle, step: CycleStep, subject_year: int) -> Planned:
    dates = schedule.dates_for(step.rule, subject_year)
    return Planned(
        step=step,
        subject_year=subject_year,
        name=event_name(cycle, step, subject_year),
        starts_on=dates.start,
        ends_on=dates.end,
        variant=dates.variant,
    )


def _apply(event: CycleEvent, planned: Planned) -> bool:
    """Bring an event in line with the plan; returns whether anything changed."""
    values: dict[str, Any] = {"name": planned.name, "variant": planned.variant}
    if not event.is_rescheduled:
        values |= {
            "starts_on": planned.starts_on,
            "ends_on": planned.ends_on,
            "year": planned.ends_on.year,
        }
    changed = [k for k, v in values.items() if getattr(event, k) != v]
    for name in changed:
        setattr(event, name, values[name])
    return bool(changed)


def ensure_calendar(municipality: Municipality, year: int) -> list[CycleEvent]:
    """Create or update the events of ``year`` from the template; return them in date order.

    Events of steps that were switched off disappear unless something happened to them
    (done, or a dialogue held); an event whose step moved it to another year moves with it.
    """
    cycle = ensure_cycle(municipality)
    steps = list(cycle.steps.select_related("cycle__municipality"))
    planned = {p.key: p for p in plan_year(cycle, steps, year)}
    with transaction.atomic():
        existing = {
            (e.step_id, e.subject_year): e
            for e in CycleEvent.objects.filter(step__cycle=cycle).filter(
                subject_year__in={k[1] for k in planned} or {0}
            )
        }
        for key, plan in planned.items():
            event = existing.get(key)
            if event is None:
                CycleEvent.objects.create(
                    step=plan.step,
                    subject_year=plan.subject_year,
                    year=plan.ends_on.year,
                    name=plan.name,
                    starts_on=plan.starts_on,
                    ends_on=plan.ends_on,
                    variant=plan.variant,
                )
            elif _apply(event, plan):
                event.save()
        stale = (
            CycleEvent.objects.filter(step__cycle=cycle, year=year)
            .exclude(is_rescheduled=True)
            .select_related("step")
        )
        for event in stale:
            if (event.step_id, event.subject_year) in planned:
                continue
            if event.step.is_active:
                if _apply(event, plan_step(cycle, event.step, event.subject_year)):
                    event.save()
            elif event.completed_on is None and not event.dialogues.exists():
                event.delete()
    return list(
        CycleEvent.objects.filter(step__cycle=cycle, year=year).select_related("step__cycle")
    )


def preview_calendar(municipality: Municipality, year: int) -> list[CycleEvent]:
    """The year's events as the template would generate them, unsaved (for a year not yet made)."""
    return preview_years(municipality, [year])


def preview_years(municipality: Municipality, years: list[int]) -> list[CycleEvent]:
    """Unsaved events of several years from one reading of the template."""
    cycle = AnnualCycle.objects.filter(municipality=municipality).first()
    if cycle is None:
        cycle, steps = default_template(municipality)
    else:
        steps = list(
            cycle.steps.select_related("cycle__municipality").prefetch_related("waits_for")
        )
    return [
        CycleEvent(
            step=p.step,
            subject_year=p.subject_year,
            year=p.ends_on.year,
            name=p.name,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            variant=p.variant,
        )
        for year in years
        for p in plan_year(cycle, steps, year)
    ]


def default_template(
    municipality: Municipality | None = None,
) -> tuple[AnnualCycle, list[CycleStep]]:
    """The default årshjul as unsaved objects: for computing without a database."""
    cycle = AnnualCycle(name=defaults.CYCLE_NAME, **defaults.CYCLE_DEFAULTS)
    if municipality is not None:
        cycle.municipality = municipality
    steps = [
        CycleStep(
            cycle=cycle,
            order=(index + 1) * 10,
            **{k: v for k, v in data.items() if k != "waits_for"},
        )
        for index, data in enumerate(defaults.STEPS)
    ]
    return cycle, steps


def period_values(cycle: AnnualCycle, steps: list[CycleStep], year: int) -> list[dict[str, Any]]:
    """The reporting periods of ``year`` with their open and due dates from the calendar.

    Month reports follow the cycle's setting; the prognoses, the delår and the helår take
    the dates of the step that is their reporting round (``period_kind``).
    """
    periods: list[dict[str, Any]] = []
    for month in range(2, 13):
        if month == 7:
            continue
        end, opens, due = schedule.month_report_dates(
            year, month, cycle.month_report_due_working_day
        )
        periods.append(_period(year, ReportingPeriod.Kind.MONTH, end, opens, due))
    by_period = {(s.period_kind, s.period_month): s for s in steps if s.is_active and s.period_kind}
    for kind, months in PERIOD_MONTHS.items():
        for month in months:
            end = workdays.last_day_of_month(year, month)
            step = by_period.get((kind, month))
            if step is not None:
                dates = schedule.dates_for(step.rule, year)
                opens, due = dates.start, dates.end
            else:
                opens = workdays.on_or_after(end + dt.timedelta(days=1))
                due = workdays.add_working_days(end, FALLBACK_DUE_WORKING_DAYS)
            if due <= end:  # a rule that puts the deadline before the period ends
                due = workdays.add_working_days(end, FALLBACK_DUE_WORKING_DAYS)
            periods.append(_period(year, kind, end, min(opens, due), due))
    return sorted(periods, key=lambda p: (p["end_date"], p["kind"]))


def _period(year: int, kind: str, end: dt.date, opens: dt.date, due: dt.date) -> dict[str, Any]:
    return {"year": year, "kind": kind, "end_date": end, "opens_on": opens, "due_on": due}


def default_periods(year: int) -> list[dict[str, Any]]:
    cycle, steps = default_template()
    return period_values(cycle, steps, year)


def ensure_periods(
    municipality: Municipality, year: int, *, update: bool = False
) -> list[ReportingPeriod]:
    """Create the year's periods that do not exist yet.

    With ``update``, periods still planned (not yet opened) take the calendar's current
    dates; periods already opened or closed keep theirs.
    """
    cycle = ensure_cycle(municipality)
    values_list = period_values(cycle, list(cycle.steps.all()), year)
    result = []
    with transaction.atomic():
        for values in values_list:
            period, created = ReportingPeriod.objects.get_or_create(
                municipality=municipality,
                kind=values["kind"],
                end_date=values["end_date"],
                defaults=values,
            )
            if update and not created and period.state == ReportingPeriod.State.PLANNED:
                changed = [k for k in ("opens_on", "due_on") if getattr(period, k) != values[k]]
                if changed:
                    for k in changed:
                        setattr(period, k, values[k])
                    period.save()
            result.append(period)
    return result


def dependency_conflicts(events: list[CycleEvent]) -> list[tuple[CycleEvent, CycleEvent]]:
    """Pairs (event, what it waits for) where the event starts before the other is done.

    The nämnder's proposals in September wait for KF's June decision on the same budget
    year: if the template moved the June decision to October, that is a conflict.
    """
    by_key = {(e.step_id, e.subject_year): e for e in events}
    conflicts = []
    for event in events:
        for dependency in event.step.waits_for.all():
            other = by_key.get((dependency.pk, event.subject_year))
            if other is not None and event.starts_on < other.ends_on:
                conflicts.append((event, other))
    return conflicts


def calendar_years(today: dt.date | None = None) -> list[int]:
    """The years the pages offer: two back, two ahead."""
    year = (today or timezone.localdate()).year
    return list(range(year - 2, year + 3))
