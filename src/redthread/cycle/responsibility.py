"""Who answers for a step: the people reminded of it, and whose "my deadlines" it is on.

A step names a responsible *kind* (KF, KS, the nämnder, the förvaltningar, the ekonomi-
avdelningen, the kvalitetsstrateg) rather than people, so the template survives elections
and reorganisations. The people are found when needed:

- a body's step is prepared by its nämndsekreterare and by the förvaltningschefer of the
  förvaltningar that serve it; its elected members see it among their deadlines too;
- the förvaltningar's steps go to the förvaltningschefer;
- the ekonomiavdelningen's and the kvalitetsstrateg's steps go to those roles;
- a step's named coordinator (``owner``) is always included.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from redthread.cycle.schedule import Responsible
from redthread.organisation.models import (
    Assignment,
    Body,
    Membership,
    Municipality,
    Person,
    RoleGrant,
    Unit,
)

BODY_KINDS: dict[str, tuple[str, ...]] = {
    Responsible.COUNCIL: (Body.Kind.COUNCIL,),
    Responsible.EXECUTIVE_BOARD: (Body.Kind.EXECUTIVE_BOARD,),
    # Kommunstyrelsen is also the nämnd of its own verksamhet.
    Responsible.COMMITTEES: (Body.Kind.COMMITTEE, Body.Kind.EXECUTIVE_BOARD),
}
ROLES: dict[str, str] = {
    Responsible.ECONOMIST: RoleGrant.Role.ECONOMIST,
    Responsible.QUALITY_STRATEGIST: RoleGrant.Role.QUALITY_STRATEGIST,
}


def preparers(municipality: Municipality) -> dict[str, set[int]]:
    """Person ids per responsible kind: who prepares (and is reminded of) such steps.

    A fixed handful of queries, whatever the size of the organisation.
    """
    result: dict[str, set[int]] = defaultdict(set)
    own_bodies = Body.objects.filter(municipality=municipality, external_municipality="")
    kind_of = dict(own_bodies.values_list("pk", "kind"))
    secretaries = Membership.objects.current().filter(
        body_id__in=kind_of, role=Membership.Role.SECRETARY
    )
    heads = dict(
        Assignment.objects.current()
        .filter(role=Assignment.Role.HEAD, unit__municipality=municipality)
        .values_list("unit_id", "person_id")
    )
    served = Unit.serves.through.objects.filter(unit_id__in=heads, body_id__in=kind_of)
    by_body: dict[int, set[int]] = defaultdict(set)
    for body_id, person_id in secretaries.values_list("body_id", "person_id"):
        by_body[body_id].add(person_id)
    for unit_id, body_id in served.values_list("unit_id", "body_id"):
        by_body[body_id].add(heads[unit_id])
    for responsible, kinds in BODY_KINDS.items():
        for body_id, kind in kind_of.items():
            if kind in kinds:
                result[responsible] |= by_body[body_id]
    administrations = Unit.objects.administrations().filter(municipality=municipality)
    result[Responsible.ADMINISTRATIONS] = {
        heads[u] for u in administrations.values_list("pk", flat=True) if u in heads
    }
    for responsible, role in ROLES.items():
        result[responsible] = set(
            RoleGrant.objects.filter(role=role, person__municipality=municipality).values_list(
                "person_id", flat=True
            )
        )
    return dict(result)


def responsibilities_of(user: Any) -> set[str]:
    """The responsible kinds whose steps are the user's: as preparer or as elected member."""
    if not user.is_authenticated:
        return set()
    scope = user.scope
    found: set[str] = set()
    body_ids = scope.member_body_ids | scope.secretary_body_ids | scope.served_body_ids
    if body_ids:
        kinds = set(
            Body.objects.filter(pk__in=body_ids, external_municipality="").values_list(
                "kind", flat=True
            )
        )
        for responsible, wanted in BODY_KINDS.items():
            if kinds & set(wanted):
                found.add(responsible)
    if scope.headed_paths:
        found.add(Responsible.ADMINISTRATIONS)
    for responsible, role in ROLES.items():
        if role in scope.roles:
            found.add(responsible)
    return found


def person_of(user: Any) -> Person | None:
    if not user.is_authenticated or user.scope.person_id is None:
        return None
    return Person.objects.filter(pk=user.scope.person_id).first()
