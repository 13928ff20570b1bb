"""Where the data is going stale: what the kvalitetsstrateg sees before anyone asks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max
from django.utils import timezone

from redthread.cycle.models import ReportingPeriod
from redthread.goals.models import Activity, Commitment, FollowUp, Indicator, Measure, MunicipalGoal
from redthread.goals.todo import DONE, REQUIRED
from redthread.organisation.models import Body, Municipality, Unit


@dataclass
class Completeness:
    name: Any
    done: int
    total: int

    @property
    def share(self) -> float:
        return self.done / self.total if self.total else 1.0


@dataclass
class Health:
    period: ReportingPeriod | None
    bodies: list[Completeness] = field(default_factory=list)
    administrations: list[Completeness] = field(default_factory=list)
    goals_without_owner: list[MunicipalGoal] = field(default_factory=list)
    indicators_without_owner: list[Indicator] = field(default_factory=list)
    commitments_without_owner: list[Commitment] = field(default_factory=list)
    measures_without_owner: list[Measure] = field(default_factory=list)
    overdue_periods: list[ReportingPeriod] = field(default_factory=list)
    stale_indicators: list[tuple[Indicator, dt.date | None]] = field(default_factory=list)


def health(municipality: Municipality, year: int, period: ReportingPeriod | None) -> Health:
    result = Health(period)
    goals = MunicipalGoal.objects.filter(year=year, area__vision__municipality=municipality)
    result.goals_without_owner = list(goals.filter(owner__isnull=True))
    indicators = Indicator.objects.filter(goal__in=goals).select_related("goal")
    result.indicators_without_owner = [i for i in indicators if i.owner_id is None]
    commitments = Commitment.objects.filter(year=year, body__municipality=municipality)
    result.commitments_without_owner = list(
        commitments.filter(owner__isnull=True, unit__isnull=True).select_related("body")
    )
    result.measures_without_owner = list(
        Measure.objects.filter(
            commitment__in=commitments, owner__isnull=True, unit__isnull=True
        ).select_related("commitment__body")
    )
    today = timezone.localdate()
    result.overdue_periods = list(
        ReportingPeriod.objects.filter(
            municipality=municipality, state=ReportingPeriod.State.OPEN, due_on__lt=today
        )
    )
    year_ago = today - dt.timedelta(days=365)
    latest = {
        row["lineage"]: row["latest"]
        for row in Indicator.objects.filter(lineage__in=[i.lineage for i in indicators])
        .values("lineage")
        .annotate(latest=Max("actuals__period__end_date"))
    }
    result.stale_indicators = [
        (i, latest.get(i.lineage))
        for i in indicators
        if latest.get(i.lineage) is None or latest[i.lineage] < year_ago
    ]
    if period is not None:
        result.bodies = _body_completeness(municipality, period, commitments)
        result.administrations = _unit_completeness(municipality, period)
    return result


def _body_completeness(
    municipality: Municipality, period: ReportingPeriod, commitments: Any
) -> list[Completeness]:
    if "commitment" not in REQUIRED.get(period.kind, ()):
        return []
    done = set(
        FollowUp.objects.filter(
            period=period, commitment__in=commitments, state__in=DONE
        ).values_list("commitment_id", flat=True)
    )
    totals: dict[int, list[int]] = {}
    for pk, body_id in commitments.values_list("pk", "body_id"):
        entry = totals.setdefault(body_id, [0, 0])
        entry[0] += pk in done
        entry[1] += 1
    bodies = Body.objects.in_bulk(list(totals))
    return sorted(
        (Completeness(bodies[b], d, t) for b, (d, t) in totals.items()),
        key=lambda c: (c.name.order, c.name.name),
    )


def _unit_completeness(municipality: Municipality, period: ReportingPeriod) -> list[Completeness]:
    if "activity" not in REQUIRED.get(period.kind, ()):
        return []
    roots = {u.pk: u for u in Unit.objects.filter(municipality=municipality, parent__isnull=True)}
    activities = Activity.objects.filter(year=period.year, unit__municipality=municipality)
    done = set(
        FollowUp.objects.filter(period=period, activity__in=activities, state__in=DONE).values_list(
            "activity_id", flat=True
        )
    )
    totals: dict[int, list[int]] = {}
    for pk, path in activities.values_list("pk", "unit__path"):
        root = int(path.strip("/").split("/")[0])
        entry = totals.setdefault(root, [0, 0])
        entry[0] += pk in done
        entry[1] += 1
    return [Completeness(roots[r], d, t) for r, (d, t) in totals.items() if r in roots]
