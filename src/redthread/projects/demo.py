"""Eight projects in Mjölby's demo, each in a different place in the project model.

All are invented for the demo (``is_illustrative``). The new school building in Mantorp
is an investment: ``investment_code`` names its investment project in the
investeringsbudget (``INVESTMENT_CODES`` below, for the finance demo to match). Decisions
at the tollgates go through the same model methods as in the application, so they respect
the order of the tollgates. Dates still to come are relative to the first day of the
current month, so the portfolio looks alive whenever the demo is loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from redthread.core.demo_tools import DemoContext, upsert
from redthread.organisation.models import Assignment, Body, Decision, Person, Unit
from redthread.projects.models import (
    EffectGoal,
    Project,
    ProjectModel,
    ProjectRisk,
    StatusReport,
    SteeringGroupMember,
    Tollgate,
)

# The investment projects in the investeringsbudget that demo projects belong to.
INVESTMENT_CODES = {
    "skola_mantorp": "INV-2025-014",
    "kok_solgarden": "INV-2024-031",
}

G, Y, R = "green", "yellow", "red"


@dataclass
class Demo:
    key: str
    name: str
    code: str
    unit: str
    body: str | None
    owner: str
    sponsor: str | None
    manager: str | None
    steering: list[str]
    purpose: str
    start: str
    end: str
    budget: int | None
    # (order, "pass"|"skip"|"stop", decided on, text, decision key or None)
    decisions: list[tuple[int, str, str, str, str | None]] = field(default_factory=list)
    # Planned dates of the tollgates still to come, in months from this month (negative: late).
    planned: dict[int, int] = field(default_factory=dict)
    # (reported on, time, cost, scope, comments (t, c, s), summary, cost to date, forecast)
    reports: list[tuple[str, str, str, str, tuple[str, str, str], str, int, int]] = field(
        default_factory=list
    )
    risks: list[tuple[str, int, int, str, bool]] = field(default_factory=list)
    effects: list[tuple[str, str, str]] = field(default_factory=list)


PROJECTS: list[Demo] = [
    Demo(
        "skola_mantorp",
        "Ny skola i Mantorp (F–6)",
        "P2024-02",
        "stf_fastighet",
        "un",
        "stf_chef",
        "uf_chef",
        "projektledare_bygg",
        ["stf_chef", "uf_chef", "ekonomichef"],
        "Mantorp växer och skolorna är fulla. En ny F–6-skola för 350 elever med "
        "fullstor idrottshall ersätter paviljongerna vid Västra skolan.",
        "2024-03-01",
        "2027-12-31",
        185_000_000,
        decisions=[
            (1, "pass", "2024-03-12", "Idén godkänns. Förstudie om placering och storlek.", None),
            (2, "pass", "2024-09-17", "Alternativ 2, ny skola på Kvarnbacken, planeras.", None),
            (
                3,
                "pass",
                "2025-04-22",
                "Projektplan och investeringskalkyl godkända. Upphandling av totalentreprenad.",
                "ks_skola",
            ),
        ],
        planned={4: 13, 5: 15, 6: 27},
        reports=[
            (
                "2025-09-30",
                G,
                G,
                G,
                ("", "", ""),
                "Entreprenör kontrakterad, markarbeten startade.",
                21_400_000,
                185_000_000,
            ),
            (
                "2026-10-31",
                Y,
                G,
                G,
                (
                    "Markarbetena blev sex veckor försenade av berg i schaktet. Tidplanen "
                    "hämtas in under stomresningen.",
                    "",
                    "",
                ),
                "Stommen rest, tak på plats före vintern.",
                96_800_000,
                187_500_000,
            ),
        ],
        risks=[
            ("Prisökningar på byggmaterial", 3, 3, "Indexreglerat kontrakt, reserv 3 %", False),
            ("Försenat bygglov", 2, 4, "Bygglovet beviljat 2025-06-10", True),
            (
                "Inflyttning hinns inte före läsårsstart",
                2,
                3,
                "Paviljongerna hyrs till 2028",
                False,
            ),
        ],
        effects=[
            ("Alla elever i Mantorp F–6 går i permanenta lokaler", "Antal elever i paviljong", "0"),
            ("Fler elevplatser i Mantorp", "Elevplatser F–6", "+350 till hösten 2028"),
        ],
    ),
    Demo(
        "heltid",
        "Heltid som norm i hemtjänsten",
        "P2025-05",
        "osf_aldre",
        "osn",
        "forvaltningschef",
        "aldre_chef",
        "enhetschef",
        ["forvaltningschef", "personalchef"],
        "Fler medarbetare i hemtjänsten ska arbeta heltid: bättre kontinuitet för brukarna "
        "och lättare att rekrytera.",
        "2025-01-15",
        "2027-06-30",
        2_400_000,
        decisions=[
            (1, "pass", "2025-01-20", "Förstudie i Hemtjänst Norr.", None),
            (2, "pass", "2025-05-05", "Förstudien visar att schemamodellen bär.", None),
            (3, "pass", "2025-08-18", "Genomförande i tre enheter, start med Norr.", None),
        ],
        planned={4: 4, 5: 6, 6: 18},
        reports=[
            (
                "2026-09-30",
                G,
                R,
                G,
                (
                    "",
                    "Övertid under omställningen har kostat mer än planerat. Styrgruppen "
                    "behöver besluta om utökad budget eller långsammare takt.",
                    "",
                ),
                "Hemtjänst Norr har gått över; Söder startar i januari.",
                1_950_000,
                2_900_000,
            ),
        ],
        risks=[
            ("Ökad övertid under omställningen", 4, 3, "Bemanningsenheten förstärks", False),
            ("Medarbetare vill inte gå upp i tid", 2, 2, "Dialog och frivillighet", False),
        ],
        effects=[
            ("Fler heltidsanställda", "Andel heltidsanställda i hemtjänsten", "80 %"),
            (
                "Bättre kontinuitet för brukarna",
                "Antal personal per brukare och 14 dagar",
                "högst 10",
            ),
        ],
    ),
    Demo(
        "e_bygglov",
        "Digitala e-tjänster för bygglov",
        "P2025-09",
        "bk",
        "bn",
        "bk_chef",
        "bk_chef",
        "itchef",
        ["bk_chef", "itchef"],
        "Ansökan om bygglov, anmälan och kompletteringar digitalt, med automatisk diarieföring.",
        "2025-09-01",
        "2026-12-31",
        850_000,
        decisions=[
            (1, "pass", "2025-09-08", "Förstudie beviljas.", None),
            (2, "pass", "2026-02-16", "Förstudien godkänd: plattform från SKR:s ramavtal.", None),
        ],
        planned={3: -2, 4: 5, 5: 7, 6: 18},
        reports=[
            (
                "2026-10-15",
                R,
                G,
                Y,
                (
                    "Projektplanen är inte klar: beslutet om genomförande är försenat.",
                    "",
                    "Integrationen med ärendesystemet flyttas till en senare etapp.",
                ),
                "Väntar på besked om integration.",
                210_000,
                850_000,
            ),
        ],
        risks=[
            ("Leverantören hinner inte integrera ärendesystemet", 3, 3, "Etappindelning", False)
        ],
        effects=[("Kortare handläggningstid för bygglov", "Median i dagar", "högst 4 veckor")],
    ),
    Demo(
        "belysning_mantorp",
        "Trygghetsbelysning i Mantorp",
        "P2026-01",
        "stf_gata",
        "ks",
        "stf_chef",
        "stf_chef",
        "gata_chef",
        ["stf_chef"],
        "Belysning längs gång- och cykelvägar där invånare upplever otrygghet, enligt "
        "trygghetsvandringen 2025.",
        "2026-02-01",
        "2027-10-31",
        3_200_000,
        decisions=[(1, "pass", "2026-02-10", "Förstudie av sträckor och kostnad.", None)],
        planned={2: 2, 3: 4, 4: 10, 5: 11, 6: 23},
        reports=[
            ("2026-10-01", G, G, G, ("", "", ""), "Sju sträckor inventerade.", 120_000, 3_200_000)
        ],
        effects=[
            ("Tryggare gång- och cykelvägar", "Andel som känner sig trygga ute kvällstid", "75 %")
        ],
    ),
    Demo(
        "ifo_system",
        "Nytt verksamhetssystem för individ- och familjeomsorgen",
        "P2026-04",
        "osf_ifo",
        "osn",
        "forvaltningschef",
        "ifo_chef",
        None,
        ["forvaltningschef"],
        "Nuvarande system har nått slutet av sin livslängd. Idén: gemensam upphandling med "
        "grannkommunerna.",
        "2026-11-01",
        "2028-12-31",
        None,
        planned={1: 1, 2: 6, 3: 10, 4: 24, 5: 26, 6: 38},
    ),
    Demo(
        "kok_solgarden",
        "Ombyggnad av köket på Solgården",
        "P2024-07",
        "stf_fastighet",
        "osn",
        "stf_chef",
        "aldre_chef",
        "projektledare_bygg",
        ["stf_chef", "aldre_chef"],
        "Tillagningskök i stället för mottagningskök: mat lagad på plats för de boende.",
        "2024-05-01",
        "2026-12-31",
        7_800_000,
        decisions=[
            (1, "pass", "2024-05-13", "Förstudie.", None),
            (2, "pass", "2024-10-07", "Tillagningskök förordas.", None),
            (3, "pass", "2025-02-10", "Projektplan godkänd.", None),
            (4, "pass", "2026-09-28", "Köket är besiktigat och överlämnat till Kost.", None),
        ],
        planned={5: 1, 6: 12},
        reports=[
            (
                "2026-10-20",
                G,
                Y,
                G,
                ("", "Ventilationen blev 400 tkr dyrare än kalkylerat.", ""),
                "Köket i drift sedan oktober. Slutrapport skrivs.",
                8_150_000,
                8_200_000,
            ),
        ],
        risks=[("Garantifel i ventilationen", 1, 2, "Garantibesiktning", False)],
        effects=[("Nöjdare boende med maten", "Andel nöjda i brukarundersökningen", "90 %")],
    ),
    Demo(
        "roda_traden",
        "Införande av Röda tråden",
        "P2024-01",
        "ksf_utv",
        "ks",
        "bitr_kd",
        "segrell",
        "kvalitetsstrateg",
        ["bitr_kd", "ekonomichef", "forvaltningschef"],
        "Ett ledningssystem för hela den röda tråden i stället för kalkylark och "
        "dokument: mål, uppföljning, budget och internkontroll på ett ställe.",
        "2024-01-15",
        "2026-06-30",
        1_600_000,
        decisions=[
            (1, "pass", "2024-01-22", "Idén godkänns.", None),
            (
                2,
                "skip",
                "2024-03-12",
                "Förstudien ersätts av kravarbetet i kommunens digitaliseringsstrategi.",
                "ks_roda_traden",
            ),
            (3, "pass", "2024-06-03", "Projektplan med etapper godkänd.", None),
            (4, "pass", "2025-11-24", "Alla förvaltningar rapporterar i systemet.", None),
            (5, "pass", "2026-01-19", "Slutrapport godkänd; förvaltning i linjen.", None),
        ],
        planned={6: -1},
        reports=[
            (
                "2025-12-15",
                G,
                G,
                G,
                ("", "", ""),
                "Delårsrapporten 2025 togs fram i systemet.",
                1_540_000,
                1_600_000,
            ),
        ],
        effects=[
            ("Mindre tid på sammanställning", "Timmar per delårsrapport", "−50 %"),
            ("Uppföljningen når politiken i tid", "Andel rapporter inlämnade i tid", "100 %"),
        ],
    ),
    Demo(
        "raddning_samlokalisering",
        "Samlokalisering av räddningstjänsten",
        "P2025-03",
        "rtj",
        "ks",
        "segrell",
        "rtj_chef",
        "rtj_chef",
        ["segrell", "stf_chef"],
        "Gemensam station för räddningstjänsten i Mjölby och Mantorp.",
        "2025-03-01",
        "2025-12-31",
        400_000,
        decisions=[
            (1, "pass", "2025-03-10", "Förstudie av en gemensam station.", None),
            (
                2,
                "stop",
                "2025-10-20",
                "Förstudien visar att insatstiderna i Mantorp blir för långa. Projektet "
                "avbryts; frågan tas upp i nästa räddningstjänstplan.",
                None,
            ),
        ],
    ),
]

DECISIONS = {
    "ks_skola": ("ks", "2025-04-22", "71", "KS 2024:95", "Ny skola i Mantorp – genomförande"),
    "ks_roda_traden": (
        "ks",
        "2024-03-12",
        "52",
        "KS 2024:18",
        "Införande av ledningssystem – förstudie ersätts av kravarbete",
    ),
}


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _months(anchor: dt.date, months: int) -> dt.date:
    month = anchor.month - 1 + months
    return dt.date(anchor.year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _extra_people(context: DemoContext) -> dict[str, Person]:
    people: dict[str, Person] = dict(context["people"])
    units: dict[str, Unit] = context["units"]
    person = upsert(
        Person,
        {"municipality": context["municipality"], "first_name": "Karl", "last_name": "Widén"},
        title="Projektledare bygg",
        email="karl.widen@mjolby.example",
        is_illustrative=True,
    )
    upsert(
        Assignment,
        {"person": person, "unit": units["stf_fastighet"], "role": Assignment.Role.EMPLOYEE},
    )
    people["projektledare_bygg"] = person
    return people


def load(context: DemoContext) -> None:
    municipality = context["municipality"]
    bodies: dict[str, Body] = context["bodies"]
    units: dict[str, Unit] = context["units"]
    people = _extra_people(context)
    model = ProjectModel.objects.default_for(municipality)
    decisions = {
        key: upsert(
            Decision,
            {"body": bodies[body], "date": _date(date), "paragraph": paragraph},
            case_number=case_number,
            title=title,
            is_illustrative=True,
        )
        for key, (body, date, paragraph, case_number, title) in DECISIONS.items()
    }
    anchor = timezone.localdate().replace(day=1)
    projects: dict[str, Project] = {}
    for demo in PROJECTS:
        project = upsert(
            Project,
            {"municipality": municipality, "name": demo.name, "model": model},
            code=demo.code,
            purpose=demo.purpose,
            unit=units[demo.unit],
            body=bodies[demo.body] if demo.body else None,
            owner=people[demo.owner],
            sponsor=people[demo.sponsor] if demo.sponsor else None,
            manager=people[demo.manager] if demo.manager else None,
            start_date=_date(demo.start),
            end_date=_date(demo.end),
            budget=Decimal(demo.budget) if demo.budget is not None else None,
            investment_code=INVESTMENT_CODES.get(demo.key, ""),
            is_illustrative=True,
        )
        projects[demo.key] = project
        for key in demo.steering:
            upsert(SteeringGroupMember, {"project": project, "person": people[key]})
        _decide(project, demo, decisions, people)
        _plan(project, demo, anchor)
        _parts(project, demo, people)
    context["projects"] = projects


def _decide(
    project: Project, demo: Demo, decisions: dict[str, Decision], people: dict[str, Person]
) -> None:
    for order, outcome, day, text, decision_key in demo.decisions:
        gate = Tollgate.objects.get(project=project, order=order)
        if not gate.is_pending:
            continue
        action = {"pass": gate.pass_gate, "skip": gate.skip, "stop": gate.stop}[outcome]
        action(
            by=people[demo.owner],
            on=_date(day),
            text=text,
            decision=decisions[decision_key] if decision_key else None,
        )


def _plan(project: Project, demo: Demo, anchor: dt.date) -> None:
    for gate in Tollgate.objects.filter(project=project):
        wanted: dt.date | None
        if gate.order in demo.planned:
            wanted = _months(anchor, demo.planned[gate.order])
        elif not gate.is_pending:
            wanted = gate.decided_on  # decided on the day it was planned
        else:
            continue
        if gate.planned_date != wanted:
            gate.planned_date = wanted
            gate.save()


def _parts(project: Project, demo: Demo, people: dict[str, Person]) -> None:
    manager = people[demo.manager] if demo.manager else people[demo.owner]
    for day, time, cost, scope, comments, summary, to_date, forecast in demo.reports:
        upsert(
            StatusReport,
            {"project": project, "reported_on": _date(day)},
            time_status=time,
            cost_status=cost,
            scope_status=scope,
            time_comment=comments[0],
            cost_comment=comments[1],
            scope_comment=comments[2],
            summary=summary,
            cost_to_date=Decimal(to_date),
            forecast=Decimal(forecast),
            reported_by=manager,
        )
    for title, probability, consequence, mitigation, closed in demo.risks:
        upsert(
            ProjectRisk,
            {"project": project, "title": title},
            probability=probability,
            consequence=consequence,
            mitigation=mitigation,
            owner=manager,
            is_closed=closed,
        )
    for description, measure, target in demo.effects:
        upsert(
            EffectGoal,
            {"project": project, "description": description},
            measure=measure,
            target=target,
        )
