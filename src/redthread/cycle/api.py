"""Årshjul API: the year's steps and reporting periods."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from redthread.core.pagination import YEAR_MAX, YEAR_MIN
from redthread.core.permissions import require
from redthread.cycle.generation import preview_calendar
from redthread.cycle.models import CycleEvent, ReportingPeriod
from redthread.organisation.models import Municipality

API_PREFIX = "/cycle/"
router = Router(tags=["cycle"])


class YearFilter(Schema):
    year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX)


class StepOut(Schema):
    """A step of the årshjul in a year, with its real dates and state."""

    id: int | None
    key: str
    name: str
    start: dt.date
    end: dt.date
    subject_year: int
    responsible: str
    responsible_label: str
    process: str
    process_label: str
    delivers: str
    state: str
    state_label: str
    variant: str
    uid: str


class ReportingPeriodOut(Schema):
    id: int
    key: str
    label: str
    kind: str
    year: int
    end_date: dt.date
    opens_on: dt.date
    due_on: dt.date
    state: str


def _year(filters: YearFilter) -> int:
    year = filters.year or timezone.localdate().year
    if not 2000 <= year <= 2100:
        from ninja.errors import HttpError

        raise HttpError(422, "Ange ett år mellan 2000 och 2100, t.ex. ?year=2026.")
    return year


def _step_out(event: CycleEvent, today: dt.date) -> StepOut:
    step = event.step
    return StepOut(
        id=event.pk,
        key=step.key,
        name=event.name,
        start=event.starts_on,
        end=event.ends_on,
        subject_year=event.subject_year,
        responsible=step.responsible,
        responsible_label=str(step.get_responsible_display()),
        process=step.process,
        process_label=str(step.get_process_display()),
        delivers=step.delivers,
        state=event.state(today),
        state_label=event.state_label(today),
        variant=event.variant,
        uid=event.uid,
    )


@router.get("/steps", response=list[StepOut], summary="Årshjulets steg ett år")
def list_steps(request: HttpRequest, filters: Query[YearFilter]) -> list[StepOut]:
    """The year's steps with dates and state; a year not yet generated is computed from the
    template (``id`` is then null)."""
    require(request.user, "cycle.view_cycleevent")
    year = _year(filters)
    municipality = Municipality.objects.current()
    events = list(
        CycleEvent.objects.in_municipality(municipality)
        .for_year(year)
        .select_related("step__cycle__municipality")
    ) or preview_calendar(municipality, year)
    today = timezone.localdate()
    return [_step_out(e, today) for e in events]


@router.get("/periods", response=list[ReportingPeriodOut], summary="Rapportperioder ett år")
def list_periods(request: HttpRequest, filters: Query[YearFilter]) -> list[ReportingPeriodOut]:
    require(request.user, "cycle.view_reportingperiod")
    year = _year(filters)
    periods = ReportingPeriod.objects.filter(municipality=Municipality.objects.current(), year=year)
    return [
        ReportingPeriodOut(
            id=p.pk,
            key=p.key,
            label=p.label,
            kind=p.kind,
            year=p.year,
            end_date=p.end_date,
            opens_on=p.opens_on,
            due_on=p.due_on,
            state=p.state,
        )
        for p in periods
    ]
