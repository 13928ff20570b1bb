"""A new planning year: carry the goal chain into the next year, history linked.

Every carried object is a copy for the new year with ``previous`` pointing to last year's
version and the same ``lineage``; last year's objects are not touched, so a closed year
stays exactly as reported. Running it again carries only what is not yet carried.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction

from redthread.cycle.models import ensure_periods
from redthread.goals.models import (
    Activity,
    Commitment,
    Indicator,
    Measure,
    MunicipalGoal,
    OperationalPlan,
    StrategicAction,
    Target,
)
from redthread.organisation.models import Municipality

COPIED_FIELDS_SKIP = {"id", "version", "year", "previous"}


def _copy(obj: Any, year: int, **changes: Any) -> Any:
    model = type(obj)
    values = {
        f.attname: getattr(obj, f.attname)
        for f in model._meta.concrete_fields
        if f.attname not in COPIED_FIELDS_SKIP and f.name not in COPIED_FIELDS_SKIP
    }
    values.update(year=year, previous_id=obj.pk, **changes)
    return model.objects.create(**values)


def _carried(model: type[Any], year: int) -> dict[int, Any]:
    """Objects already carried into ``year``, by the id of the version they came from."""
    return {o.previous_id: o for o in model.objects.filter(year=year, previous__isnull=False)}


def preview(municipality: Municipality, from_year: int) -> Counter[str]:
    """What a rollover would carry, without carrying anything."""
    to_year = from_year + 1
    goals = MunicipalGoal.objects.filter(
        area__vision__municipality=municipality, year=from_year, last_year__gte=to_year
    )
    commitments = Commitment.objects.filter(
        body__municipality=municipality, year=from_year, last_year__gte=to_year
    )
    return Counter(
        {
            "goals": goals.count(),
            "indicators": Indicator.objects.filter(goal__in=goals).count(),
            "commitments": commitments.count(),
            "measures": Measure.objects.filter(commitment__in=commitments).count(),
            "activities": Activity.objects.filter(commitment__in=commitments, year=from_year)
            .unfinished()
            .count(),
            "strategic_actions": StrategicAction.objects.filter(
                goal__in=goals, progress__lt=100
            ).count(),
        }
    )


@transaction.atomic
def roll_over(municipality: Municipality, from_year: int) -> Counter[str]:
    """Carry ``from_year`` into the next year; returns how many objects were carried."""
    to_year = from_year + 1
    ensure_periods(municipality, to_year)
    carried: Counter[str] = Counter()

    goal_map = _carried(MunicipalGoal, to_year)
    for goal in MunicipalGoal.objects.filter(
        area__vision__municipality=municipality, year=from_year, last_year__gte=to_year
    ):
        if goal.pk not in goal_map:
            goal_map[goal.pk] = _copy(goal, to_year)
            carried["goals"] += 1

    indicator_map = _carried(Indicator, to_year)
    for indicator in Indicator.objects.filter(goal_id__in=goal_map, year=from_year):
        if indicator.pk not in indicator_map:
            indicator_map[indicator.pk] = _copy(
                indicator, to_year, goal_id=goal_map[indicator.goal_id].pk
            )
            carried["indicators"] += 1

    commitment_map = _carried(Commitment, to_year)
    for commitment in Commitment.objects.filter(
        body__municipality=municipality, year=from_year, last_year__gte=to_year
    ).prefetch_related("goals"):
        if commitment.pk in commitment_map:
            continue
        copy = _copy(commitment, to_year)
        copy.goals.set([goal_map[g.pk] for g in commitment.goals.all() if g.pk in goal_map])
        commitment_map[commitment.pk] = copy
        carried["commitments"] += 1

    measure_map = _carried(Measure, to_year)
    for measure in Measure.objects.filter(commitment_id__in=commitment_map, year=from_year):
        if measure.pk not in measure_map:
            measure_map[measure.pk] = _copy(
                measure, to_year, commitment_id=commitment_map[measure.commitment_id].pk
            )
            carried["measures"] += 1

    carried["targets"] += _carry_targets(indicator_map, "indicator", to_year)
    carried["targets"] += _carry_targets(measure_map, "measure", to_year)

    activity_map = _carried(Activity, to_year)
    for activity in (
        Activity.objects.filter(commitment_id__in=commitment_map, year=from_year)
        .unfinished()
        .select_related("plan")
    ):
        if activity.pk in activity_map:
            continue
        plan, _created = OperationalPlan.objects.get_or_create(
            unit_id=activity.unit_id, year=to_year
        )
        activity_map[activity.pk] = _copy(
            activity,
            to_year,
            plan_id=plan.pk,
            commitment_id=commitment_map[activity.commitment_id].pk,
        )
        carried["activities"] += 1

    action_map = _carried(StrategicAction, to_year)
    for action in StrategicAction.objects.filter(
        goal_id__in=goal_map, year=from_year, progress__lt=100
    ).prefetch_related("units"):
        if action.pk in action_map:
            continue
        copy = _copy(action, to_year, goal_id=goal_map[action.goal_id].pk)
        copy.units.set(action.units.all())
        action_map[action.pk] = copy
        carried["strategic_actions"] += 1
    return carried


def _carry_targets(mapping: dict[int, Any], field: str, to_year: int) -> int:
    """Targets already decided for the new year and later follow the metric into it."""
    count = 0
    existing = set(
        Target.objects.filter(**{f"{field}_id__in": [m.pk for m in mapping.values()]}).values_list(
            f"{field}_id", "year", "kind"
        )
    )
    for target in Target.objects.filter(**{f"{field}_id__in": list(mapping)}, year__gte=to_year):
        new_metric = mapping[getattr(target, f"{field}_id")]
        if (new_metric.pk, target.year, target.kind) in existing:
            continue
        Target.objects.create(
            **{field: new_metric},
            year=target.year,
            kind=target.kind,
            value=target.value,
            decision_id=target.decision_id,
        )
        count += 1
    return count
