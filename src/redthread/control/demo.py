"""Internal control in the Mjölby demo, 2026: risks, plans, the common points, the delår.

From the seed (2.5): every nämnd assesses its risks and decides an internkontrollplan in
January; kommunstyrelsen decides two common control points; the förvaltning reports to the
nämnd, the nämnd to KS. The content (risks, points, results, people) is invented and
marked illustrative. Byggnadsnämnden decided its plan in February: late. The first
reporting (delår 2026) has results, a few deviations with actions, and reports on their way
to kommunstyrelsen. Running the loader twice gives the same data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from redthread.control.models import (
    Action,
    ActionFollowUp,
    AuditReport,
    CommonControlPoint,
    ControlPlan,
    ControlPoint,
    ControlReport,
    ControlResult,
    ControlSettings,
    Deviation,
    Recommendation,
    Risk,
    RiskAssessment,
    report_periods_for,
)
from redthread.core.demo_tools import DemoContext, set_m2m, upsert
from redthread.cycle.models import ReportingPeriod
from redthread.organisation.models import Body, Decision, Person

YEAR = 2026
D = dt.date
H = RiskAssessment.Handling

# body key: (plan decision date, §, dnr)
PLAN_DECISIONS = {
    "ks": (D(2026, 1, 26), "12", "KS 2025:398"),
    "vn": (D(2026, 1, 20), "3", "VN 2026:2"),
    "osn": (D(2026, 1, 28), "5", "OSN 2026:12"),
    "un": (D(2026, 1, 21), "7", "UN 2026:9"),
    "kfn": (D(2026, 1, 22), "4", "KFN 2026:5"),
    "bn": (D(2026, 2, 19), "15", "BN 2026:31"),  # decided after 31 January: late
    "mhn": (D(2026, 1, 29), "6", "MHN 2026:8"),
}

COMMON = [
    (
        "Avtalstrohet vid inköp",
        "Att inköp görs hos leverantörer som kommunen har avtal med.",
        "Stickprov på 20 leverantörsfakturor per nämnd och halvår, kontrollerade mot "
        "avtalskatalogen.",
    ),
    (
        "Anmälan av delegationsbeslut",
        "Att beslut som fattas med stöd av delegation anmäls till nämnden enligt "
        "delegationsordningen.",
        "Jämförelse av beslut i verksamhetssystemen med nämndens protokoll för två månader "
        "per halvår.",
    ),
]

# body, title, process, category, (p, c) 2026, (p, c) 2025 or None, handling, reason
RISKS: list[tuple[str, str, str, str, tuple[int, int], tuple[int, int] | None, str, str]] = [
    (
        "ks",
        "Intrång i IT-system vid cyberangrepp",
        "IT-drift och informationssäkerhet",
        "it",
        (3, 4),
        (3, 3),
        H.PLAN,
        "",
    ),
    ("ks", "Felaktig löneutbetalning", "Lönehantering", "operations", (2, 3), None, H.PLAN, ""),
    (
        "ks",
        "Direktupphandling utan konkurrens",
        "Direktupphandling",
        "legal",
        (3, 3),
        None,
        H.OTHER_ACTIONS,
        "Hanteras genom det gemensamma kontrollmomentet om avtalstrohet och utbildning i upphandling.",
    ),
    (
        "ks",
        "Försenad årsredovisning",
        "Bokslut och årsredovisning",
        "reporting",
        (1, 3),
        (1, 3),
        H.ACCEPTED,
        "Rutinen är väl inarbetad och tidplanen har hållits de senaste åren.",
    ),
    (
        "vn",
        "Fel i röstlängd eller bemanning av vallokaler",
        "Förberedelse av de allmänna valen 2026",
        "operations",
        (2, 4),
        None,
        H.PLAN,
        "",
    ),
    (
        "vn",
        "Hot mot valets genomförande",
        "Valdagen och förtidsröstning",
        "external",
        (2, 4),
        None,
        H.OTHER_ACTIONS,
        "Hanteras i samverkan med Polisen och Länsstyrelsen enligt säkerhetsplanen för valet.",
    ),
    (
        "osn",
        "Felaktiga utbetalningar av försörjningsstöd",
        "Handläggning av försörjningsstöd",
        "operations",
        (3, 3),
        (3, 4),
        H.PLAN,
        "",
    ),
    (
        "osn",
        "Genomförandeplaner i hemtjänsten uppdateras inte",
        "Social dokumentation i hemtjänst",
        "legal",
        (3, 2),
        (3, 2),
        H.PLAN,
        "",
    ),
    (
        "osn",
        "Fel i läkemedelshantering på särskilt boende",
        "Läkemedelshantering",
        "operations",
        (2, 4),
        None,
        H.OTHER_ACTIONS,
        "Hanteras genom den medicinskt ansvariga sjuksköterskans egenkontroller och avvikelsesystemet.",
    ),
    (
        "osn",
        "Sen skyddsbedömning vid orosanmälan",
        "Mottagning av orosanmälningar om barn",
        "legal",
        (2, 4),
        None,
        H.PLAN,
        "",
    ),
    (
        "un",
        "Upprepad frånvaro uppmärksammas inte",
        "Frånvarohantering i grundskolan",
        "operations",
        (3, 3),
        None,
        H.PLAN,
        "",
    ),
    (
        "un",
        "Kränkande behandling anmäls inte till huvudmannen",
        "Anmälan om kränkande behandling",
        "legal",
        (2, 4),
        None,
        H.PLAN,
        "",
    ),
    (
        "un",
        "Felaktiga beslut om skolskjuts",
        "Skolskjuts",
        "legal",
        (2, 2),
        None,
        H.ACCEPTED,
        "Få ärenden och beslut kan överklagas; risken bedöms låg.",
    ),
    (
        "kfn",
        "Föreningsbidrag betalas ut utan underlag",
        "Föreningsbidrag",
        "operations",
        (2, 3),
        None,
        H.PLAN,
        "",
    ),
    (
        "kfn",
        "Svinn i kontanthanteringen i simhallen",
        "Kassahantering",
        "reporting",
        (2, 2),
        (2, 2),
        H.ACCEPTED,
        "Små belopp och dagliga kassaavstämningar.",
    ),
    (
        "bn",
        "Handläggningstiden för bygglov överskrids",
        "Bygglovshandläggning",
        "legal",
        (3, 3),
        (4, 3),
        H.PLAN,
        "",
    ),
    (
        "bn",
        "Felaktig debitering av bygglovsavgifter",
        "Avgiftsdebitering",
        "reporting",
        (2, 2),
        None,
        H.ACCEPTED,
        "Avgifterna beräknas i ärendesystemet enligt taxan.",
    ),
    (
        "mhn",
        "Tillsynsplanen för livsmedelskontroll genomförs inte",
        "Livsmedelskontroll",
        "legal",
        (2, 3),
        None,
        H.PLAN,
        "",
    ),
    (
        "mhn",
        "Jäv vid tillsyn",
        "Tillsyn och myndighetsutövning",
        "legal",
        (1, 4),
        None,
        H.ACCEPTED,
        "Jävsfrågan tas upp vid varje ärendefördelning.",
    ),
]

# body, title, risk title, method, frequency, responsible, periods (kinds)
POINTS = [
    (
        "ks",
        "Behörigheter i ekonomi- och lönesystemen",
        "Intrång i IT-system vid cyberangrepp",
        "Genomgång av behörighetslistor mot aktuella anställningar.",
        "half_yearly",
        "itchef",
        ("interim", "annual"),
    ),
    (
        "ks",
        "Avstämning av lönekörningen",
        "Felaktig löneutbetalning",
        "Avstämning av lönekörning mot attesterade underlag, 25 stickprov.",
        "quarterly",
        "personalchef",
        ("interim", "annual"),
    ),
    (
        "vn",
        "Röstlängd och bemanning av vallokaler",
        "Fel i röstlängd eller bemanning av vallokaler",
        "Avstämning av röstlängden mot Valmyndighetens underlag och av att varje vallokal har utbildade röstmottagare.",
        "yearly",
        "bitr_kd",
        ("interim",),
    ),
    (
        "osn",
        "Beslut och utbetalning av försörjningsstöd",
        "Felaktiga utbetalningar av försörjningsstöd",
        "Stickprov på 20 ärenden per halvår: beslutet finns, beräkningen stämmer och utbetalningen motsvarar beslutet.",
        "half_yearly",
        "ifo_chef",
        ("interim", "annual"),
    ),
    (
        "osn",
        "Genomförandeplaner i hemtjänsten",
        "Genomförandeplaner i hemtjänsten uppdateras inte",
        "Granskning av 15 slumpvis valda brukares dokumentation per halvår.",
        "half_yearly",
        "aldre_chef",
        ("interim", "annual"),
    ),
    (
        "osn",
        "Skyddsbedömning inom 24 timmar",
        "Sen skyddsbedömning vid orosanmälan",
        "Uttag ur verksamhetssystemet: andel orosanmälningar med skyddsbedömning inom 24 timmar.",
        "half_yearly",
        "ifo_chef",
        ("interim", "annual"),
    ),
    (
        "un",
        "Frånvarorapportering och kontakt med vårdnadshavare",
        "Upprepad frånvaro uppmärksammas inte",
        "Kontroll på tre skolor per halvår att frånvaro rapporteras samma dag och att vårdnadshavare kontaktas.",
        "half_yearly",
        "uf_chef",
        ("interim", "annual"),
    ),
    (
        "un",
        "Anmälningar om kränkande behandling",
        "Kränkande behandling anmäls inte till huvudmannen",
        "Jämförelse av skolornas incidentrapporter med anmälningarna till huvudmannen.",
        "half_yearly",
        "hagaskolan_rektor",
        ("interim", "annual"),
    ),
    (
        "kfn",
        "Föreningsbidrag enligt regelverket",
        "Föreningsbidrag betalas ut utan underlag",
        "Stickprov på 10 beviljade bidrag mot ansökan och regelverk.",
        "half_yearly",
        "kff_chef",
        ("interim", "annual"),
    ),
    (
        "bn",
        "Handläggningstider för bygglov",
        "Handläggningstiden för bygglov överskrids",
        "Uttag ur ärendesystemet: andel beslut inom tio veckor från komplett ansökan.",
        "half_yearly",
        "bk_chef",
        ("interim", "annual"),
    ),
    (
        "mhn",
        "Uppföljning av tillsynsplanen",
        "Tillsynsplanen för livsmedelskontroll genomförs inte",
        "Jämförelse av genomförda kontroller med tillsynsplanen.",
        "half_yearly",
        "mk_chef",
        ("interim", "annual"),
    ),
]

# Who checks the common points in each nämnd's förvaltning.
COMMON_CHECKERS = {
    "ks": "ekonomichef",
    "vn": "bitr_kd",
    "osn": "forvaltningschef",
    "un": "uf_chef",
    "kfn": "kff_chef",
    "bn": "bk_chef",
    "mhn": "mk_chef",
}

# Delår results for own points that are not simply "done, no deviations".
# point title: (checked on, findings, deviation or None, action or None)
FINDINGS: dict[str, tuple[str, tuple[str, int] | None, tuple[Any, ...] | None]] = {
    "Beslut och utbetalning av försörjningsstöd": (
        "20 ärenden granskade. I två ärenden var normen för boendekostnad felberäknad.",
        (
            "Två av tjugo utbetalningar var felberäknade (för högt belopp i ett fall, för lågt i ett).",
            2,
        ),
        (
            "Dubbelkontroll av beräkningar över 15 000 kr",
            "ifo_chef",
            D(2026, 10, 31),
            Action.Status.IN_PROGRESS,
            [
                (
                    D(2026, 10, 12),
                    Action.Status.IN_PROGRESS,
                    "Rutinen är framtagen och testas i en arbetsgrupp.",
                )
            ],
        ),
    ),
    "Genomförandeplaner i hemtjänsten": (
        "15 brukares dokumentation granskad. Fyra genomförandeplaner var äldre än sex månader.",
        ("Fyra av femton genomförandeplaner var inte uppdaterade inom sex månader.", 2),
        (
            "Genomgång av genomförandeplaner på arbetsplatsträffar",
            "enhetschef",
            D(2026, 12, 15),
            Action.Status.PLANNED,
            [],
        ),
    ),
    "Frånvarorapportering och kontakt med vårdnadshavare": (
        "Tre skolor granskade. På en skola kontaktades inte vårdnadshavare vid upprepad frånvaro.",
        ("Vårdnadshavare kontaktades inte vid upprepad frånvaro för fem elever på en skola.", 3),
        (
            "Rutin för frånvarouppföljning med ansvarig per klass",
            "hagaskolan_rektor",
            D(2026, 12, 31),
            Action.Status.IN_PROGRESS,
            [
                (
                    D(2026, 10, 20),
                    Action.Status.IN_PROGRESS,
                    "Rutinen är beslutad i skolans ledningsgrupp; införs efter höstlovet.",
                )
            ],
        ),
    ),
    "Handläggningstider för bygglov": (
        "71 procent av besluten fattades inom tio veckor; målet är 90 procent.",
        ("Handläggningstiden överskreds i 29 procent av ärendena.", 2),
        (
            "Förstärkt bemanning och veckovis uppföljning av ärendebalansen",
            "bk_chef",
            D(2027, 3, 31),
            Action.Status.PLANNED,
            [],
        ),
    ),
}

# Common point results with deviations: (body, common title) -> deviation, action
COMMON_FINDINGS = {
    ("ks", "Avtalstrohet vid inköp"): (
        ("Tre av tjugo inköp gjordes utan avtal.", 1),
        (
            "Information till beställare om avtalskatalogen",
            "ekonomichef",
            D(2026, 10, 15),
            Action.Status.DONE,
            [
                (
                    D(2026, 10, 9),
                    Action.Status.DONE,
                    "Information är skickad till alla beställare och finns på intranätet.",
                )
            ],
        ),
    ),
}

# The delår report's way: body -> (stage, submitted on, nämnd decision (date, §) or None)
REPORTS = {
    "ks": ("to_ks", D(2026, 9, 28), (D(2026, 10, 19), "160")),
    "vn": ("to_ks", D(2026, 9, 21), (D(2026, 10, 5), "21")),
    "osn": ("to_ks", D(2026, 9, 15), (D(2026, 9, 24), "98")),
    "un": ("to_ks", D(2026, 9, 30), (D(2026, 10, 14), "77")),
    "kfn": ("to_body", D(2026, 10, 10), None),
    "bn": ("draft", None, None),
    "mhn": ("to_ks", D(2026, 9, 29), (D(2026, 10, 8), "55")),
}


def load(context: DemoContext) -> None:
    municipality = context["municipality"]
    bodies: dict[str, Body] = context["bodies"]
    people: dict[str, Person] = context["people"]
    upsert(ControlSettings, {"municipality": municipality})
    periods = {p.kind: p for p in report_periods_for(municipality, YEAR)}

    ks_decision = upsert(
        Decision,
        {"body": bodies["ks"], "date": D(2025, 11, 24), "paragraph": "187"},
        case_number="KS 2025:412",
        title="Gemensamma kontrollmoment för internkontroll 2026",
        is_illustrative=True,
    )
    commons = {}
    for order, (title, description, method) in enumerate(COMMON, start=1):
        commons[title] = upsert(
            CommonControlPoint,
            {"municipality": municipality, "year": YEAR, "title": title},
            description=description,
            method=method,
            decision=ks_decision,
            order=order,
            is_illustrative=True,
        )
        commons[title].distribute()

    plans: dict[str, ControlPlan] = {}
    for key, (date, paragraph, case_number) in PLAN_DECISIONS.items():
        decision = upsert(
            Decision,
            {"body": bodies[key], "date": date, "paragraph": paragraph},
            case_number=case_number,
            title=f"Internkontrollplan {YEAR}",
            is_illustrative=True,
        )
        plans[key] = upsert(
            ControlPlan,
            {"body": bodies[key], "year": YEAR},
            decision=decision,
            is_illustrative=True,
        )

    risks = _risks(bodies)
    for key, title, risk_title, method, frequency, responsible, kinds in POINTS:
        point = upsert(
            ControlPoint,
            {"plan": plans[key], "title": title},
            risk=risks[risk_title],
            method=method,
            frequency=frequency,
            responsible=people[responsible],
        )
        set_m2m(point, "report_periods", [periods[k] for k in kinds])
    for key, person in COMMON_CHECKERS.items():
        for point in plans[key].points.filter(common_source__isnull=False):
            upsert(ControlPoint, {"pk": point.pk}, responsible=people[person])

    _delar(plans, people, periods["interim"])
    _reports(plans, bodies, periods["interim"])
    _audit(context, bodies, people)
    context.log.append(
        f"Internal control {YEAR}: {len(plans)} plans, {len(risks)} risks, "
        f"{len(COMMON)} common control points."
    )


def _risks(bodies: dict[str, Body]) -> dict[str, Risk]:
    risks: dict[str, Risk] = {}
    for key, title, process, category, now, before, handling, reason in RISKS:
        risk = upsert(
            Risk,
            {"body": bodies[key], "title": title},
            process=process,
            category=category,
            is_illustrative=True,
        )
        risks[title] = risk
        upsert(
            RiskAssessment,
            {"risk": risk, "year": YEAR},
            probability=now[0],
            consequence=now[1],
            handling=handling,
            handling_reason=reason,
            assessed_on=D(2025, 11, 15),
        )
        if before is not None:
            upsert(
                RiskAssessment,
                {"risk": risk, "year": YEAR - 1},
                probability=before[0],
                consequence=before[1],
                handling=H.PLAN,
                assessed_on=D(2024, 11, 14),
            )
    return risks


def _delar(
    plans: dict[str, ControlPlan], people: dict[str, Person], period: ReportingPeriod
) -> None:
    """The first reporting of 2026: every point reported at delår except KFN's own."""
    for key, plan in plans.items():
        for point in plan.points.select_related("common_source", "responsible"):
            if key == "kfn" and not point.is_common:
                continue  # not reported yet: shows as missing
            common_title = point.common_source.title if point.common_source else ""
            own = FINDINGS.get(point.title)
            common = COMMON_FINDINGS.get((key, common_title))
            findings = own[0] if own else "Kontrollen är genomförd enligt planen utan anmärkning."
            result = upsert(
                ControlResult,
                {"point": point, "period": period},
                checked_by=point.responsible or people[COMMON_CHECKERS[key]],
                checked_on=D(2026, 9, 8),
                outcome=ControlResult.Outcome.DONE,
                findings=findings if not common else "Stickprov på 20 inköp.",
            )
            found = own[1:] if own else common
            if found and found[0]:
                (text, severity), action = found[0], found[1]
                deviation = upsert(
                    Deviation, {"result": result, "description": text}, severity=severity
                )
                if action:
                    _action(deviation, plan.body, people, action)


def _action(
    deviation: Deviation, body: Body, people: dict[str, Person], spec: tuple[Any, ...]
) -> None:
    title, owner, due, status, follow_ups = spec
    last_done = max((d for d, s, _c in follow_ups if s == Action.Status.DONE), default=None)
    action = upsert(
        Action,
        {"deviation": deviation, "title": title},
        body=body,
        owner=people[owner],
        due_on=due,
        status=status,
        done_on=last_done,
    )
    for written_on, state, comment in follow_ups:
        upsert(
            ActionFollowUp,
            {"action": action, "written_on": written_on},
            status=state,
            comment=comment,
            author=people[owner],
        )


def _reports(
    plans: dict[str, ControlPlan], bodies: dict[str, Body], period: ReportingPeriod
) -> None:
    for key, (stage, submitted, decided) in REPORTS.items():
        decision = None
        if decided is not None:
            decision = upsert(
                Decision,
                {"body": bodies[key], "date": decided[0], "paragraph": decided[1]},
                title=f"Uppföljning av internkontrollplan {YEAR}, delår",
                is_illustrative=True,
            )
        upsert(
            ControlReport,
            {"plan": plans[key], "period": period},
            stage=stage,
            summary="Kontrollerna för delåret är genomförda. Avvikelser och åtgärder redovisas "
            "per kontrollmoment.",
            submitted_on=submitted,
            body_decision=decision,
            reported_on=decided[0] if decided else None,
        )


def _audit(context: DemoContext, bodies: dict[str, Body], people: dict[str, Person]) -> None:
    """Last year's audit of internal control, and what KS and OSN did about it."""
    report = upsert(
        AuditReport,
        {
            "municipality": context["municipality"],
            "title": "Granskning av nämndernas internkontroll 2025",
        },
        issued_on=D(2026, 3, 12),
        case_number="KS 2026:88",
        auditor="De förtroendevalda revisorerna med sakkunnigt biträde",
        summary="Revisorerna har granskat om nämnderna har en tillräcklig intern kontroll. "
        "Bedömningen är att arbetet i huvudsak fungerar men att riskanalyserna behöver "
        "dokumenteras bättre och att planerna ska beslutas i tid.",
        answer_due_on=D(2026, 6, 15),
        is_illustrative=True,
    )
    ks_rec = upsert(
        Recommendation,
        {"report": report, "order": 1},
        body=bodies["ks"],
        text="Säkerställ att samtliga nämnder beslutar sin internkontrollplan senast i januari.",
        answer="Kommunstyrelsen påminner nämnderna i november och följer upp besluten i februari.",
        answered_on=D(2026, 5, 25),
    )
    upsert(
        Action,
        {"recommendation": ks_rec, "title": "Påminnelse och uppföljning av nämndernas planbeslut"},
        body=bodies["ks"],
        owner=people["kvalitetsstrateg"],
        due_on=D(2027, 2, 28),
        status=Action.Status.IN_PROGRESS,
    )
    osn_rec = upsert(
        Recommendation,
        {"report": report, "order": 2},
        body=bodies["osn"],
        text="Dokumentera riskbedömningen så att det framgår varför risker accepteras eller "
        "hanteras på annat sätt.",
        answer="Nämnden anger från 2026 skälet för varje risk som inte tas in i planen.",
        answered_on=D(2026, 5, 20),
        answer_decision=upsert(
            Decision,
            {"body": bodies["osn"], "date": D(2026, 5, 20), "paragraph": "61"},
            title="Svar på revisionens granskning av internkontroll",
            is_illustrative=True,
        ),
    )
    action = upsert(
        Action,
        {"recommendation": osn_rec, "title": "Skäl för hantering i riskanalysen"},
        body=bodies["osn"],
        owner=people["forvaltningschef"],
        due_on=D(2026, 9, 30),
        status=Action.Status.DONE,
        done_on=D(2026, 9, 1),
    )
    upsert(
        ActionFollowUp,
        {"action": action, "written_on": D(2026, 9, 1)},
        status=Action.Status.DONE,
        comment="Riskanalysen 2026 anger skäl för varje accepterad risk.",
        author=people["forvaltningschef"],
    )
