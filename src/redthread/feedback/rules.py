"""Who may do what with synpunkter och felanmälan (DESIGN §5).

- Anyone, signed in or not, submits through the public form and reads a case's
  public status by its reference number.
- Every employee registers a synpunkt received by phone, letter or visit on the
  person's behalf (the seed: "Alla medarbetare i kommunen är skyldiga att ta hand om
  synpunkter och felanmälan") and reads the cases they registered.
- A case is handled by the category's handläggare (``Category.handlers``), by the
  managers of the responsible unit and the units above it, and by the person it is
  assigned to. The administratör handles every case.
- The kvalitetsstrateg and the revisor read every case; the revisor writes nothing.
- Statistics hold no personal data: everyone in the organisation reads them.
- Gallring and the export of what is held about a person belong to the administratör.
"""

from __future__ import annotations

from typing import Any

from redthread.core.rulebook import add_perm, predicate
from redthread.organisation.predicates import (
    is_administrator,
    is_auditor,
    is_internal,
    is_quality_strategist,
    is_writer,
)


def handled_category_ids(user: Any) -> frozenset[int]:
    """The categories the user is handläggare for, read once per user object."""
    cached = getattr(user, "_feedback_category_ids", None)
    if cached is not None:
        return frozenset(cached)
    from redthread.feedback.models import Category

    person_id = user.scope.person_id if user.is_authenticated else None
    ids = (
        frozenset(
            Category.handlers.through.objects.filter(person_id=person_id).values_list(
                "category_id", flat=True
            )
        )
        if person_id
        else frozenset()
    )
    user._feedback_category_ids = ids
    return ids


def _case(obj: Any) -> Any:
    return getattr(obj, "service_request", obj)


@predicate
def reads_all_feedback(user: Any) -> bool:
    return bool(is_auditor(user) or is_quality_strategist(user) or is_administrator(user))


@predicate
def handles(user: Any, obj: Any) -> bool:
    """Handläggare of the case's category, manager of its unit, or the assignee."""
    if obj is None or not user.is_authenticated:
        return False
    case = _case(obj)
    scope = user.scope
    return bool(
        case.category_id in handled_category_ids(user)
        or (scope.person_id and case.assigned_to_id == scope.person_id)
        or scope.manages(case.unit)
    )


@predicate
def handles_something(user: Any) -> bool:
    return bool(user.is_authenticated and (handled_category_ids(user) or user.scope.managed_paths))


@predicate
def registered(user: Any, obj: Any) -> bool:
    return bool(
        obj is not None and user.is_authenticated and _case(obj).registered_by_id == user.pk
    )


@predicate
def nobody(user: Any, obj: Any = None) -> bool:
    return False


reads_case = is_internal & (reads_all_feedback | handles | registered)
handles_case = is_writer & (is_administrator | handles)

add_perm("feedback.view_servicerequest", reads_case)
add_perm("feedback.add_servicerequest", is_writer)
add_perm("feedback.change_servicerequest", handles_case)
add_perm("feedback.delete_servicerequest", is_administrator)

for part in ["photo", "note", "answer"]:
    add_perm(f"feedback.view_{part}", reads_case)
    add_perm(f"feedback.add_{part}", handles_case)
    add_perm(f"feedback.change_{part}", is_administrator)
    add_perm(f"feedback.delete_{part}", is_administrator)

for config in ["category", "answertemplate"]:
    add_perm(f"feedback.view_{config}", is_internal)
    add_perm(f"feedback.add_{config}", is_administrator)
    add_perm(f"feedback.change_{config}", is_administrator)
    add_perm(f"feedback.delete_{config}", is_administrator)

for admin_only in ["open311key", "ratelimitbucket"]:
    add_perm(f"feedback.view_{admin_only}", is_administrator)
    add_perm(f"feedback.add_{admin_only}", is_administrator)
    add_perm(f"feedback.change_{admin_only}", is_administrator)
    add_perm(f"feedback.delete_{admin_only}", is_administrator)

# The gallring log is evidence: read by the administratör and the revisor, written only
# by the gallring itself.
add_perm("feedback.view_erasurerecord", is_administrator | is_auditor)
add_perm("feedback.add_erasurerecord", nobody)
add_perm("feedback.change_erasurerecord", nobody)
add_perm("feedback.delete_erasurerecord", nobody)

# Pages without an object.
add_perm("feedback.view_inbox", is_internal)
add_perm("feedback.view_statistics", is_internal)
add_perm("feedback.erase_personal_data", is_writer & is_administrator)
add_perm("feedback.export_personal_data", is_writer & is_administrator)
