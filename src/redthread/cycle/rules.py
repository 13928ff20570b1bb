"""Who may do what in the årshjul (DESIGN §5).

Everyone in the organisation reads the årshjul, its periods, dialogues and the published
omvärldsanalys. The kvalitetsstrateg owns the template, the calendar, the periods, the
dialogues and the omvärldsanalys. A step's state may also be set by the role responsible
for it (the ekonom for the ekonomiavdelningen's steps) and by its named coordinator; an
agreed action by its owner. Reminder logs are written by the system only. A personal
calendar feed belongs to its user. The revisor reads everything and writes nothing.
"""

from __future__ import annotations

from typing import Any

from redthread.core.rulebook import add_perm, predicate
from redthread.cycle.responsibility import ROLES
from redthread.organisation.predicates import (
    is_administrator,
    is_auditor,
    is_internal,
    is_quality_strategist,
    is_writer,
    reads_all,
)


@predicate
def answers_for_event(user: Any, event: Any) -> bool:
    """The role named responsible for the event's step, or the step's coordinator."""
    if event is None or not user.is_authenticated:
        return False
    step = event.step
    role = ROLES.get(step.responsible)
    if role is not None and user.scope.has_role(role):
        return True
    return step.owner_id is not None and step.owner_id == user.scope.person_id


@predicate
def owns_action(user: Any, action: Any) -> bool:
    return bool(
        action is not None
        and user.is_authenticated
        and action.owner_id is not None
        and action.owner_id == user.scope.person_id
    )


@predicate
def is_published_scan(user: Any, scan: Any) -> bool:
    return scan is None or scan.status == "published"


@predicate
def owns_feed(user: Any, feed: Any) -> bool:
    return feed is not None and feed.user_id == user.pk


@predicate
def nobody(user: Any) -> bool:
    return False


strategist = is_writer & is_quality_strategist

add_perm("cycle.view_reportingperiod", is_internal)
add_perm("cycle.add_reportingperiod", strategist)
add_perm("cycle.change_reportingperiod", strategist)
add_perm("cycle.delete_reportingperiod", strategist)

for model in ["annualcycle", "cyclestep", "dialogue", "dialoguematerial", "scansource", "scanitem"]:
    add_perm(f"cycle.view_{model}", is_internal)
    add_perm(f"cycle.add_{model}", strategist)
    add_perm(f"cycle.change_{model}", strategist)
    add_perm(f"cycle.delete_{model}", strategist)

add_perm("cycle.view_cycleevent", is_internal)
add_perm("cycle.add_cycleevent", strategist)
add_perm("cycle.change_cycleevent", is_writer & (is_quality_strategist | answers_for_event))
add_perm("cycle.delete_cycleevent", strategist)

add_perm("cycle.view_dialogueaction", is_internal)
add_perm("cycle.add_dialogueaction", strategist)
add_perm("cycle.change_dialogueaction", is_writer & (is_quality_strategist | owns_action))
add_perm("cycle.delete_dialogueaction", strategist)

add_perm("cycle.view_environmentscan", is_internal & (is_published_scan | reads_all))
add_perm("cycle.add_environmentscan", strategist)
add_perm("cycle.change_environmentscan", strategist)
add_perm("cycle.delete_environmentscan", strategist)

add_perm("cycle.view_reminderlog", is_quality_strategist | is_auditor | is_administrator)
add_perm("cycle.add_reminderlog", nobody)
add_perm("cycle.change_reminderlog", nobody)
add_perm("cycle.delete_reminderlog", nobody)

add_perm("cycle.view_calendarfeed", owns_feed)
add_perm("cycle.add_calendarfeed", is_writer)
add_perm("cycle.change_calendarfeed", is_writer & owns_feed)
add_perm("cycle.delete_calendarfeed", is_writer & owns_feed)
