"""What a person must report in the open periods, and what has turned red since they last looked.

Who reports what:
- an activity: the manager of its own unit, or the person responsible for it;
- a mått: its owner, or the manager of its responsible unit;
- an åtagande: the förvaltningschef of the förvaltning serving the nämnd, or its owner;
- a kommunmål or an indicator: its owner;
- a strategic action: the person responsible or the network's lead.

Which objects a period asks for depends on its kind: the delår and helår ask for everything;
a forecast for åtaganden and mått; a month report for the activities.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from redthread.cycle.models import ReportingPeriod
from redthread.goals.models import (
    Activity,
    Commitment,
    FollowUp,
    Indicator,
    Measure,
    MunicipalGoal,
    StartPageVisit,
    StrategicAction,
)
from redthread.goals.status import Status
from redthread.organisation.models import Municipality, Unit

ALL = ("goal", "indicator", "commitment", "measure", "activity", "strategic_action")
REQUIRED: dict[str, tuple[str, ...]] = {
    ReportingPeriod.Kind.INTERIM: ALL,
    ReportingPeriod.Kind.ANNUAL: ALL,
    ReportingPeriod.Kind.FORECAST: ("commitment", "measure"),
    ReportingPeriod.Kind.MONTH: ("activity",),
}
DONE = (FollowUp.State.SUBMITTED, FollowUp.State.APPROVED)


@dataclass
class TodoItem:
    field: str
    subject: Any
    period: ReportingPeriod
    followup: FollowUp | None
    was_red: bool

    @property
    def due_on(self) -> dt.date:
        return self.period.due_on

    @property
    def is_overdue(self) -> bool:
        return timezone.localdate() > self.period.due_on

    @property
    def returned(self) -> bool:
        return self.followup is not None and self.followup.state == FollowUp.State.RETURNED


def _direct_unit_ids(user: Any) -> list[int]:
    """The units the user leads directly (not the whole subtree)."""
    return [int(path.strip("/").split("/")[-1]) for path in user.scope.managed_paths]


def reported_by(user: Any, field: str, year: int) -> QuerySet[Any]:
    """The objects of ``field``'s kind that ``user`` reports on for ``year``."""
    scope = user.scope
    person = scope.person_id
    units = _direct_unit_ids(user)
    if field == "activity":
        return Activity.objects.filter(year=year).filter(
            Q(unit_id__in=units) | Q(responsible_id=person)
        )
    if field == "measure":
        return Measure.objects.filter(year=year).filter(Q(unit_id__in=units) | Q(owner_id=person))
    if field == "commitment":
        headed = [int(p.strip("/").split("/")[-1]) for p in scope.headed_paths]
        return Commitment.objects.filter(year=year).filter(
            Q(unit_id__in=headed) | Q(owner_id=person)
        )
    if field == "goal":
        return MunicipalGoal.objects.filter(year=year, owner_id=person)
    if field == "indicator":
        return Indicator.objects.filter(year=year, owner_id=person)
    return StrategicAction.objects.filter(year=year).filter(
        Q(responsible_id=person) | Q(network__lead_id=person)
    )


def todo_for(user: Any, municipality: Municipality) -> list[TodoItem]:
    """Everything the user has left to report in open periods, earliest deadline first.

    One query per open period and kind of object, plus one for earlier statuses.
    """
    if not user.is_authenticated or user.scope.person_id is None or user.scope.is_read_only:
        return []
    periods = ReportingPeriod.objects.filter(
        municipality=municipality, state=ReportingPeriod.State.OPEN
    )
    items: list[TodoItem] = []
    for period in periods:
        for field in REQUIRED.get(period.kind, ()):
            subjects = list(reported_by(user, field, period.year))
            if not subjects:
                continue
            existing = {
                getattr(f, f"{field}_id"): f
                for f in FollowUp.objects.filter(period=period, **{f"{field}__in": subjects})
            }
            for subject in subjects:
                followup = existing.get(subject.pk)
                if followup is None or followup.state not in DONE:
                    items.append(TodoItem(field, subject, period, followup, False))
    _mark_red_before(items)
    items.sort(
        key=lambda item: (
            item.period.due_on,
            not item.returned,
            ALL.index(item.field),
            str(item.subject),
        )
    )
    return items


def _mark_red_before(items: list[TodoItem]) -> None:
    """Flag items whose latest earlier follow-up was red: one query per kind of object."""
    by_field: dict[str, list[TodoItem]] = {}
    for item in items:
        by_field.setdefault(item.field, []).append(item)
    for field, field_items in by_field.items():
        ids = {item.subject.pk for item in field_items}
        earliest = min(item.period.end_date for item in field_items)
        latest_status: dict[int, str] = {}
        earlier = (
            FollowUp.objects.filter(**{f"{field}_id__in": ids}, period__end_date__lt=earliest)
            .exclude(status=Status.NONE)
            .order_by("period__end_date")
            .values_list(f"{field}_id", "status")
        )
        for pk, status in earlier:
            latest_status[pk] = status
        for item in field_items:
            item.was_red = latest_status.get(item.subject.pk) == Status.RED


def turned_red_since(user: Any, since: dt.datetime | None, limit: int = 10) -> list[FollowUp]:
    """Red follow-ups sent since ``since`` about objects in the user's scope."""
    scope = user.scope
    condition = Q()
    if scope.reads_all_bodies or scope.roles:
        condition |= Q(goal__isnull=False) | Q(commitment__isnull=False)
    body_ids = (
        set(scope.member_body_ids) | set(scope.served_body_ids) | set(scope.secretary_body_ids)
    )
    if body_ids:
        condition |= Q(commitment__body_id__in=body_ids)
    for path in scope.managed_paths:
        condition |= Q(activity__unit__path__startswith=path) | Q(
            measure__unit__path__startswith=path
        )
    if not condition:
        return []
    followups = FollowUp.objects.filter(condition, status=Status.RED, state__in=DONE)
    if since is not None:
        followups = followups.filter(submitted_at__gt=since)
    return list(
        followups.select_related(
            "period",
            "goal",
            "commitment__body",
            "activity__unit",
            "measure",
            "indicator",
            "strategic_action",
        ).order_by("-submitted_at")[:limit]
    )


def start_page_news(user: Any) -> tuple[list[FollowUp], dt.datetime | None]:
    """What turned red since the last visit; the visit is then recorded."""
    visit = StartPageVisit.objects.filter(user=user).first()
    since = visit.seen_at if visit else None
    news = turned_red_since(user, since)
    StartPageVisit.objects.update_or_create(user=user, defaults={"seen_at": timezone.now()})
    return news, since


def units_with_missing(
    period: ReportingPeriod, head_paths: tuple[str, ...]
) -> dict[Unit, tuple[int, int]]:
    """Per unit under the given förvaltningar: (activities reported, activities to report)."""
    condition = Q()
    for path in head_paths:
        condition |= Q(unit__path__startswith=path)
    if not condition or "activity" not in REQUIRED.get(period.kind, ()):
        return {}
    activities = Activity.objects.filter(condition, year=period.year).select_related("unit")
    done = set(
        FollowUp.objects.filter(period=period, activity__in=activities, state__in=DONE).values_list(
            "activity_id", flat=True
        )
    )
    result: dict[Unit, tuple[int, int]] = {}
    for activity in activities:
        reported, total = result.get(activity.unit, (0, 0))
        result[activity.unit] = (reported + (activity.pk in done), total + 1)
    return dict(sorted(result.items(), key=lambda pair: pair[0].path))
