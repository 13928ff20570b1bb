"""The role predicates of DESIGN §5, shared by every app's ``rules.py``.

Each predicate reads the user's ``Scope`` (computed once per request), never the
database on its own.
"""

from __future__ import annotations

from typing import Any

from redthread.core.rulebook import predicate
from redthread.organisation.models import RoleGrant


def scope_of(user: Any) -> Any:
    return user.scope


@predicate
def is_internal(user: Any) -> bool:
    """Belongs to the organisation: employee, elected member or holder of a role."""
    return bool(user.is_authenticated and user.is_active and scope_of(user).is_internal)


@predicate
def is_administrator(user: Any) -> bool:
    return bool(user.is_authenticated and scope_of(user).has_role(RoleGrant.Role.ADMINISTRATOR))


@predicate
def is_quality_strategist(user: Any) -> bool:
    return bool(
        user.is_authenticated and scope_of(user).has_role(RoleGrant.Role.QUALITY_STRATEGIST)
    )


@predicate
def is_economist(user: Any) -> bool:
    return bool(user.is_authenticated and scope_of(user).has_role(RoleGrant.Role.ECONOMIST))


@predicate
def is_auditor(user: Any) -> bool:
    return bool(user.is_authenticated and scope_of(user).has_role(RoleGrant.Role.AUDITOR))


@predicate
def is_writer(user: Any) -> bool:
    """Anyone who may write at all: everyone internal except the read-only revisor."""
    return bool(is_internal(user) and not scope_of(user).is_read_only)


@predicate
def reads_all(user: Any) -> bool:
    """Municipality-wide readers: the revisor, the kvalitetsstrateg, the ekonom, the administratör."""
    return bool(
        is_auditor(user)
        or is_quality_strategist(user)
        or is_economist(user)
        or is_administrator(user)
    )


@predicate
def is_any_manager(user: Any) -> bool:
    return bool(user.is_authenticated and scope_of(user).managed_paths)


@predicate
def is_elected(user: Any) -> bool:
    return bool(user.is_authenticated and scope_of(user).member_body_ids)


@predicate
def is_secretary(user: Any) -> bool:
    return bool(user.is_authenticated and scope_of(user).secretary_body_ids)
