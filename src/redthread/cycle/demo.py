"""The Mjölby årshjul for 2025-2027, two dialogues and the omvärldsanalys they start from.

The steps and their rules are the seed's (see ``defaults``). The states follow the day the
demo is loaded: what ended before it is done, except what the nämnder and förvaltningar
owe from the last month (late, as in real life). The dialogues, their notes and actions,
and the omvärldsanalys are invented for the demo and marked illustrative.

Reporting periods are created for the three years but left *planned*: the goal chain's
demo, which runs after this one, opens and closes them as its follow-ups need.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from redthread.core.demo_tools import DemoContext, set_m2m, upsert
from redthread.cycle.generation import ensure_calendar, ensure_cycle, ensure_periods
from redthread.cycle.models import (
    CycleEvent,
    CycleStep,
    Dialogue,
    DialogueAction,
    DialogueMaterial,
    EnvironmentScan,
    ScanItem,
    ScanSource,
)
from redthread.cycle.schedule import Responsible
from redthread.cycle.tasks import schedule_next_run

YEARS = (2025, 2026, 2027)
LATE_WINDOW = dt.timedelta(days=30)
OWING = {Responsible.COMMITTEES, Responsible.ADMINISTRATIONS}

# key, kind, area, title, description, source keys
SCAN_ITEMS: list[tuple[str, str, str, str, str, list[str]]] = [
    (
        "aldre",
        ScanItem.Kind.TREND,
        ScanItem.Area.SOCIAL,
        "Fler äldre, färre i arbetsför ålder",
        "Antalet invånare över 80 år ökar snabbt under 2030-talet medan gruppen 20–64 år "
        "växer långsamt. Efterfrågan på hemtjänst och särskilt boende ökar.",
        ["befolkning"],
    ),
    (
        "digital",
        ScanItem.Kind.TREND,
        ScanItem.Area.TECHNOLOGICAL,
        "Digitalisering och AI i välfärden",
        "Digitala tjänster, välfärdsteknik och AI-stöd förändrar hur service ges och hur "
        "handläggning går till.",
        [],
    ),
    (
        "klimat",
        ScanItem.Kind.TREND,
        ScanItem.Area.ENVIRONMENTAL,
        "Klimatanpassning av den byggda miljön",
        "Skyfall och värmeböljor ställer krav på dagvattenhantering, grönytor och lokaler.",
        ["lansstyrelsen"],
    ),
    (
        "kompetens",
        ScanItem.Kind.RISK,
        ScanItem.Area.SOCIAL,
        "Kompetensförsörjning i vård, omsorg och skola",
        "Svårt att rekrytera undersköterskor, sjuksköterskor och legitimerade lärare.",
        ["befolkning"],
    ),
    (
        "ekonomi",
        ScanItem.Kind.RISK,
        ScanItem.Area.ECONOMIC,
        "Kostnader som växer snabbare än skatteintäkterna",
        "Pensionskostnader, prisökningar och demografiskt tryck minskar utrymmet i budgeten.",
        ["ekonomi"],
    ),
    (
        "lage",
        ScanItem.Kind.OPPORTUNITY,
        ScanItem.Area.ECONOMIC,
        "Läget längs stambanan",
        "Närheten till Linköping och storstadens utbud gör Mjölby och Mantorp attraktiva för "
        "inflyttning och etableringar.",
        [],
    ),
]
SOURCES = {
    "befolkning": ("Befolkningsprognos för Mjölby kommun 2025–2035", "Kommunens statistik", 2025),
    "ekonomi": ("Ekonomirapporten, hösten 2025", "Sveriges Kommuner och Regioner", 2025),
    "lansstyrelsen": ("Klimat- och sårbarhetsanalys", "Länsstyrelsen Östergötland", 2024),
}


def load(context: DemoContext) -> None:
    municipality = context["municipality"]
    people = context["people"]
    cycle = ensure_cycle(municipality)
    upsert(type(cycle), {"pk": cycle.pk}, decision=context["decision_ledningssystem"])
    upsert(CycleStep, {"cycle": cycle, "key": "omvarldsdialog"}, owner=people["bitr_kd"])
    for year in YEARS:
        ensure_calendar(municipality, year)
        ensure_periods(municipality, year)
    _states(cycle)
    scan = _environment_scan(municipality, context)
    _dialogues(municipality, context, cycle, scan)
    context["environment_scan"] = scan
    schedule_next_run()


def _states(cycle: Any) -> None:
    today = timezone.localdate()
    events = CycleEvent.objects.filter(step__cycle=cycle).select_related("step")
    for event in events:
        wanted: dt.date | None = None
        if event.ends_on < today:
            owed = event.step.responsible in OWING and today - event.ends_on <= LATE_WINDOW
            wanted = None if owed else event.ends_on
        if event.completed_on != wanted:
            event.completed_on = wanted
            event.save()


def _environment_scan(municipality: Any, context: DemoContext) -> EnvironmentScan:
    scan = upsert(
        EnvironmentScan,
        {"municipality": municipality, "title": "Omvärldsanalys 2025"},
        year=2025,
        status=EnvironmentScan.Status.PUBLISHED,
        published_on=dt.date(2025, 10, 20),
        summary="Analysen beskriver de trender, risker och möjligheter som påverkar Mjölby "
        "kommun de kommande åren. Den är underlag till omvärldsdialogen inför mål och budget "
        "2027 och till nämndernas översyn av sina åtaganden.",
        is_illustrative=True,
    )
    sources = {
        key: upsert(
            ScanSource,
            {"scan": scan, "title": title},
            publisher=publisher,
            published_year=year,
        )
        for key, (title, publisher, year) in SOURCES.items()
    }
    for order, (_key, kind, area, title, description, source_keys) in enumerate(SCAN_ITEMS):
        item = upsert(
            ScanItem,
            {"scan": scan, "title": title},
            kind=kind,
            area=area,
            description=description,
            order=order,
        )
        set_m2m(item, "sources", [sources[k] for k in source_keys])
    upsert(
        EnvironmentScan,
        {"municipality": municipality, "title": "Omvärldsanalys 2026"},
        year=2026,
        status=EnvironmentScan.Status.DRAFT,
        summary="Utkast inför omvärldsdialogen i januari 2027, efter mandatskiftet.",
        is_illustrative=True,
    )
    return scan


def _event(cycle: Any, key: str, subject_year: int) -> CycleEvent | None:
    return CycleEvent.objects.filter(
        step__cycle=cycle, step__key=key, subject_year=subject_year
    ).first()


def _dialogues(municipality: Any, context: DemoContext, cycle: Any, scan: EnvironmentScan) -> None:
    bodies, units, people = context["bodies"], context["units"], context["people"]
    committees = [bodies[k] for k in ("osn", "un", "kfn", "bn", "mhn")]
    administrations = [units[k] for k in ("ksf", "osf", "uf", "kff", "stf")]

    environment = upsert(
        Dialogue,
        {"municipality": municipality, "title": "Omvärldsdialog inför mål och budget 2027"},
        kind=Dialogue.Kind.ENVIRONMENT,
        held_on=dt.date(2025, 11, 13),
        starts_at=dt.time(13, 0),
        ends_at=dt.time(16, 30),
        place="Stadshuset, Mjölby",
        event=_event(cycle, "omvarldsdialog", 2027),
        environment_scan=scan,
        agenda="1. Omvärldsanalys 2025: trender, risker och möjligheter\n"
        "2. Gruppdialog: vad betyder det för våra kommunmål?\n"
        "3. Prioriteringar inför kommunstyrelsens beredning i april",
        notes="Stor samsyn om att kompetensförsörjningen är den största risken. Grupperna "
        "lyfte behovet av att följa upp effekterna av digitala tjänster i hemtjänsten.",
        is_illustrative=True,
    )
    set_m2m(environment, "bodies", [bodies["ks"], bodies["rev"]])
    set_m2m(environment, "presidia", committees)
    set_m2m(environment, "units", administrations)
    upsert(
        DialogueMaterial,
        {"dialogue": environment, "title": "Omvärldsanalys 2025"},
        url=scan.get_absolute_url(),
    )
    _action(
        environment,
        "Sammanställ gruppernas prioriteringar till kommunstyrelsens beredning",
        people["kvalitetsstrateg"],
        dt.date(2026, 1, 31),
        done=dt.date(2026, 1, 28),
    )
    _action(
        environment,
        "Ta fram en kommungemensam plan för kompetensförsörjning",
        people["personalchef"],
        dt.date(2026, 6, 30),
        done=dt.date(2026, 6, 12),
    )

    results = upsert(
        Dialogue,
        {"municipality": municipality, "title": "Mål- och resultatdialog 2025"},
        kind=Dialogue.Kind.GOALS_AND_RESULTS,
        held_on=dt.date(2026, 3, 12),
        starts_at=dt.time(9, 0),
        ends_at=dt.time(15, 0),
        place="Stadshuset, Mjölby",
        event=_event(cycle, "mal_och_resultatdialog", 2025),
        environment_scan=scan,
        agenda="1. Årets resultat 2025: ekonomi och verksamhet\n"
        "2. Kommunmålen: vad gick bra, vad gick mindre bra\n"
        "3. Nämndernas åtaganden i korthet\n"
        "4. Medskick till prioriteringsarbetet",
        notes="Resultatet för 2025 var positivt men nettokostnaderna inom äldreomsorgen ökade "
        "mer än budgeterat. Revisionen efterfrågade tydligare analys av avvikelser i "
        "delårsrapporten.",
        is_illustrative=True,
    )
    set_m2m(results, "bodies", [bodies["ks"], bodies["rev"]])
    set_m2m(results, "presidia", committees)
    set_m2m(results, "units", administrations)
    _action(
        results,
        "Analysera kostnadsökningen i hemtjänsten och redovisa åtgärder för nämnden",
        people["forvaltningschef"],
        dt.date(2026, 12, 15),
    )
    _action(
        results,
        "Utveckla analysavsnitten i delårsrapportens mall",
        people["ekonomichef"],
        dt.date(2026, 8, 31),
        done=dt.date(2026, 8, 20),
    )


def _action(
    dialogue: Dialogue,
    description: str,
    owner: Any,
    due_on: dt.date,
    done: dt.date | None = None,
) -> None:
    upsert(
        DialogueAction,
        {"dialogue": dialogue, "description": description},
        owner=owner,
        due_on=due_on,
        done_on=done if done and done <= timezone.localdate() else None,
    )
