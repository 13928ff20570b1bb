"""Who may do what in the goal chain (DESIGN §5).

- Everyone in the organisation reads the chain; a follow-up draft is read only by those who
  may write it, its reviewers and the municipality-wide readers.
- The kvalitetsstrateg keeps the structure: vision, areas, kommunmål, indicators, targets.
- The förvaltningschef drafts the åtaganden and mått of the nämnder the förvaltning serves.
- An enhetschef or avdelningschef edits the activities, plans and follow-ups of the subtree.
- Nothing in a closed period can be written, by anyone, anywhere (pages, API, admin).
- The revisor reads everything and writes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from redthread.core.rulebook import add_perm, predicate

if TYPE_CHECKING:
    from redthread.organisation.scope import Scope
from redthread.organisation.predicates import (
    is_internal,
    is_quality_strategist,
    is_writer,
    reads_all,
)


def _person_id(user: Any) -> int | None:
    return user.scope.person_id if user.is_authenticated else None


def _unit_of(subject: Any) -> Any:
    return getattr(subject, "unit", None)


def _body_of(subject: Any) -> Any:
    from redthread.goals.models import Commitment, Measure

    if isinstance(subject, Commitment):
        return subject.body
    if isinstance(subject, Measure):
        return subject.commitment.body
    return None


def may_write_subject(user: Any, subject: Any) -> bool:
    """May write the follow-up, actuals and (for activities) the object itself."""
    from redthread.goals.models import (
        Activity,
        Commitment,
        Indicator,
        Measure,
        MunicipalGoal,
        StrategicAction,
    )

    if not user.is_authenticated or user.scope.is_read_only:
        return False
    scope: Scope = user.scope
    person = scope.person_id
    if isinstance(subject, Activity):
        return scope.manages(subject.unit) or (
            person is not None and subject.responsible_id == person
        )
    if isinstance(subject, Measure):
        return (
            scope.manages(subject.unit)
            or (person is not None and subject.owner_id == person)
            or scope.prepares_for(subject.commitment.body)
            or scope.has_role("quality_strategist")
        )
    if isinstance(subject, Commitment):
        return (
            scope.prepares_for(subject.body)
            or (person is not None and subject.owner_id == person)
            or scope.has_role("quality_strategist")
        )
    if isinstance(subject, MunicipalGoal | Indicator):
        return bool(
            (person is not None and subject.owner_id == person)
            or scope.has_role("quality_strategist")
        )
    if isinstance(subject, StrategicAction):
        return (
            person is not None and person in (subject.responsible_id, subject.network.lead_id)
        ) or scope.has_role("quality_strategist")
    return False


def may_review_subject(user: Any, subject: Any) -> bool:
    """Approves or returns a submitted follow-up: the förvaltningschef for the enheter's
    activities and mått; the kvalitetsstrateg for what goes to KS."""
    from redthread.goals.models import Activity, Measure

    if not user.is_authenticated or user.scope.is_read_only:
        return False
    if isinstance(subject, Activity | Measure):
        return bool(
            user.scope.heads(_unit_of(subject)) or user.scope.prepares_for(_body_of(subject))
        )
    return bool(user.scope.has_role("quality_strategist"))


def _period_writable(obj: Any) -> bool:
    if obj is None:
        return True
    period = getattr(obj, "period", None)
    if period is not None:
        return bool(period.is_writable)
    locking = getattr(obj, "locking_period", None)
    return locking is None or locking() is None


@predicate
def writes_subject(user: Any, obj: Any) -> bool:
    """The object (an activity, measure ...) or the subject of a follow-up/actual/target."""
    if obj is None:
        return bool(
            user.is_authenticated and (user.scope.managed_paths or user.scope.served_body_ids)
        )
    subject = getattr(obj, "subject", None) or getattr(obj, "metric", None) or obj
    return may_write_subject(user, subject)


@predicate
def reviews_subject(user: Any, obj: Any) -> bool:
    if obj is None:
        return bool(
            user.is_authenticated
            and (user.scope.headed_paths or user.scope.has_role("quality_strategist"))
        )
    return may_review_subject(user, obj.subject)


@predicate
def period_writable(user: Any, obj: Any) -> bool:
    return _period_writable(obj)


@predicate
def prepares_body(user: Any, obj: Any) -> bool:
    from redthread.goals.models import Commitment, Measure, OperationalPlan, Target

    if obj is None:
        return bool(user.is_authenticated and user.scope.served_body_ids)
    if isinstance(obj, Target):
        obj = obj.metric
    if isinstance(obj, OperationalPlan):
        return bool(user.scope.manages(obj.unit))
    body = obj if not isinstance(obj, Commitment | Measure) else _body_of(obj)
    return bool(user.scope.prepares_for(body))


@predicate
def manages_unit(user: Any, obj: Any) -> bool:
    if obj is None:
        return bool(user.is_authenticated and user.scope.managed_paths)
    unit = obj if not hasattr(obj, "unit") else obj.unit
    return bool(user.scope.manages(unit))


@predicate
def not_approved(user: Any, obj: Any) -> bool:
    """An approved follow-up is final for its author; the reviewer may still return it."""
    return obj is None or obj.state != "approved"


@predicate
def sees_followup(user: Any, obj: Any) -> bool:
    """A draft is seen by those who may write or review it and by municipality-wide readers."""
    from redthread.goals.models import FollowUp

    if obj is None or obj.state not in (FollowUp.State.DRAFT, FollowUp.State.RETURNED):
        return True
    return bool(
        reads_all(user)
        or may_write_subject(user, obj.subject)
        or may_review_subject(user, obj.subject)
    )


STRUCTURE = [
    "vision",
    "strategicarea",
    "municipalgoal",
    "indicator",
    "goalsettings",
    "fulfilmentthreshold",
]
for model in STRUCTURE:
    add_perm(f"goals.view_{model}", is_internal)
    for action in ("add", "change", "delete"):
        add_perm(f"goals.{action}_{model}", is_writer & is_quality_strategist)

for model in ["commitment", "measure"]:
    add_perm(f"goals.view_{model}", is_internal)
    for action in ("add", "change", "delete"):
        add_perm(f"goals.{action}_{model}", is_writer & (is_quality_strategist | prepares_body))

add_perm("goals.view_strategicaction", is_internal)
for action in ("add", "change", "delete"):
    add_perm(
        f"goals.{action}_strategicaction", is_writer & (is_quality_strategist | writes_subject)
    )

add_perm("goals.view_operationalplan", is_internal)
add_perm("goals.add_operationalplan", is_writer & (manages_unit | is_quality_strategist))
add_perm("goals.change_operationalplan", is_writer & (manages_unit | is_quality_strategist))
add_perm("goals.delete_operationalplan", is_writer & is_quality_strategist)

add_perm("goals.view_activity", is_internal)
for action in ("add", "change", "delete"):
    add_perm(f"goals.{action}_activity", is_writer & (manages_unit | is_quality_strategist))

add_perm("goals.view_target", is_internal)
for action in ("add", "change", "delete"):
    add_perm(
        f"goals.{action}_target",
        is_writer & period_writable & (is_quality_strategist | prepares_body),
    )

add_perm("goals.view_actual", is_internal)
for action in ("add", "change", "delete"):
    add_perm(f"goals.{action}_actual", is_writer & period_writable & writes_subject)

add_perm("goals.view_followup", is_internal & sees_followup)
add_perm("goals.add_followup", is_writer & period_writable & writes_subject)
add_perm("goals.change_followup", is_writer & period_writable & not_approved & writes_subject)
add_perm("goals.delete_followup", is_writer & period_writable & is_quality_strategist)
add_perm("goals.review_followup", is_writer & period_writable & reviews_subject)

add_perm("goals.view_startpagevisit", is_internal)
for action in ("add", "change", "delete"):
    add_perm(f"goals.{action}_startpagevisit", is_writer)

# Whole-chain operations.
add_perm("goals.rollover", is_writer & is_quality_strategist)
add_perm("goals.view_data_health", is_internal & (reads_all | prepares_body | manages_unit))
add_perm("goals.exchange_values", is_writer & (is_quality_strategist | prepares_body))
