"""The named people every test shares: one per role of DESIGN §5, in a small municipality.

A test reads like a sentence: ``world.users["enhetschef"]`` is Anna, enhetschef of
Hemtjänst Norr under omsorgs- och socialförvaltningen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from redthread.core.audit import acting_as
from redthread.cycle.models import ensure_periods
from redthread.organisation.models import (
    ApiToken,
    Assignment,
    Body,
    Decision,
    Membership,
    Municipality,
    Person,
    RoleGrant,
    Term,
    Unit,
    User,
    WorkingGroup,
)
from redthread.organisation.terms import election_day

ROLES = [
    "outsider",
    "medarbetare",
    "enhetschef",
    "enhetschef_soder",
    "forvaltningschef",
    "namndsekreterare",
    "namndpolitiker",
    "politiker",
    "handlaggare",
    "ekonom",
    "kvalitetsstrateg",
    "revisor",
    "admin",
]
PASSWORD = "test-password-123"


@dataclass
class World:
    municipality: Municipality
    bodies: dict[str, Body] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def token(self, role: str) -> str:
        return f"token-{role}"


def _system() -> User:
    user, _ = User.objects.get_or_create(username="system", defaults={"is_active": False})
    return user


def build_world() -> World:
    with acting_as(_system()):
        return _build()


def _build() -> World:
    m = Municipality.objects.create(name="Mjölby kommun", code="0586", county_code="05")
    w = World(municipality=m)
    term = Term.objects.create(municipality=m, election_date=election_day(2022))
    B = Body.Kind
    w.bodies["kf"] = Body.objects.create(
        municipality=m, kind=B.COUNCIL, name="Kommunfullmäktige", short_name="KF", order=1
    )
    w.bodies["ks"] = Body.objects.create(
        municipality=m,
        kind=B.EXECUTIVE_BOARD,
        name="Kommunstyrelsen",
        short_name="KS",
        parent=w.bodies["kf"],
        order=2,
    )
    w.bodies["rev"] = Body.objects.create(
        municipality=m, kind=B.AUDIT, name="Revisionen", parent=w.bodies["kf"], order=3
    )
    w.bodies["osn"] = Body.objects.create(
        municipality=m,
        kind=B.COMMITTEE,
        name="Omsorgs- och socialnämnden",
        short_name="OSN",
        parent=w.bodies["kf"],
        order=4,
    )
    w.bodies["un"] = Body.objects.create(
        municipality=m,
        kind=B.COMMITTEE,
        name="Utbildningsnämnden",
        short_name="UN",
        parent=w.bodies["kf"],
        order=5,
    )
    U = Unit.Kind
    w.units["ksf"] = Unit.objects.create(
        municipality=m, kind=U.ADMINISTRATION, name="Kommunstyrelsens förvaltning"
    )
    w.units["osf"] = Unit.objects.create(
        municipality=m, kind=U.ADMINISTRATION, name="Omsorgs- och socialförvaltningen"
    )
    w.units["aldre"] = Unit.objects.create(
        municipality=m, kind=U.DEPARTMENT, name="Äldreomsorg", parent=w.units["osf"]
    )
    w.units["norr"] = Unit.objects.create(
        municipality=m, kind=U.UNIT, name="Hemtjänst Norr", parent=w.units["aldre"]
    )
    w.units["soder"] = Unit.objects.create(
        municipality=m, kind=U.UNIT, name="Hemtjänst Söder", parent=w.units["aldre"]
    )
    w.units["uf"] = Unit.objects.create(
        municipality=m, kind=U.ADMINISTRATION, name="Utbildningsförvaltningen"
    )
    w.units["haga"] = Unit.objects.create(
        municipality=m, kind=U.UNIT, name="Hagaskolan", parent=w.units["uf"]
    )
    w.units["kc"] = Unit.objects.create(
        municipality=m, kind=U.UNIT, name="Kontaktcenter", parent=w.units["ksf"]
    )
    w.units["ksf"].serves.set([w.bodies["ks"], w.bodies["kf"]])
    w.units["osf"].serves.set([w.bodies["osn"]])
    w.units["uf"].serves.set([w.bodies["un"]])

    for role in ROLES:
        user = User.objects.create_user(
            username=role, password=PASSWORD, first_name=role.capitalize()
        )
        w.users[role] = user
        ApiToken.issue(user, name="test", key=w.token(role))
        if role == "outsider":
            continue
        w.people[role] = Person.objects.create(
            municipality=m, first_name=role.capitalize(), last_name="Testsson", user=user
        )

    A, Mr, R = Assignment.Role, Membership.Role, RoleGrant.Role
    p, u, b = w.people, w.units, w.bodies
    Assignment.objects.create(person=p["medarbetare"], unit=u["norr"], role=A.EMPLOYEE)
    Assignment.objects.create(person=p["enhetschef"], unit=u["norr"], role=A.UNIT_MANAGER)
    Assignment.objects.create(person=p["enhetschef_soder"], unit=u["soder"], role=A.UNIT_MANAGER)
    Assignment.objects.create(person=p["forvaltningschef"], unit=u["osf"], role=A.HEAD)
    Assignment.objects.create(person=p["handlaggare"], unit=u["kc"], role=A.EMPLOYEE)
    Assignment.objects.create(person=p["namndsekreterare"], unit=u["osf"], role=A.EMPLOYEE)
    Assignment.objects.create(person=p["ekonom"], unit=u["ksf"], role=A.EMPLOYEE)
    Assignment.objects.create(person=p["kvalitetsstrateg"], unit=u["ksf"], role=A.EMPLOYEE)
    Assignment.objects.create(person=p["admin"], unit=u["ksf"], role=A.EMPLOYEE)
    Membership.objects.create(person=p["namndsekreterare"], body=b["osn"], role=Mr.SECRETARY)
    Membership.objects.create(person=p["namndpolitiker"], body=b["osn"], role=Mr.MEMBER, term=term)
    Membership.objects.create(person=p["politiker"], body=b["ks"], role=Mr.MEMBER, term=term)
    Membership.objects.create(person=p["politiker"], body=b["kf"], role=Mr.MEMBER, term=term)
    Membership.objects.create(person=p["revisor"], body=b["rev"], role=Mr.MEMBER, term=term)
    RoleGrant.objects.create(person=p["ekonom"], role=R.ECONOMIST)
    RoleGrant.objects.create(person=p["kvalitetsstrateg"], role=R.QUALITY_STRATEGIST)
    RoleGrant.objects.create(person=p["revisor"], role=R.AUDITOR)
    RoleGrant.objects.create(person=p["admin"], role=R.ADMINISTRATOR)
    for staff in ("admin", "kvalitetsstrateg", "ekonom"):
        w.users[staff].is_staff = True
        w.users[staff].save()

    w.decisions["ledningssystem"] = Decision.objects.create(
        body=b["kf"],
        date=dt.date(2018, 12, 18),
        paragraph="194",
        case_number="2018:327",
        title="Mjölby kommuns ledningssystem",
    )
    w.decisions["osn"] = Decision.objects.create(
        body=b["osn"],
        date=dt.date(2026, 1, 28),
        paragraph="5",
        case_number="OSN 2026:12",
        title="Internkontrollplan 2026",
    )
    ensure_periods(m, 2025)
    ensure_periods(m, 2026)
    w.extra["group"] = WorkingGroup.objects.create(
        municipality=m,
        kind=WorkingGroup.Kind.MANAGEMENT_TEAM,
        name="Ledningsgruppen",
        lead=p["forvaltningschef"],
    )
    from tests.goals.factories import build_chain

    w.extra["chain"] = build_chain(w)
    return w


def load_world() -> World:
    """The world as stored, rebuilt if a transactional test flushed it."""
    m = Municipality.objects.filter(code="0586").first()
    if m is None:
        return build_world()
    w = World(municipality=m)
    w.bodies = {
        key: Body.objects.get(municipality=m, name=name)
        for key, name in [
            ("kf", "Kommunfullmäktige"),
            ("ks", "Kommunstyrelsen"),
            ("rev", "Revisionen"),
            ("osn", "Omsorgs- och socialnämnden"),
            ("un", "Utbildningsnämnden"),
        ]
    }
    w.units = {
        key: Unit.objects.get(municipality=m, name=name)
        for key, name in [
            ("ksf", "Kommunstyrelsens förvaltning"),
            ("osf", "Omsorgs- och socialförvaltningen"),
            ("aldre", "Äldreomsorg"),
            ("norr", "Hemtjänst Norr"),
            ("soder", "Hemtjänst Söder"),
            ("uf", "Utbildningsförvaltningen"),
            ("haga", "Hagaskolan"),
            ("kc", "Kontaktcenter"),
        ]
    }
    w.users = {u.username: u for u in User.objects.filter(username__in=ROLES)}
    w.people = {
        p.user.username: p
        for p in Person.objects.filter(user__username__in=ROLES).select_related("user")
    }
    w.decisions = {
        "ledningssystem": Decision.objects.get(body=w.bodies["kf"], paragraph="194"),
        "osn": Decision.objects.get(body=w.bodies["osn"], paragraph="5"),
    }
    w.extra["group"] = WorkingGroup.objects.get(municipality=m, name="Ledningsgruppen")
    from tests.goals.factories import load_chain

    w.extra["chain"] = load_chain(w)
    return w
