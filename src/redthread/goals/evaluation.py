"""Statuses of many objects in one reporting period, in a fixed number of queries.

For a metric (indicator or measure) the actual is the latest one of the period's year up to
the period's end; the target is the year's final target, else the preliminary one. A goal's
computed status rolls up its indicators, a commitment's its measures; the status that counts
is the follow-up's assessment when there is one, else the computed status.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from redthread.cycle.models import ReportingPeriod
from redthread.goals.models import (
    Actual,
    Commitment,
    FollowUp,
    GoalSettings,
    Indicator,
    Measure,
    MunicipalGoal,
    Target,
)
from redthread.goals.status import RollUp, Status, roll_up
from redthread.organisation.models import Municipality

MetricKey = tuple[str, int]


@dataclass
class MetricState:
    actual: Actual | None
    target: Target | None
    status: Status


@dataclass
class Evaluation:
    """What the pages and the API need about a set of objects in one period."""

    period: ReportingPeriod | None
    metrics: dict[MetricKey, MetricState] = field(default_factory=dict)
    followups: dict[tuple[str, int], FollowUp] = field(default_factory=dict)
    goal_rollups: dict[int, RollUp] = field(default_factory=dict)
    commitment_rollups: dict[int, RollUp] = field(default_factory=dict)

    def metric(self, metric: Indicator | Measure) -> MetricState:
        return self.metrics.get(_key(metric), MetricState(None, None, Status.NONE))

    def followup(self, subject_field: str, pk: int) -> FollowUp | None:
        return self.followups.get((subject_field, pk))

    def goal_status(self, goal: MunicipalGoal) -> Status:
        return self._effective("goal", goal.pk, self.goal_rollups.get(goal.pk))

    def commitment_status(self, commitment: Commitment) -> Status:
        return self._effective(
            "commitment", commitment.pk, self.commitment_rollups.get(commitment.pk)
        )

    def status_of(self, subject_field: str, pk: int) -> Status:
        """The status that counts for any followed-up object (activities: their follow-up)."""
        if subject_field == "goal":
            return self._effective("goal", pk, self.goal_rollups.get(pk))
        if subject_field == "commitment":
            return self._effective("commitment", pk, self.commitment_rollups.get(pk))
        if subject_field in ("indicator", "measure"):
            state = self.metrics.get((subject_field, pk))
            computed = state.status if state else Status.NONE
            return self._effective(subject_field, pk, RollUp(computed))
        followup = self.followups.get((subject_field, pk))
        return Status(followup.status) if followup else Status.NONE

    def _effective(self, subject_field: str, pk: int, rollup: RollUp | None) -> Status:
        followup = self.followups.get((subject_field, pk))
        if followup is not None and followup.status != Status.NONE:
            return Status(followup.status)
        return rollup.status if rollup else Status.NONE


def _key(metric: Indicator | Measure) -> MetricKey:
    return ("indicator" if isinstance(metric, Indicator) else "measure", metric.pk)


def metric_states(
    metrics: Sequence[Indicator | Measure], period: ReportingPeriod | None, tolerance: Decimal
) -> dict[MetricKey, MetricState]:
    """Actual, target and status of each metric in ``period``: two queries for any number."""
    if period is None or not metrics:
        return {}
    indicator_ids = [m.pk for m in metrics if isinstance(m, Indicator)]
    measure_ids = [m.pk for m in metrics if isinstance(m, Measure)]
    actuals: dict[MetricKey, Actual] = {}
    for kind, ids in (("indicator", indicator_ids), ("measure", measure_ids)):
        if not ids:
            continue
        rows = (
            Actual.objects.filter(**{f"{kind}_id__in": ids})
            .filter(
                period__year=period.year, period__end_date__lte=period.end_date, value__isnull=False
            )
            .select_related("period")
            .order_by("period__end_date")
        )
        for actual in rows:
            actuals[actual.metric_key] = actual  # the latest wins
    targets: dict[tuple[str, int, int], Target] = {}
    for kind, ids in (("indicator", indicator_ids), ("measure", measure_ids)):
        if ids:
            targets.update(
                Target.objects.filter(**{f"{kind}_id__in": ids}, year=period.year).effective()
            )
    states = {}
    for metric in metrics:
        key = _key(metric)
        latest = actuals.get(key)
        target = targets.get((*key, period.year))
        status = metric.status_for(
            latest.value if latest else None, target.value if target else None, tolerance
        )
        states[key] = MetricState(latest, target, status)
    return states


def followups_for(
    period: ReportingPeriod | None, **ids: Iterable[int]
) -> dict[tuple[str, int], FollowUp]:
    """The period's follow-ups of the given objects, e.g. ``goal=[1, 2], activity=[7]``."""
    if period is None:
        return {}
    found: dict[tuple[str, int], FollowUp] = {}
    for subject_field, pks in ids.items():
        pks = list(pks)
        if not pks:
            continue
        for followup in FollowUp.objects.filter(period=period, **{f"{subject_field}_id__in": pks}):
            found[(subject_field, getattr(followup, f"{subject_field}_id"))] = followup
    return found


def evaluate(
    municipality: Municipality,
    period: ReportingPeriod | None,
    *,
    goals: Sequence[MunicipalGoal] = (),
    indicators: Sequence[Indicator] = (),
    commitments: Sequence[Commitment] = (),
    measures: Sequence[Measure] = (),
    activity_ids: Iterable[int] = (),
    strategic_action_ids: Iterable[int] = (),
) -> Evaluation:
    """Evaluate the given objects in ``period``; pass every goal's indicators to roll goals up."""
    tolerance = GoalSettings.tolerance_for(municipality)
    evaluation = Evaluation(period)
    evaluation.metrics = metric_states([*indicators, *measures], period, tolerance)
    evaluation.followups = followups_for(
        period,
        goal=[g.pk for g in goals],
        indicator=[i.pk for i in indicators],
        commitment=[c.pk for c in commitments],
        measure=[m.pk for m in measures],
        activity=activity_ids,
        strategic_action=strategic_action_ids,
    )
    by_goal: dict[int, list[str]] = {g.pk: [] for g in goals}
    for indicator in indicators:
        if indicator.goal_id in by_goal:
            by_goal[indicator.goal_id].append(evaluation.status_of("indicator", indicator.pk))
    evaluation.goal_rollups = {pk: roll_up(statuses) for pk, statuses in by_goal.items()}
    by_commitment: dict[int, list[str]] = {c.pk: [] for c in commitments}
    for measure in measures:
        if measure.commitment_id in by_commitment:
            by_commitment[measure.commitment_id].append(evaluation.status_of("measure", measure.pk))
    evaluation.commitment_rollups = {pk: roll_up(s) for pk, s in by_commitment.items()}
    return evaluation


def computed_status(subject: Any, period: ReportingPeriod) -> Status:
    """The computed status of one object in a period (for a follow-up being written)."""
    if isinstance(subject, Indicator | Measure):
        municipality = _municipality_of(subject)
        return metric_states([subject], period, GoalSettings.tolerance_for(municipality))[
            _key(subject)
        ].status
    if isinstance(subject, MunicipalGoal):
        indicators = list(subject.indicators.all())
        evaluation = evaluate(
            subject.area.vision.municipality, period, goals=[subject], indicators=indicators
        )
        return evaluation.goal_rollups[subject.pk].status
    if isinstance(subject, Commitment):
        measures = list(subject.measures.all())
        evaluation = evaluate(
            subject.body.municipality, period, commitments=[subject], measures=measures
        )
        return evaluation.commitment_rollups[subject.pk].status
    return Status.NONE


def _municipality_of(metric: Indicator | Measure) -> Municipality:
    if isinstance(metric, Indicator):
        return metric.goal.area.vision.municipality
    return metric.commitment.body.municipality


#: Sources of the financial goals KF decided for a year (the finance app registers one):
#: ``(municipality, year) -> [{"title", "target", "actual", "unit", "fulfilled", "decision"}]``.
FINANCIAL_GOAL_SOURCES: list[Callable[[Municipality, int], list[dict[str, Any]]]] = []


def register_financial_goals(source: Callable[[Municipality, int], list[dict[str, Any]]]) -> None:
    FINANCIAL_GOAL_SOURCES.append(source)


@dataclass
class StewardshipVerdict:
    """God ekonomisk hushållning as far as the kommunmål go: the share fulfilled against KF's threshold."""

    year: int
    period: ReportingPeriod | None
    fulfilled: int
    assessed: int
    total: int
    required_share: Decimal | None
    decision: Any
    financial_goals: list[dict[str, Any]] = field(default_factory=list)

    @property
    def share(self) -> Decimal | None:
        return Decimal(self.fulfilled) / Decimal(self.total) if self.total else None

    @property
    def achieved(self) -> bool | None:
        """The kommunmål part: the share fulfilled against KF's threshold."""
        if self.required_share is None or self.share is None:
            return None
        return self.share >= self.required_share

    @property
    def financial_achieved(self) -> bool | None:
        """The financial part: every financial goal with an outcome is met."""
        judged = [g["fulfilled"] for g in self.financial_goals if g.get("fulfilled") is not None]
        if not judged:
            return None
        return all(judged)

    @property
    def overall(self) -> bool | None:
        """God ekonomisk hushållning: both the verksamhet's goals and the financial goals."""
        parts = [p for p in (self.achieved, self.financial_achieved) if p is not None]
        if not parts:
            return None
        return all(parts)


def stewardship_verdict(
    municipality: Municipality,
    year: int,
    period: ReportingPeriod | None,
    evaluation: Evaluation,
    goals: Sequence[MunicipalGoal],
) -> StewardshipVerdict:
    """A kommunmål counts as fulfilled when its status that counts is green."""
    from redthread.goals.models import FulfilmentThreshold

    statuses = [evaluation.goal_status(g) for g in goals]
    threshold = (
        FulfilmentThreshold.objects.filter(municipality=municipality, year=year)
        .select_related("decision__body")
        .first()
    )
    financial = [goal for source in FINANCIAL_GOAL_SOURCES for goal in source(municipality, year)]
    return StewardshipVerdict(
        financial_goals=financial,
        year=year,
        period=period,
        fulfilled=sum(1 for s in statuses if s == Status.GREEN),
        assessed=sum(1 for s in statuses if s != Status.NONE),
        total=len(goals),
        required_share=threshold.share if threshold else None,
        decision=threshold.decision if threshold else None,
    )
