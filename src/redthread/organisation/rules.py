"""Who may do what with the organisation (DESIGN §5).

Everyone in the organisation reads it. The administratör configures it. A
nämndsekreterare records the decisions of their body. The revisor reads, never writes.
"""

from __future__ import annotations

from typing import Any

from redthread.core.rulebook import add_perm, predicate
from redthread.organisation.models import Body, Decision
from redthread.organisation.predicates import is_administrator, is_internal, is_writer


@predicate
def records_for_body(user: Any, obj: Body | Decision | None) -> bool:
    if obj is None or not user.is_authenticated:
        return False
    body = obj if isinstance(obj, Body) else obj.body
    return bool(user.scope.records_for(body))


@predicate
def records_decisions_somewhere(user: Any) -> bool:
    return bool(user.is_authenticated and user.scope.secretary_body_ids)


READ_BY_ALL_INTERNAL = [
    "municipality",
    "body",
    "unit",
    "person",
    "membership",
    "assignment",
    "term",
    "workinggroup",
    "workinggroupmember",
    "decision",
]
ADMIN_ONLY = ["user", "rolegrant", "apitoken", "securitypolicy", "twofactordevice"]

for model in READ_BY_ALL_INTERNAL:
    add_perm(f"organisation.view_{model}", is_internal)
for model in READ_BY_ALL_INTERNAL + ADMIN_ONLY:
    if model == "decision":
        continue
    add_perm(f"organisation.add_{model}", is_administrator)
    add_perm(f"organisation.change_{model}", is_administrator)
    add_perm(f"organisation.delete_{model}", is_administrator)
for model in ADMIN_ONLY:
    add_perm(f"organisation.view_{model}", is_administrator)

# Decisions: the administratör, or the secretary of the body (object: the body or decision).
add_perm("organisation.add_decision", is_writer & (is_administrator | records_for_body))
add_perm("organisation.change_decision", is_writer & (is_administrator | records_for_body))
add_perm("organisation.delete_decision", is_administrator)
# May open the "record a decision" page at all.
add_perm(
    "organisation.record_decisions", is_writer & (is_administrator | records_decisions_somewhere)
)
