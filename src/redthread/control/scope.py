"""Whose internal control a user reads and works on, computed once per request.

A nämnd's people are its members, its secretary, and the förvaltningschef and the managers
of the förvaltning serving it (organisation/scope.py: ``reads_body``, ``prepares_for``,
``manages``). They see their own nämnd's risks and plans; members of KF and KS, and the
municipality-wide readers (revisor, kvalitetsstrateg, ekonom, administratör) see all. The
revisor never writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redthread.organisation.models import Body, RoleGrant, Unit


@dataclass(frozen=True)
class ControlScope:
    reads_everything: bool = False
    is_writer: bool = False
    # Staff of the nämnd: förvaltningschef, managers in a serving förvaltning, secretary.
    staff_body_ids: frozenset[int] = frozenset()
    # Elected members (they take part in the nämnd's risk analysis).
    member_body_ids: frozenset[int] = frozenset()
    # The förvaltningschef or secretary of kommunstyrelsen, or the kvalitetsstrateg:
    # prepares KS's common control points and evaluation.
    coordinates: bool = False
    person_id: int | None = None

    def reads(self, user: Any, body: Body) -> bool:
        return (
            self.reads_everything
            or body.pk in self.staff_body_ids
            or bool(user.scope.reads_body(body))
        )

    def drafts_for(self, body: Body) -> bool:
        """Writes the nämnd's plans, control points, results and actions."""
        return self.is_writer and body.pk in self.staff_body_ids

    def assesses_risks_for(self, body: Body) -> bool:
        """Takes part in the nämnd's risk analysis: its staff and its members."""
        return self.is_writer and (
            body.pk in self.staff_body_ids or body.pk in self.member_body_ids
        )

    @property
    def has_bodies(self) -> bool:
        return bool(self.staff_body_ids or self.member_body_ids)


def control_scope(user: Any) -> ControlScope:
    """The user's control scope, cached on the user object for the request."""
    cached = getattr(user, "_control_scope", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    scope = _compute(user)
    if user.is_authenticated:
        user._control_scope = scope
    return scope


def _compute(user: Any) -> ControlScope:
    if not user.is_authenticated or not user.is_active:
        return ControlScope()
    scope = user.scope
    if not scope.is_internal:
        return ControlScope()
    roles = (
        RoleGrant.Role.AUDITOR,
        RoleGrant.Role.QUALITY_STRATEGIST,
        RoleGrant.Role.ECONOMIST,
        RoleGrant.Role.ADMINISTRATOR,
    )
    reads_everything = scope.reads_all_bodies or any(scope.has_role(r) for r in roles)
    roots = {int(path.strip("/").split("/")[0]) for path in scope.managed_paths}
    managed_for: set[int] = set()
    if roots:
        managed_for = set(
            Unit.serves.through.objects.filter(unit_id__in=roots).values_list("body_id", flat=True)
        )
    staff = frozenset(scope.served_body_ids | scope.secretary_body_ids | managed_for)
    prepares = scope.served_body_ids | scope.secretary_body_ids
    coordinates = scope.has_role(RoleGrant.Role.QUALITY_STRATEGIST) or (
        bool(prepares)
        and Body.objects.filter(pk__in=prepares, kind=Body.Kind.EXECUTIVE_BOARD).exists()
    )
    return ControlScope(
        reads_everything=reads_everything,
        is_writer=not scope.is_read_only,
        staff_body_ids=staff,
        member_body_ids=frozenset(scope.member_body_ids),
        coordinates=coordinates,
        person_id=scope.person_id,
    )


def visible_bodies(user: Any, bodies: list[Body]) -> list[Body]:
    """Those of ``bodies`` whose internal control the user reads."""
    cs = control_scope(user)
    return [b for b in bodies if cs.reads(user, b)]
