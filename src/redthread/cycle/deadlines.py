"""Whose deadlines: the events a user answers for, and the reporting dates of managers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from redthread.cycle.models import (
    CycleEvent,
    CycleEventQuerySet,
    DialogueAction,
    ReportingPeriod,
    ReportingPeriodQuerySet,
)
from redthread.cycle.responsibility import responsibilities_of
from redthread.organisation.models import Municipality


def deadlines_of(
    user: Any, place: Municipality, first: dt.date, last: dt.date
) -> CycleEventQuerySet:
    """The year's events the user answers for, between two dates, as a queryset."""
    kinds = responsibilities_of(user)
    condition = Q(step__responsible__in=kinds)
    if user.scope.person_id:
        condition |= Q(step__owner_id=user.scope.person_id)
    return (
        CycleEvent.objects.in_municipality(place)
        .filter(condition, ends_on__gte=first, ends_on__lte=last)
        .select_related("step__cycle__municipality")
    )


def reporting_deadlines(
    user: Any, place: Municipality, first: dt.date, last: dt.date
) -> ReportingPeriodQuerySet:
    """The reporting periods a manager writes follow-ups for, due between two dates."""
    if not user.scope.managed_paths:
        return ReportingPeriod.objects.none()
    return ReportingPeriod.objects.filter(
        municipality=place, due_on__gte=first, due_on__lte=last
    ).exclude(state__in=[ReportingPeriod.State.CLOSED, ReportingPeriod.State.LOCKED])


def actions_of(user: Any, due_by: dt.date | None = None) -> list[DialogueAction]:
    """The open actions agreed in dialogues that the user owns, optionally due by a date."""
    if not user.scope.person_id:
        return []
    actions = (
        DialogueAction.objects.open()
        .filter(owner_id=user.scope.person_id)
        .select_related("dialogue")
    )
    if due_by is not None:
        actions = actions.filter(due_on__lte=due_by)
    return list(actions)
