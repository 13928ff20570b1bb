"""What a signed-in user may reach, computed once per request from their person.

Every permission predicate asks the scope instead of querying on its own, so a page
that checks a hundred objects still runs the same handful of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from redthread.organisation.models import Body, Unit


@dataclass(frozen=True)
class Scope:
    person_id: int | None = None
    is_superuser: bool = False
    roles: frozenset[str] = frozenset()
    # Paths of the units the user leads (enhetschef, avdelningschef, förvaltningschef).
    managed_paths: tuple[str, ...] = ()
    # Paths of the förvaltningar/kontor the user heads.
    headed_paths: tuple[str, ...] = ()
    # Paths of every unit the user works in, whatever the role.
    unit_paths: tuple[str, ...] = ()
    # Bodies where the user holds an elected seat, and where the user is secretary.
    member_body_ids: frozenset[int] = frozenset()
    secretary_body_ids: frozenset[int] = frozenset()
    # Bodies served by the förvaltningar the user heads.
    served_body_ids: frozenset[int] = frozenset()
    # A member of KF or KS reads every body's material.
    reads_all_bodies: bool = False

    @classmethod
    def of(cls, user: Any) -> Scope:
        from redthread.organisation.models import (
            Assignment,
            Body,
            Membership,
            Person,
            RoleGrant,
            Unit,
        )

        if not user.is_authenticated:
            return cls()
        person = Person.objects.filter(user=user).only("pk").first()
        if person is None:
            return cls(is_superuser=user.is_superuser)
        roles = frozenset(RoleGrant.objects.filter(person=person).values_list("role", flat=True))
        assignments = list(
            Assignment.objects.current().filter(person=person).values_list("role", "unit__path")
        )
        managed = tuple(p for role, p in assignments if role in Assignment.MANAGERS)
        headed = tuple(p for role, p in assignments if role == Assignment.Role.HEAD)
        memberships = list(
            Membership.objects.current()
            .filter(person=person)
            .values_list("role", "body_id", "body__kind")
        )
        member_bodies = frozenset(b for role, b, _k in memberships if role in Membership.ELECTED)
        secretary_bodies = frozenset(
            b for role, b, _k in memberships if role == Membership.Role.SECRETARY
        )
        reads_all = any(
            role in Membership.ELECTED and kind in (Body.Kind.COUNCIL, Body.Kind.EXECUTIVE_BOARD)
            for role, _b, kind in memberships
        )
        served: frozenset[int] = frozenset()
        if headed:
            head_ids = [int(p.strip("/").split("/")[-1]) for p in headed]
            served = frozenset(
                Unit.serves.through.objects.filter(unit_id__in=head_ids).values_list(
                    "body_id", flat=True
                )
            )
        if any(
            kind == Body.Kind.AUDIT for role, _b, kind in memberships if role in Membership.ELECTED
        ):
            roles = roles | {RoleGrant.Role.AUDITOR}
        return cls(
            person_id=person.pk,
            is_superuser=user.is_superuser,
            roles=roles,
            managed_paths=managed,
            headed_paths=headed,
            unit_paths=tuple(p for _r, p in assignments),
            member_body_ids=member_bodies,
            secretary_body_ids=secretary_bodies,
            served_body_ids=served,
            reads_all_bodies=reads_all,
        )

    # Municipality-wide roles.
    def has_role(self, role: str) -> bool:
        return self.is_superuser or role in self.roles

    @property
    def is_internal(self) -> bool:
        """Anyone who belongs to the organisation: employee, elected member or role holder."""
        return bool(
            self.is_superuser
            or self.roles
            or self.unit_paths
            or self.member_body_ids
            or self.secretary_body_ids
        )

    @property
    def writes(self) -> bool:
        """Holds a role that changes the system's data (everything but reading)."""
        from redthread.organisation.models import RoleGrant

        return bool(
            self.is_superuser
            or (self.roles - {RoleGrant.Role.AUDITOR})
            or self.managed_paths
            or self.secretary_body_ids
        )

    @property
    def is_read_only(self) -> bool:
        """Only a revisor with no other role reads without writing; that is the point of the role."""
        from redthread.organisation.models import RoleGrant

        return RoleGrant.Role.AUDITOR in self.roles and not self.is_superuser

    # Units.
    def manages(self, unit: Unit | None) -> bool:
        """The user leads ``unit`` or a unit above it."""
        return unit is not None and any(unit.path.startswith(p) for p in self.managed_paths)

    def heads(self, unit: Unit | None) -> bool:
        """The user is förvaltningschef of the förvaltning ``unit`` belongs to."""
        return unit is not None and any(unit.path.startswith(p) for p in self.headed_paths)

    def works_in(self, unit: Unit | None) -> bool:
        """The user works in ``unit`` or a unit above it."""
        return unit is not None and any(unit.path.startswith(p) for p in self.unit_paths)

    # Bodies.
    def reads_body(self, body: Body | None) -> bool:
        """May read everything of the body, including drafts sent to it."""
        if body is None:
            return False
        return (
            self.reads_all_bodies
            or body.pk in self.member_body_ids
            or body.pk in self.secretary_body_ids
            or body.pk in self.served_body_ids
            or (body.parent_id is not None and body.parent_id in self.member_body_ids)
        )

    def records_for(self, body: Body | None) -> bool:
        """May record the body's decisions (nämndsekreterare)."""
        return body is not None and body.pk in self.secretary_body_ids

    def prepares_for(self, body: Body | None) -> bool:
        """Heads a förvaltning serving the body: prepares its drafts."""
        return body is not None and body.pk in self.served_body_ids
