"""Mjölby kommun's organisation, per the seed (ledningssystemet, KF 2018-12-18 § 194).

Facts from the seed: the bodies, the five förvaltningar and three kontor, Miljökontoret
also serving Boxholm, the överförmyndarnämnd's kansli in Motala, the kommundirektör
and the chair of kommunstyrelsen who signed the ledningssystem, and the decision
adopting it. Everything else (people, units below the förvaltningar, working groups)
is invented for the demo and marked ``is_illustrative``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from redthread.core.demo_tools import DemoContext, set_m2m, upsert
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
    WorkingGroupMember,
)

K = Body.Kind
U = Unit.Kind

# key, kind, name, short name, parent key, order, extra
BODIES: list[tuple[str, str, str, str, str | None, int, dict[str, Any]]] = [
    ("kf", K.COUNCIL, "Kommunfullmäktige", "KF", None, 10, {}),
    ("rev", K.AUDIT, "Revisionen", "Rev", "kf", 12, {}),
    ("vn", K.COMMITTEE, "Valnämnden", "VN", "kf", 14, {}),
    ("ks", K.EXECUTIVE_BOARD, "Kommunstyrelsen", "KS", "kf", 20, {}),
    ("ksau", K.SUBCOMMITTEE, "Kommunstyrelsens arbetsutskott", "KSAU", "ks", 21, {}),
    ("kspu", K.SUBCOMMITTEE, "Personalutskottet", "KSPU", "ks", 22, {}),
    (
        "fami",
        K.COMPANY,
        "Fastighets AB Mjölby (FAMI)",
        "FAMI",
        "ks",
        25,
        {
            "description": "Kommunens fastighetsbolag. Kommunstyrelsens roll gentemot bolaget "
            "regleras genom ägardirektiv. Kommundirektören är bolagets verkställande direktör.",
        },
    ),
    (
        "mse",
        K.COMPANY,
        "Mjölby-Svartådalen Energi AB",
        "MSE",
        "ks",
        26,
        {
            "is_illustrative": True,
            "description": "Energibolag som kommunen äger tillsammans med andra; ägarandelen "
            "i demon är påhittad.",
        },
    ),
    ("osn", K.COMMITTEE, "Omsorgs- och socialnämnden", "OSN", "kf", 30, {}),
    (
        "osnsu",
        K.SUBCOMMITTEE,
        "Socialutskottet",
        "SU",
        "osn",
        31,
        {
            "description": "Har delegation att fatta myndighetsbeslut i individärenden.",
        },
    ),
    ("un", K.COMMITTEE, "Utbildningsnämnden", "UN", "kf", 40, {}),
    ("kfn", K.COMMITTEE, "Kultur- och fritidsnämnden", "KFN", "kf", 50, {}),
    ("bn", K.COMMITTEE, "Byggnadsnämnden", "BN", "kf", 60, {}),
    ("mhn", K.COMMITTEE, "Miljö- och hälsoskyddsnämnden", "MHN", "kf", 70, {}),
    (
        "ofn",
        K.COMMITTEE,
        "Överförmyndarnämnden",
        "ÖFN",
        "kf",
        80,
        {
            "joint_host": "Motala kommun",
            "description": "Gemensam nämnd. Tjänstemannaorganisationen finns i ett gemensamt "
            "kansli, lokaliserat i Motala.",
        },
    ),
    (
        "boxholm_miljo",
        K.COMMITTEE,
        "Miljö- och byggnämnden i Boxholm",
        "BMB",
        None,
        200,
        {
            "external_municipality": "Boxholms kommun",
            "is_illustrative": True,
            "description": "Boxholms kommuns nämnd för miljöfrågor; Miljökontoret i Mjölby är "
            "dess tjänstemannaorganisation.",
        },
    ),
]

# key, kind, name, parent key, serves (body keys), illustrative
UNITS: list[tuple[str, str, str, str | None, list[str], bool]] = [
    (
        "ksf",
        U.ADMINISTRATION,
        "Kommunstyrelsens förvaltning",
        None,
        ["ks", "kf", "vn", "rev"],
        False,
    ),
    ("ksf_eko", U.DEPARTMENT, "Ekonomiavdelningen", "ksf", [], True),
    ("ksf_hr", U.DEPARTMENT, "Personalavdelningen", "ksf", [], True),
    ("ksf_kansli", U.DEPARTMENT, "Kansliavdelningen", "ksf", [], True),
    ("ksf_it", U.DEPARTMENT, "IT-avdelningen", "ksf", [], True),
    ("ksf_utv", U.DEPARTMENT, "Utvecklingsavdelningen", "ksf", [], True),
    ("ksf_kc", U.UNIT, "Kontaktcenter", "ksf_kansli", [], True),
    ("osf", U.ADMINISTRATION, "Omsorgs- och socialförvaltningen", None, ["osn", "osnsu"], False),
    ("osf_aldre", U.DEPARTMENT, "Äldreomsorg", "osf", [], True),
    ("osf_hemtjanst_norr", U.UNIT, "Hemtjänst Norr", "osf_aldre", [], True),
    ("osf_hemtjanst_soder", U.UNIT, "Hemtjänst Söder", "osf_aldre", [], True),
    ("osf_hemtjanst_mantorp", U.UNIT, "Hemtjänst Mantorp", "osf_aldre", [], True),
    ("osf_sabo", U.UNIT, "Vård- och omsorgsboendet Solgården", "osf_aldre", [], True),
    ("osf_ifo", U.DEPARTMENT, "Individ- och familjeomsorg", "osf", [], True),
    ("osf_barn", U.UNIT, "Barn och familj", "osf_ifo", [], True),
    ("osf_vuxen", U.UNIT, "Vuxenenheten", "osf_ifo", [], True),
    ("osf_fs", U.DEPARTMENT, "Funktionsstöd", "osf", [], True),
    ("osf_daglig", U.UNIT, "Daglig verksamhet", "osf_fs", [], True),
    ("uf", U.ADMINISTRATION, "Utbildningsförvaltningen", None, ["un"], False),
    ("uf_forskola", U.DEPARTMENT, "Förskola", "uf", [], True),
    ("uf_forskola_mantorp", U.UNIT, "Förskoleområde Mantorp", "uf_forskola", [], True),
    ("uf_grundskola", U.DEPARTMENT, "Grundskola", "uf", [], True),
    ("uf_hagaskolan", U.UNIT, "Hagaskolan", "uf_grundskola", [], True),
    ("uf_vastra", U.UNIT, "Västra skolan", "uf_grundskola", [], True),
    ("uf_gymnasium", U.DEPARTMENT, "Gymnasium och vuxenutbildning", "uf", [], True),
    ("uf_kungshoga", U.UNIT, "Kungshögaskolan", "uf_gymnasium", [], True),
    ("kff", U.ADMINISTRATION, "Kultur- och fritidsförvaltningen", None, ["kfn"], False),
    ("kff_bibliotek", U.UNIT, "Biblioteket", "kff", [], True),
    ("kff_fritid", U.UNIT, "Fritid och anläggningar", "kff", [], True),
    ("kff_kulturskola", U.UNIT, "Kulturskolan", "kff", [], True),
    ("stf", U.ADMINISTRATION, "Service- och teknikförvaltningen", None, ["ks"], False),
    ("stf_gata", U.DEPARTMENT, "Gata och park", "stf", [], True),
    ("stf_fastighet", U.DEPARTMENT, "Fastighet och lokaler", "stf", [], True),
    ("stf_kost", U.UNIT, "Kost", "stf", [], True),
    ("stf_lokalvard", U.UNIT, "Lokalvård", "stf", [], True),
    ("bk", U.OFFICE, "Byggnadskontoret", None, ["bn"], False),
    ("mk", U.OFFICE, "Miljökontoret", None, ["mhn", "boxholm_miljo"], False),
    ("rtj", U.OFFICE, "Räddningstjänsten", None, ["ks"], True),
]

# key, first, last, title, illustrative
PEOPLE: list[tuple[str, str, str, str, bool]] = [
    ("segrell", "Dag", "Segrell", "Kommundirektör", False),
    ("burenby", "Cecilia", "Burenby", "Kommunstyrelsens ordförande", False),
    ("admin", "Sara", "Lind", "Systemförvaltare", True),
    ("kvalitetsstrateg", "Johanna", "Berg", "Kvalitetsstrateg", True),
    ("ekonom", "Karin", "Holm", "Ekonom", True),
    ("revisor", "Maria", "Ek", "Förtroendevald revisor", True),
    ("politiker", "Lars", "Nyström", "Ledamot i kommunstyrelsen", True),
    ("forvaltningschef", "Erik", "Sandberg", "Förvaltningschef", True),
    ("enhetschef", "Anna", "Lindqvist", "Enhetschef", True),
    ("medarbetare", "Omar", "Hassan", "Undersköterska", True),
    ("handlaggare", "Linnea", "Ström", "Handläggare, kontaktcenter", True),
    ("bitr_kd", "Henrik", "Dahl", "Biträdande kommundirektör", True),
    ("ekonomichef", "Ulrika", "Nord", "Ekonomichef", True),
    ("personalchef", "Peter", "Sjöberg", "Personalchef", True),
    ("itchef", "Mikael", "Forsberg", "It-chef", True),
    ("uf_chef", "Helena", "Wikström", "Förvaltningschef", True),
    ("kff_chef", "Jonas", "Björk", "Förvaltningschef", True),
    ("stf_chef", "Camilla", "Åberg", "Förvaltningschef", True),
    ("bk_chef", "Fredrik", "Lund", "Kontorschef", True),
    ("mk_chef", "Eva", "Granlund", "Miljöchef", True),
    ("rtj_chef", "Anders", "Hedlund", "Räddningschef", True),
    ("aldre_chef", "Malin", "Sundqvist", "Avdelningschef äldreomsorg", True),
    ("ifo_chef", "Tobias", "Engström", "Avdelningschef individ- och familjeomsorg", True),
    ("hemtjanst_soder_chef", "Sofia", "Ahmadi", "Enhetschef", True),
    ("hemtjanst_mantorp_chef", "Jenny", "Olsson", "Enhetschef", True),
    ("hagaskolan_rektor", "Patrik", "Holmgren", "Rektor", True),
    ("gata_chef", "Niklas", "Falk", "Avdelningschef gata och park", True),
    ("osn_sekreterare", "Petra", "Wall", "Nämndsekreterare", True),
    ("ks_sekreterare", "Ingrid", "Söderlund", "Kommunsekreterare", True),
    ("osn_ordf", "Birgitta", "Karlsson", "Ordförande, omsorgs- och socialnämnden", True),
    ("osn_vice", "Ahmed", "Yousef", "Vice ordförande, omsorgs- och socialnämnden", True),
    ("un_ordf", "Kristina", "Månsson", "Ordförande, utbildningsnämnden", True),
    ("bn_ordf", "Göran", "Persson", "Ordförande, byggnadsnämnden", True),
    ("mhn_ordf", "Lena", "Strand", "Ordförande, miljö- och hälsoskyddsnämnden", True),
    ("ofn_ordf", "Stefan", "Blom", "Ordförande, överförmyndarnämnden", True),
    ("vn_ordf", "Agneta", "Wallin", "Ordförande, valnämnden", True),
    ("kf_ordf", "Bengt", "Ivarsson", "Kommunfullmäktiges ordförande", True),
    ("ks_vice", "Rebecka", "Lundgren", "Kommunstyrelsens vice ordförande", True),
    ("rev_ordf", "Ove", "Nilsson", "Revisionens ordförande", True),
    ("rev_ledamot", "Gunilla", "Axelsson", "Förtroendevald revisor", True),
]

# person key, unit key, role
ASSIGNMENTS = [
    ("segrell", "ksf", Assignment.Role.HEAD),
    ("bitr_kd", "ksf", Assignment.Role.EMPLOYEE),
    ("ekonomichef", "ksf_eko", Assignment.Role.DEPARTMENT_HEAD),
    ("personalchef", "ksf_hr", Assignment.Role.DEPARTMENT_HEAD),
    ("itchef", "ksf_it", Assignment.Role.DEPARTMENT_HEAD),
    ("kvalitetsstrateg", "ksf_utv", Assignment.Role.EMPLOYEE),
    ("ekonom", "ksf_eko", Assignment.Role.EMPLOYEE),
    ("admin", "ksf_it", Assignment.Role.EMPLOYEE),
    ("handlaggare", "ksf_kc", Assignment.Role.EMPLOYEE),
    ("ks_sekreterare", "ksf_kansli", Assignment.Role.EMPLOYEE),
    ("forvaltningschef", "osf", Assignment.Role.HEAD),
    ("aldre_chef", "osf_aldre", Assignment.Role.DEPARTMENT_HEAD),
    ("ifo_chef", "osf_ifo", Assignment.Role.DEPARTMENT_HEAD),
    ("enhetschef", "osf_hemtjanst_norr", Assignment.Role.UNIT_MANAGER),
    ("medarbetare", "osf_hemtjanst_norr", Assignment.Role.EMPLOYEE),
    ("hemtjanst_soder_chef", "osf_hemtjanst_soder", Assignment.Role.UNIT_MANAGER),
    ("hemtjanst_mantorp_chef", "osf_hemtjanst_mantorp", Assignment.Role.UNIT_MANAGER),
    ("osn_sekreterare", "osf", Assignment.Role.EMPLOYEE),
    ("uf_chef", "uf", Assignment.Role.HEAD),
    ("hagaskolan_rektor", "uf_hagaskolan", Assignment.Role.UNIT_MANAGER),
    ("kff_chef", "kff", Assignment.Role.HEAD),
    ("stf_chef", "stf", Assignment.Role.HEAD),
    ("gata_chef", "stf_gata", Assignment.Role.DEPARTMENT_HEAD),
    ("bk_chef", "bk", Assignment.Role.HEAD),
    ("mk_chef", "mk", Assignment.Role.HEAD),
    ("rtj_chef", "rtj", Assignment.Role.HEAD),
]

M = Membership.Role
# person key, body key, role, party
MEMBERSHIPS = [
    ("kf_ordf", "kf", M.CHAIR, "M"),
    ("burenby", "kf", M.MEMBER, "M"),
    ("politiker", "kf", M.MEMBER, "S"),
    ("ks_vice", "kf", M.MEMBER, "S"),
    ("osn_ordf", "kf", M.MEMBER, "KD"),
    ("un_ordf", "kf", M.MEMBER, "M"),
    ("burenby", "ks", M.CHAIR, "M"),
    ("ks_vice", "ks", M.VICE_CHAIR, "S"),
    ("politiker", "ks", M.MEMBER, "S"),
    ("un_ordf", "ks", M.MEMBER, "M"),
    ("burenby", "ksau", M.CHAIR, "M"),
    ("ks_vice", "ksau", M.MEMBER, "S"),
    ("burenby", "kspu", M.CHAIR, "M"),
    ("ks_sekreterare", "ks", M.SECRETARY, ""),
    ("osn_ordf", "osn", M.CHAIR, "KD"),
    ("osn_vice", "osn", M.VICE_CHAIR, "S"),
    ("osn_ordf", "osnsu", M.CHAIR, "KD"),
    ("osn_sekreterare", "osn", M.SECRETARY, ""),
    ("un_ordf", "un", M.CHAIR, "M"),
    ("politiker", "kfn", M.CHAIR, "S"),
    ("bn_ordf", "bn", M.CHAIR, "C"),
    ("mhn_ordf", "mhn", M.CHAIR, "L"),
    ("ofn_ordf", "ofn", M.CHAIR, "M"),
    ("vn_ordf", "vn", M.CHAIR, "S"),
    ("rev_ordf", "rev", M.CHAIR, "S"),
    ("revisor", "rev", M.MEMBER, "M"),
    ("rev_ledamot", "rev", M.MEMBER, "C"),
]

R = RoleGrant.Role
ROLE_GRANTS = [
    ("admin", R.ADMINISTRATOR),
    ("kvalitetsstrateg", R.QUALITY_STRATEGIST),
    ("ekonom", R.ECONOMIST),
    ("ekonomichef", R.ECONOMIST),
    ("revisor", R.AUDITOR),
]

DEMO_USERS = [
    "admin",
    "kvalitetsstrateg",
    "ekonom",
    "revisor",
    "politiker",
    "forvaltningschef",
    "enhetschef",
    "medarbetare",
    "handlaggare",
]

NETWORKS = [
    (
        "net_samhalle",
        "Strategiskt ledningsnätverk för samhällsbyggnad",
        "Planerar, samordnar och följer upp strategiska åtgärder för en attraktiv och hållbar kommun.",
        "stf_chef",
        ["bk_chef", "mk_chef", "gata_chef"],
    ),
    (
        "net_trygghet",
        "Strategiskt ledningsnätverk för trygghet och folkhälsa",
        "Planerar, samordnar och följer upp strategiska åtgärder för trygghet och god folkhälsa.",
        "ifo_chef",
        ["kff_chef", "rtj_chef", "hagaskolan_rektor"],
    ),
    (
        "net_kompetens",
        "Strategiskt ledningsnätverk för kompetensförsörjning",
        "Planerar, samordnar och följer upp åtgärder för att vara en attraktiv arbetsgivare.",
        "personalchef",
        ["aldre_chef", "uf_chef"],
    ),
]


def load(context: DemoContext) -> None:
    municipality = upsert(
        Municipality,
        {"code": "0586"},
        name="Mjölby kommun",
        county_code="05",
        county_name="Östergötlands län",
        website="https://www.mjolby.se",
    )
    context["municipality"] = municipality
    for year in (2018, 2022, 2026):
        context[f"term_{year}"] = upsert(
            Term, {"election_date": _election(year)}, municipality=municipality
        )

    bodies: dict[str, Body] = {}
    for key, kind, name, short, parent, order, extra in BODIES:
        bodies[key] = upsert(
            Body,
            {"municipality": municipality, "name": name},
            kind=kind,
            short_name=short,
            parent=bodies[parent] if parent else None,
            order=order,
            **extra,
        )
    context["bodies"] = bodies

    units: dict[str, Unit] = {}
    for index, (key, kind, name, parent, serves, illustrative) in enumerate(UNITS):
        units[key] = upsert(
            Unit,
            {"municipality": municipality, "name": name},
            kind=kind,
            parent=units[parent] if parent else None,
            order=index,
            is_illustrative=illustrative,
        )
        set_m2m(units[key], "serves", [bodies[b] for b in serves])
    context["units"] = units

    people: dict[str, Person] = {}
    for key, first, last, title, illustrative in PEOPLE:
        people[key] = upsert(
            Person,
            {"municipality": municipality, "first_name": first, "last_name": last},
            title=title,
            email=f"{_ascii(first)}.{_ascii(last)}@mjolby.example",
            is_illustrative=illustrative,
        )
    context["people"] = people

    for person, unit, a_role in ASSIGNMENTS:
        upsert(Assignment, {"person": people[person], "unit": units[unit], "role": a_role})
    term = context["term_2022"]
    for person, body, m_role, party in MEMBERSHIPS:
        upsert(
            Membership,
            {"person": people[person], "body": bodies[body], "role": m_role},
            party=party,
            term=None if m_role == M.SECRETARY else term,
        )
    for person, r_role in ROLE_GRANTS:
        upsert(RoleGrant, {"person": people[person], "role": r_role})

    _working_groups(municipality, people, units)
    _decisions(context, bodies)
    _users(people)


def _working_groups(
    municipality: Municipality, people: dict[str, Person], units: dict[str, Unit]
) -> None:
    team = upsert(
        WorkingGroup,
        {"municipality": municipality, "name": "Ledningsgruppen"},
        kind=WorkingGroup.Kind.MANAGEMENT_TEAM,
        purpose="Kommundirektörens ledningsgrupp: kommungemensamma utvecklingsfrågor och "
        "principiella frågor för gemensamma ställningstaganden. Kommundirektören leder och beslutar.",
        lead=people["segrell"],
    )
    for key in [
        "segrell",
        "bitr_kd",
        "ekonomichef",
        "personalchef",
        "itchef",
        "forvaltningschef",
        "uf_chef",
        "kff_chef",
        "stf_chef",
        "bk_chef",
        "mk_chef",
        "rtj_chef",
    ]:
        upsert(WorkingGroupMember, {"group": team, "person": people[key]})
    for _key, name, purpose, lead, members in NETWORKS:
        network = upsert(
            WorkingGroup,
            {"municipality": municipality, "name": name},
            kind=WorkingGroup.Kind.STRATEGIC_NETWORK,
            purpose=purpose,
            lead=people[lead],
            reports_to=team,
            is_illustrative=True,
        )
        for member in [lead, *members]:
            upsert(WorkingGroupMember, {"group": network, "person": people[member]})


def _decisions(context: DemoContext, bodies: dict[str, Body]) -> None:
    context["decision_ledningssystem"] = upsert(
        Decision,
        {"body": bodies["kf"], "date": dt.date(2018, 12, 18), "paragraph": "194"},
        case_number="2018:327",
        title="Mjölby kommuns ledningssystem",
        summary="Kommunfullmäktige antar ledningssystemet: organisation och samspel, "
        "styrmodellen den röda tråden, årshjulet, gemensamma arbetssätt, internkontroll "
        "och ekonomistyrning. Dokumentansvarig tjänsteperson: kommundirektör.",
    )


def _users(people: dict[str, Person]) -> None:
    """The nine demo logins (password demo), and an account for everyone else so that what
    they write is attributed to them; those accounts have no usable password."""
    for key, person in people.items():
        if key in DEMO_USERS or person.user_id:
            continue
        user = upsert(
            User,
            {"username": f"{_ascii(person.first_name)}.{_ascii(person.last_name)}"},
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            is_demo=True,
        )
        if user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
        person.user = user
        person.save()
    for username in DEMO_USERS:
        person = people[username]
        user = upsert(
            User,
            {"username": username},
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            is_demo=True,
            is_staff=username in ("admin", "kvalitetsstrateg", "ekonom"),
        )
        if not user.check_password("demo"):
            user.set_password("demo")
            user.save(update_fields=["password"])
        if person.user_id != user.pk:
            person.user = user
            person.save()
        key = f"demo-{username}"
        if not ApiToken.objects.filter(key_hash=ApiToken.digest(key)).exists():
            ApiToken.issue(user, name="Demonyckel", key=key)


def _election(year: int) -> dt.date:
    from redthread.organisation.terms import election_day

    return election_day(year)


def _ascii(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o", "é": "e"})
    return text.translate(table).lower()
