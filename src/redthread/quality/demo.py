"""The quality demo: the seed's värdegrund, five kvalitetsdeklarationer with promises followed
by mått, ten processes, twenty förbättringsförslag across the wheel, survey results for two
rounds of the medarbetarenkät and the medborgarundersökning, the årsplan för
kundundersökningar, and omsorgs- och socialnämndens kvalitetsredovisning 2025.

Runs after organisation, goals and control (their data is linked to). Everything invented
is marked ``is_illustrative``; the värdegrund is the seed's own.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from redthread.control.models import Risk
from redthread.core.demo_tools import DemoContext, set_m2m, upsert
from redthread.cycle.models import ReportingPeriod, month_end
from redthread.goals import demo_data as goals_data
from redthread.goals.models import (
    Activity,
    Actual,
    Commitment,
    Indicator,
    Measure,
    MunicipalGoal,
    Target,
)
from redthread.organisation.models import Body, Decision, Municipality, Person, Unit
from redthread.quality import demo_data as data
from redthread.quality.models import (
    TRANSITIONS,
    CoreValue,
    DeclarationVersion,
    ImprovementProposal,
    Process,
    ProcessStep,
    ProposalEvent,
    QualityReport,
    ServiceDeclaration,
    ServicePromise,
    Stage,
    Survey,
    SurveyIndex,
    SurveyKind,
)
from redthread.quality.survey_import import Row, save

PATHS = {
    "new": [],
    "plan": ["accept"],
    "do": ["accept", "carry_out"],
    "check": ["accept", "carry_out", "evaluate"],
    "act": ["accept", "carry_out", "evaluate", "improve"],
    "done": ["accept", "carry_out", "evaluate", "improve", "adopt"],
    "rejected": ["reject"],
}
UNIT_MANAGERS = {
    "osf_hemtjanst_norr": "enhetschef",
    "osf_hemtjanst_soder": "hemtjanst_soder_chef",
    "osf_hemtjanst_mantorp": "hemtjanst_mantorp_chef",
    "osf_sabo": "aldre_chef",
    "kff_bibliotek": "kff_chef",
    "stf_kost": "stf_chef",
    "bk": "bk_chef",
    "uf_forskola": "uf_chef",
    "ksf_kc": "segrell",
}


def load(context: DemoContext) -> None:
    municipality: Municipality = context["municipality"]
    bodies: dict[str, Body] = context["bodies"]
    units: dict[str, Unit] = context["units"]
    people: dict[str, Person] = context["people"]
    decisions = _decisions(bodies)
    for order, (title, description) in enumerate(data.VALUES, start=1):
        upsert(
            CoreValue,
            {"municipality": municipality, "title": title},
            description=description,
            order=order * 10,
            decision=context.objects.get("decision_ledningssystem"),
        )
    goal_decisions = context.objects.get("goal_decisions", {})
    commitments = _commitments(bodies, units, people, goal_decisions)
    measures = _measures(municipality, units, commitments, goal_decisions)
    declarations = _declarations(municipality, bodies, units, measures, decisions)
    processes = _processes(municipality, units, people, declarations)
    surveys = _surveys(municipality, units)
    _proposals(units, people, processes, surveys)
    upsert(
        QualityReport,
        {"body": bodies["osn"], "year": 2025},
        summary=(
            "Förvaltningen har arbetat vidare med kontinuiteten i hemtjänsten. Planeringsbesöken "
            "görs nu oftast inom 5 arbetsdagar, och förslaget om ett fast planeringsblock är "
            "infört. Synpunkter besvaras snabbare, men målet om 90 procent inom 5 arbetsdagar "
            "nåddes inte för hemtjänsten. Brukarundersökningen visar att brukarna fortfarande "
            "möter för många olika medarbetare."
        ),
        next_steps=(
            "Fasta team runt varje brukare provas i Hemtjänst Norr 2026. Processen för "
            "ekonomiskt bistånd ses över så att första mötet kan ges inom 5 arbetsdagar."
        ),
        decision=decisions["osn_kvalitet_2025"],
    )
    context.log.append(
        f"  quality: {len(declarations)} kvalitetsdeklarationer, {len(processes)} processer, "
        f"{ImprovementProposal.objects.count()} förbättringsförslag, "
        f"{Survey.objects.count()} undersökningar"
    )


def _decisions(bodies: dict[str, Body]) -> dict[str, Decision]:
    return {
        key: upsert(
            Decision,
            {"body": bodies[body], "date": dt.date(*date), "paragraph": paragraph},
            case_number=dnr,
            title=title,
            is_illustrative=True,
        )
        for key, body, date, paragraph, dnr, title in data.DECISIONS
    }


def _commitments(
    bodies: dict[str, Body],
    units: dict[str, Unit],
    people: dict[str, Person],
    goal_decisions: dict[str, Decision],
) -> dict[tuple[str, int], Commitment]:
    """The nämnder's own åtaganden to keep their declarations: 2025, and 2026 as its copy.

    Separate from the goal chain's demo åtaganden, so that demo stays as it is.
    """
    found: dict[tuple[str, int], Commitment] = {}
    for key, body, title, unit, owner in data.COMMITMENTS:
        previous = None
        for year in (2025, 2026):
            goal = MunicipalGoal.objects.filter(
                year=year, number="6.3", area__vision__municipality=bodies[body].municipality
            ).first()
            if goal is None:
                return {}  # the goal chain's demo is not loaded
            extra: dict[str, Any] = {}
            if previous is not None:
                extra = {"previous": previous, "lineage": previous.lineage}
            commitment = upsert(
                Commitment,
                {"body": bodies[body], "year": year, "title": title},
                description="Nämnden följer upp löftena i sina kvalitetsdeklarationer med mått.",
                first_year=2025,
                last_year=2027,
                unit=units[unit],
                owner=people[owner],
                decision=goal_decisions.get(f"{body}_{year}"),
                order=900,
                is_published=True,
                is_illustrative=True,
                **extra,
            )
            set_m2m(commitment, "goals", [goal])
            found[(key, year)] = commitment
            previous = commitment
    return found


def _period(municipality: Municipality, key: str) -> ReportingPeriod:
    year, rest = key.split("-", 1)
    periods = ReportingPeriod.objects.filter(municipality=municipality, year=int(year))
    if rest in ("interim", "annual"):
        return periods.get(kind=rest)
    return periods.get(kind="month", end_date=month_end(int(year), int(rest)))


def _measures(
    municipality: Municipality,
    units: dict[str, Unit],
    commitments: dict[tuple[str, int], Commitment],
    goal_decisions: dict[str, Decision],
) -> dict[str, Measure]:
    """The mått that follow promises, for 2025 and 2026 (one lineage), with targets and actuals."""
    found: dict[str, Measure] = {}
    for key, c_key, title, unit_label, decimals, direction, unit, targets, values in data.MEASURES:
        previous = None
        by_year: dict[int, Measure] = {}
        for year in (2025, 2026):
            commitment = commitments.get((c_key, year))
            if commitment is None:
                break  # the goal chain's demo is not loaded
            extra: dict[str, Any] = {}
            if previous is not None:
                extra = {"previous": previous, "lineage": previous.lineage}
            measure = upsert(
                Measure,
                {"commitment": commitment, "year": year, "title": title},
                unit_label=unit_label,
                decimals=decimals,
                direction=direction,
                unit=units[unit],
                order=200,
                is_illustrative=True,
                **extra,
            )
            target = targets[0] if year == 2025 else targets[1]
            decision = goal_decisions.get(f"{commitment.body.short_name.lower()}_{year}")
            upsert(
                Target,
                {"measure": measure, "year": year, "kind": Target.Kind.FINAL},
                value=Decimal(target),
                decision=decision,
            )
            by_year[year] = measure
            previous = measure
        if len(by_year) < 2:
            continue
        for period_key, value in zip(data.PERIOD_KEYS, values, strict=True):
            period = _period(municipality, period_key)
            upsert(
                Actual,
                {"measure": by_year[period.year], "period": period},
                value=Decimal(value),
            )
        found[key] = by_year[2026]
    for key, title in data.EXISTING.items():
        existing = Measure.objects.filter(year=2026, title=title).first()
        if existing is not None:
            found[key] = existing
    return found


def _declarations(
    municipality: Municipality,
    bodies: dict[str, Body],
    units: dict[str, Unit],
    measures: dict[str, Measure],
    decisions: dict[str, Decision],
) -> dict[str, ServiceDeclaration]:
    declarations = {}
    for code, service, body, unit, order, summary, citizen, contact, promises in data.DECLARATIONS:
        declaration = upsert(
            ServiceDeclaration,
            {"code": code},
            municipality=municipality,
            service=service,
            body=bodies[body],
            unit=units[unit],
            summary=summary,
            citizen_part=citizen,
            contact=contact,
            order=order,
            state=ServiceDeclaration.State.IN_FORCE,
            is_illustrative=True,
        )
        saved = [
            upsert(
                ServicePromise,
                {"declaration": declaration, "order": (index + 1) * 10},
                text=text,
                detail=detail,
                measure=measures.get(measure_key),
            )
            for index, (text, detail, measure_key) in enumerate(promises)
        ]
        declarations[code] = declaration
        _versions(declaration, saved, decisions)
    return declarations


def _versions(
    declaration: ServiceDeclaration, promises: list[ServicePromise], decisions: dict[str, Decision]
) -> None:
    """Decided versions: hemtjänst has an earlier one; bygglov's draft has an undecided promise."""
    current = declaration.snapshot(promises)
    plan: list[tuple[Decision, dt.date, dict[str, Any]]]
    if declaration.code == "hemtjanst":
        first = {**current, "promises": [dict(p) for p in current["promises"][:3]]}
        first["promises"][1]["text"] = (
            "Du möter så få personer som möjligt, högst 15 olika medarbetare under 14 dagar."
        )
        first["citizen_part"] = "Att du meddelar oss i god tid om du inte behöver ett besök."
        plan = [
            (decisions["hemtjanst_1"], dt.date(2024, 1, 1), first),
            (decisions["hemtjanst_2"], dt.date(2026, 1, 1), current),
        ]
    elif declaration.code == "bygglov":
        decided = {**current, "promises": current["promises"][:2]}
        plan = [(decisions["bygglov_1"], dt.date(2024, 10, 1), decided)]
    else:
        key = {"ekonomiskt-bistand": "bistand_1"}.get(declaration.code, f"{declaration.code}_1")
        decision = decisions[key]
        plan = [(decision, decision.date, current)]
    for number, (decision, valid_from, content) in enumerate(plan, start=1):
        upsert(
            DeclarationVersion,
            {"declaration": declaration, "number": number},
            decision=decision,
            valid_from=valid_from,
            content=content,
        )


def _processes(
    municipality: Municipality,
    units: dict[str, Unit],
    people: dict[str, Person],
    declarations: dict[str, ServiceDeclaration],
) -> dict[str, Process]:
    processes: dict[str, Process] = {}
    for (
        key,
        unit,
        kind,
        parent,
        title,
        owner,
        purpose,
        customer,
        result,
        steps,
        declaration_keys,
        risk_titles,
        activity_units,
    ) in data.PROCESSES:
        process = upsert(
            Process,
            {"municipality": municipality, "title": title},
            unit=units[unit],
            kind=kind,
            parent=processes[parent] if parent else None,
            owner=people[owner],
            purpose=purpose,
            customer=customer,
            result=result,
            is_illustrative=True,
        )
        for order, (step, performer, description) in enumerate(steps, start=1):
            upsert(
                ProcessStep,
                {"process": process, "order": order},
                title=step,
                performer=performer,
                description=description,
            )
        ProcessStep.objects.filter(process=process, order__gt=len(steps)).delete()
        set_m2m(process, "declarations", [declarations[k] for k in declaration_keys])
        set_m2m(process, "risks", Risk.objects.filter(title__in=risk_titles))
        activities: list[Activity] = []
        for activity_unit in activity_units:
            activities.extend(
                Activity.objects.filter(
                    year=2026, unit__path__startswith=units[activity_unit].path
                ).order_by("title")[:2]
            )
        set_m2m(process, "activities", activities)
        processes[key] = process
    return processes


def _surveys(municipality: Municipality, units: dict[str, Unit]) -> dict[str, Survey]:
    indexes = {}
    for order, (code, kind, title, unit_label, indicator_title) in enumerate(data.INDEXES):
        indicator = (
            Indicator.objects.filter(year=2025, title=indicator_title).first()
            if indicator_title
            else None
        )
        indexes[code] = upsert(
            SurveyIndex,
            {"municipality": municipality, "code": code},
            kind=kind,
            title=title,
            unit_label=unit_label,
            indicator=indicator,
            order=order * 10,
        )
    surveys: dict[str, Survey] = {}
    history = {i[1]: i for i in goals_data.INDICATORS}
    for year, respondents in ((2022, 2140), (2024, 2215)):
        survey = _survey(
            municipality,
            SurveyKind.EMPLOYEE,
            "Medarbetarenkät",
            year,
            audience="Alla tillsvidare- och visstidsanställda medarbetare",
            topic="Hållbart medarbetarengagemang (HME): motivation, ledarskap och styrning, "
            "och arbetsmiljön",
            respondents=respondents,
            response_rate=Decimal("78.5") if year == 2022 else Decimal("81.2"),
            result_summary="Engagemanget är högt och stabilt. Styrning får lägst värde: "
            "medarbetarna vill veta mer om verksamhetens mål.",
            actions_taken="Varje arbetsplats går igenom resultatet på en arbetsplatsträff och "
            "väljer en förbättring. Målen i verksamhetsplanen presenteras på varje APT.",
        )
        total = _history_value(history["Hållbart medarbetarengagemang (HME), totalindex"], year)
        _save_results(survey, _employee_rows(indexes, units, total, year), municipality)
        surveys[f"employee_{year}"] = survey
        citizen = _survey(
            municipality,
            SurveyKind.CITIZEN,
            "Medborgarundersökning",
            year,
            audience="1 200 slumpvis utvalda invånare 18–84 år (SCB)",
            topic="Kommunen som plats att bo och leva på, kommunens verksamheter och inflytande",
            respondents=512 if year == 2022 else 498,
            response_rate=Decimal("42.7") if year == 2022 else Decimal("41.5"),
            result_summary="De flesta trivs i kommunen. Lägst betyg får möjligheterna till "
            "inflytande.",
            actions_taken="Medborgardialoger i Mantorp och Mjölby inför nästa mål och budget.",
        )
        rows = []
        for code, title in (
            ("BRA-PLATS", "Andel som anser att kommunen är en bra plats att bo och leva på"),
            ("REKOMMENDERA", "Andel som kan rekommendera vänner att flytta hit"),
        ):
            row = history[title]
            value = _history_value(row, year)
            women, men = _gender(value, gender=bool(row[7]))
            rows.append(Row(indexes[code], None, value, women, men, None))
        _save_results(citizen, rows, municipality)
        surveys[f"citizen_{year}"] = citizen
    surveys["employee_2026"] = _survey(
        municipality,
        SurveyKind.EMPLOYEE,
        "Medarbetarenkät",
        2026,
        audience="Alla tillsvidare- och visstidsanställda medarbetare",
        topic="Hållbart medarbetarengagemang (HME): motivation, ledarskap och styrning",
        respondents=None,
        response_rate=None,
        result_summary="",
        actions_taken="",
        state=Survey.State.PLANNED,
    )
    for year, month, unit, title, audience, topic, state, summary, actions in data.CUSTOMER_SURVEYS:
        surveys[f"{title} {year}"] = upsert(
            Survey,
            {
                "municipality": municipality,
                "kind": SurveyKind.CUSTOMER,
                "year": year,
                "unit": units[unit],
                "title": title,
            },
            month=month,
            audience=audience,
            topic=topic,
            state=state,
            result_summary=summary,
            actions_taken=actions,
            is_illustrative=True,
        )
    return surveys


def _survey(
    municipality: Municipality,
    kind: str,
    title: str,
    year: int,
    *,
    state: str = Survey.State.DONE,
    **values: Any,
) -> Survey:
    return upsert(
        Survey,
        {"municipality": municipality, "kind": kind, "year": year, "unit": None, "title": title},
        month=10,
        method="Webbenkät" if kind == SurveyKind.EMPLOYEE else "Post och webb (SCB)",
        state=state,
        is_illustrative=True,
        **values,
    )


def _history_value(row: tuple[Any, ...], year: int) -> Decimal:
    history = row[9]
    return Decimal(str(history[year - 2021]))


def _gender(value: Decimal, *, gender: bool) -> tuple[Decimal | None, Decimal | None]:
    """Women and men as the goal chain's demo wrote them, so both demos agree on the actual."""
    if not gender:
        return None, None
    return (value * Decimal("1.03")).quantize(Decimal(1)), (value * Decimal("0.97")).quantize(
        Decimal(1)
    )


def _employee_rows(
    indexes: dict[str, SurveyIndex], units: dict[str, Unit], total: Decimal, year: int
) -> list[Row]:
    rng = random.Random(year)  # noqa: S311  (repeatable demo data, not security)
    women, men = _gender(total, gender=True)
    rows = [Row(indexes["HME"], None, total, women, men, 2140 if year == 2022 else 2215)]
    for code, offset in (("HME-M", 2), ("HME-L", 1), ("HME-S", -3)):
        rows.append(Row(indexes[code], None, total + offset, None, None, None))
    # Unit, answers (about 80 % of the staff): förvaltningar with women and men, enheter without.
    sizes = {
        "ksf": 212, "osf": 1046, "uf": 884, "kff": 96, "stf": 341, "bk": 38, "mk": 27,
        "osf_hemtjanst_norr": 41, "osf_hemtjanst_soder": 36, "osf_sabo": 58,
        "uf_hagaskolan": 47, "kff_bibliotek": 19,
    }  # fmt: skip
    for key, answers in sizes.items():
        value = (total + Decimal(rng.randint(-6, 6))).quantize(Decimal(1))
        small = units[key].kind == Unit.Kind.UNIT
        w, m = (None, None) if small else (value + 1, value - 2)
        rows.append(Row(indexes["HME"], units[key], value, w, m, answers))
    return rows


def _save_results(survey: Survey, rows: list[Row], municipality: Municipality) -> None:
    """The demo writes the history as if it had been imported before the year closed."""
    period = ReportingPeriod.objects.filter(
        municipality=municipality, year=survey.year, kind=ReportingPeriod.Kind.ANNUAL
    ).first()
    save(survey, rows, period)


def _proposals(
    units: dict[str, Unit],
    people: dict[str, Person],
    processes: dict[str, Process],
    surveys: dict[str, Survey],
) -> None:
    goal = MunicipalGoal.objects.filter(year=2026, number="3.1").first()
    for (
        title,
        unit,
        submitter,
        owner,
        stage,
        submitted,
        process,
        description,
        texts,
        extra,
    ) in data.PROPOSALS:
        submitted_on = dt.date(*submitted)
        steps = list(PATHS[stage])
        if extra.get("rounds") == 2:
            steps = [*steps, "again", "carry_out", "evaluate", "improve"]
        survey = None
        if extra.get("survey"):
            survey = Survey.objects.filter(title=extra["survey"], year=submitted_on.year).first()
        manager = people[UNIT_MANAGERS.get(unit, "forvaltningschef")]
        when = [
            timezone.make_aware(dt.datetime.combine(submitted_on, dt.time(10)))
            + dt.timedelta(days=12 * (n + 1))
            for n in range(len(steps))
        ]
        final = TRANSITIONS[steps[-1]].target if steps else Stage.NEW
        proposal = upsert(
            ImprovementProposal,
            {"title": title},
            description=description,
            unit=units[unit],
            process=processes.get(process) if process else None,
            goal=goal if process == "hemtjanst" and stage == "done" else None,
            survey=survey,
            submitted_by=people[submitter] if submitter else (people[owner] if owner else manager),
            submitted_on=submitted_on,
            owner=people[owner] if owner else None,
            stage=final,
            round=2 if extra.get("rounds") == 2 else 1,
            plan=texts.get("plan", ""),
            result=texts.get("result", ""),
            effect=texts.get("effect", ""),
            standard=texts.get("standard", ""),
            closed_on=when[-1].date() if final in (Stage.DONE, Stage.REJECTED) else None,
            is_illustrative=True,
        )
        source: str = Stage.NEW
        for key, at in zip(steps, when, strict=True):
            transition = TRANSITIONS[key]
            by = manager if transition.by == "manager" else (proposal.owner or manager)
            note = extra.get("note", "") if key == "reject" else ""
            if key == "again":
                note = "Effekten räckte inte hela vägen. Vi provar samtidiga remisser även för bygglov."
            upsert(
                ProposalEvent,
                {"proposal": proposal, "transition": key, "at": at},
                from_stage=source,
                to_stage=transition.target,
                by=by,
                note=note,
            )
            source = transition.target
