"""The goal-chain demo: Vision 2025 with kommunmål, åtaganden and activities for 2025 and 2026.

2025 is followed up at delår and helår (closed); 2026 at delår (closed), and the November
month report is open, with Hemtjänst Norr's activities still to report, two of them red at
the delår. The 2026 structure is made by rolling 2025 over, as a kvalitetsstrateg would.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from redthread.core.demo_tools import DemoContext, set_m2m, upsert
from redthread.cycle.models import ReportingPeriod, ensure_periods
from redthread.goals import demo_data as data
from redthread.goals.evaluation import computed_status
from redthread.goals.models import (
    Activity,
    Actual,
    Commitment,
    FollowUp,
    FulfilmentThreshold,
    GoalSettings,
    Indicator,
    Measure,
    MunicipalGoal,
    OperationalPlan,
    StrategicAction,
    StrategicArea,
    Target,
    Vision,
)
from redthread.goals.rollover import roll_over
from redthread.goals.status import Status
from redthread.organisation.models import Body, Decision, Municipality, WorkingGroup

TODAY = dt.date(2026, 11, 28)
HISTORY_YEARS = [2021, 2022, 2023, 2024, 2025]


def load(context: DemoContext) -> None:
    municipality: Municipality = context["municipality"]
    bodies: dict[str, Body] = context["bodies"]
    people = context["people"]
    units = context["units"]
    rng = random.Random(586)  # noqa: S311  (repeatable demo data, not security)
    for year in range(2021, 2028):
        ensure_periods(municipality, year)
    decisions = _decisions(bodies)
    context["goal_decisions"] = decisions
    upsert(GoalSettings, {"municipality": municipality}, tolerance=Decimal("0.05"))
    for year, key in ((2025, "kf_mb_2025"), (2026, "kf_mb_2026")):
        upsert(
            FulfilmentThreshold,
            {"municipality": municipality, "year": year},
            share=Decimal("0.750"),
            decision=decisions[key],
        )

    vision = upsert(
        Vision,
        {"municipality": municipality, "title": "Vision 2025"},
        statement="Världsvan & hemkär",
        description="Vår vision sammanfattar Mjölby kommuns önskade framtidsbild och är ledstjärnan för styrningen.",
        first_year=2019,
        last_year=None,
    )
    areas = {
        key: upsert(
            StrategicArea,
            {"vision": vision, "title": title},
            is_internal=internal,
            order=i,
            is_illustrative=True,
        )
        for i, (key, title, internal) in enumerate(data.AREAS)
    }

    # 2025: the structure, targets, actuals and follow-ups.
    goals = _goals(2025, areas, people, decisions["kf_mb_2025"])
    indicators = _indicators(2025, goals, people)
    for _goal_key, title, *_rest, t25, _t26, _t27 in data.INDICATORS:
        _target(indicators[title], 2025, Target.Kind.FINAL, t25, decisions["kf_mb_2025"])
    commitments = _commitments(2025, bodies, goals, units, people, decisions, "2025")
    measures = _measures(2025, commitments, units)
    for c_key, title, _u, _d, _dir, _unit, _value, t25, _t26, _monthly in data.MEASURES:
        _target(
            measures[(c_key, title)],
            2025,
            Target.Kind.FINAL,
            t25,
            decisions[f"{commitments[c_key].body.short_name.lower()}_2025"],
        )
    activities = _activities(2025, commitments, units, people, rng)
    _strategic_actions(2025, municipality, goals, units, people)
    _history(municipality, indicators, measures)

    periods_2025 = _periods(municipality, 2025)
    for period in (periods_2025["interim"], periods_2025["annual"]):
        _follow_up_year(period, goals, indicators, commitments, measures, activities, people, rng)

    # 2026: roll 2025 over, then the year's own targets, plans, actuals and follow-ups.
    roll_over(municipality, 2025)
    carried = {
        g.previous_id: g for g in MunicipalGoal.objects.filter(year=2026, previous__isnull=False)
    }
    goals26 = {key: carried[g.pk] for key, g in goals.items()}
    indicators26 = {
        i.title: i for i in Indicator.objects.filter(year=2026, goal__in=goals26.values())
    }
    for _goal, title, *_rest, _t25, t26, t27 in data.INDICATORS:
        _target(indicators26[title], 2026, Target.Kind.PRELIMINARY, t26, decisions["kf_jun_2025"])
        _target(indicators26[title], 2026, Target.Kind.FINAL, t26, decisions["kf_mb_2026"])
        _target(indicators26[title], 2027, Target.Kind.PRELIMINARY, t27, decisions["kf_jun_2026"])
    commitments26 = _commitments(2026, bodies, goals26, units, people, decisions, "2026")
    measures26 = _measures(2026, commitments26, units)
    for c_key, title, _u, _d, _dir, _unit, _value, _t25, t26, _monthly in data.MEASURES:
        _target(
            measures26[(c_key, title)],
            2026,
            Target.Kind.FINAL,
            t26,
            decisions[f"{commitments26[c_key].body.short_name.lower()}_2026"],
        )
    activities26 = _activities(2026, commitments26, units, people, rng)
    _strategic_actions(2026, municipality, goals26, units, people)
    _current_year_actuals(municipality, indicators26, measures26, rng)
    periods_2026 = _periods(municipality, 2026)
    _follow_up_year(
        periods_2026["interim"],
        goals26,
        indicators26,
        commitments26,
        measures26,
        activities26,
        people,
        rng,
        red_units={units["osf_hemtjanst_norr"].pk},
    )
    november = ReportingPeriod.objects.get(
        municipality=municipality, kind="month", end_date=dt.date(2026, 11, 30)
    )
    _november(november, activities26, units, people, rng)
    # Closed last, after every app: the ledger of 2025 is imported before Helår 2025 closes.
    context.at_end.append(lambda: _set_period_states(municipality))
    context.log.append(
        f"  goals: {len(goals) + len(goals26)} kommunmål, "
        f"{Activity.objects.filter(year__in=[2025, 2026]).count()} aktiviteter, "
        f"{FollowUp.objects.count()} uppföljningar"
    )


def _decisions(bodies: dict[str, Body]) -> dict[str, Decision]:
    rows = [
        (
            "kf_mb_2025",
            "kf",
            dt.date(2024, 11, 25),
            "152",
            "KS 2024:210",
            "Mål och budget 2025–2028 med plan för 2026–2028",
        ),
        (
            "kf_jun_2025",
            "kf",
            dt.date(2025, 6, 16),
            "84",
            "KS 2025:102",
            "Kommunmål, indikatorer och preliminära målvärden 2026, driftramar och investeringsbudget",
        ),
        (
            "kf_mb_2026",
            "kf",
            dt.date(2025, 11, 24),
            "161",
            "KS 2025:198",
            "Mål och budget 2026–2029 med plan för 2027–2029",
        ),
        (
            "kf_jun_2026",
            "kf",
            dt.date(2026, 6, 15),
            "79",
            "KS 2026:95",
            "Kommunmål, indikatorer och preliminära målvärden 2027, driftramar och investeringsbudget",
        ),
    ]
    for short, key in (
        ("ks", "ks"),
        ("osn", "osn"),
        ("un", "un"),
        ("kfn", "kfn"),
        ("bn", "bn"),
        ("mhn", "mhn"),
    ):
        rows.append(
            (
                f"{short}_2025",
                key,
                dt.date(2024, 12, 11),
                "118",
                f"{key.upper()} 2024:77",
                "Åtaganden, mått och detaljbudget 2025",
            )
        )
        rows.append(
            (
                f"{short}_2026",
                key,
                dt.date(2025, 12, 10),
                "121",
                f"{key.upper()} 2025:81",
                "Åtaganden, mått och detaljbudget 2026",
            )
        )
    return {
        key: upsert(
            Decision,
            {"body": bodies[body], "date": date, "paragraph": paragraph},
            case_number=dnr,
            title=title,
            is_illustrative=True,
        )
        for key, body, date, paragraph, dnr, title in rows
    }


def _goals(
    year: int, areas: dict[str, StrategicArea], people: dict[str, Any], decision: Decision
) -> dict[str, MunicipalGoal]:
    goals = {}
    for order, (key, area, number, title, owner) in enumerate(data.GOALS):
        goals[key] = upsert(
            MunicipalGoal,
            {"year": year, "number": number, "area": areas[area]},
            title=title,
            first_year=2024,
            last_year=2028,
            owner=people[owner] if owner else None,
            decision=decision,
            order=order,
            is_published=True,
            is_illustrative=True,
        )
    return goals


def _indicators(
    year: int, goals: dict[str, MunicipalGoal], people: dict[str, Any]
) -> dict[str, Indicator]:
    result = {}
    for order, (
        goal,
        title,
        unit,
        decimals,
        direction,
        source,
        kolada,
        gender,
        owner,
        *_rest,
    ) in enumerate(data.INDICATORS):
        result[title] = upsert(
            Indicator,
            {"year": year, "goal": goals[goal], "title": title},
            unit_label=unit,
            decimals=decimals,
            direction=direction,
            source=source,
            kolada_kpi=kolada,
            computation="feedback_answered_in_5_days" if source == "computed" else "",
            gender_split=gender,
            owner=people[owner] if owner else None,
            order=order,
            is_published=True,
            is_illustrative=True,
        )
    return result


def _target(
    metric: Indicator | Measure, year: int, kind: str, value: Any, decision: Decision
) -> None:
    field = "indicator" if isinstance(metric, Indicator) else "measure"
    upsert(
        Target,
        {field: metric, "year": year, "kind": kind},
        value=Decimal(str(value)),
        decision=decision,
    )


def _commitments(
    year: int,
    bodies: dict[str, Body],
    goals: dict[str, MunicipalGoal],
    units: dict[str, Any],
    people: dict[str, Any],
    decisions: dict[str, Decision],
    suffix: str,
) -> dict[str, Commitment]:
    result = {}
    for order, (key, body, goal_keys, title, unit, owner, first, last) in enumerate(
        data.COMMITMENTS
    ):
        commitment = upsert(
            Commitment,
            {"year": year, "body": bodies[body], "title": title},
            first_year=first,
            last_year=last,
            unit=units[unit],
            owner=people[owner],
            decision=decisions[f"{bodies[body].short_name.lower()}_{suffix}"],
            environment_scan=_scan(bodies[body].municipality, year),
            order=order,
            is_published=True,
            is_illustrative=True,
        )
        set_m2m(commitment, "goals", [goals[g] for g in goal_keys])
        result[key] = commitment
    return result


def _scan(municipality: Municipality, year: int) -> Any:
    """The omvärldsanalys the nämnder's review of their åtaganden for ``year`` started from."""
    from redthread.cycle.models import EnvironmentScan

    return (
        EnvironmentScan.objects.filter(municipality=municipality, year__lt=year)
        .published()
        .order_by("-year")
        .first()
    )


def _measures(
    year: int, commitments: dict[str, Commitment], units: dict[str, Any]
) -> dict[tuple[str, str], Measure]:
    result = {}
    for order, (c_key, title, unit_label, decimals, direction, unit, *_rest) in enumerate(
        data.MEASURES
    ):
        result[(c_key, title)] = upsert(
            Measure,
            {"year": year, "commitment": commitments[c_key], "title": title},
            unit_label=unit_label,
            decimals=decimals,
            direction=direction,
            unit=units[unit],
            order=order,
            is_published=True,
            is_illustrative=True,
        )
    return result


def _activities(
    year: int,
    commitments: dict[str, Commitment],
    units: dict[str, Any],
    people: dict[str, Any],
    rng: random.Random,
) -> list[Activity]:
    result = []
    for c_key, unit_keys, titles in data.ACTIVITIES:
        for unit_key in unit_keys:
            unit = units[unit_key]
            plan = upsert(
                OperationalPlan, {"unit": unit, "year": year}, state=OperationalPlan.State.ADOPTED
            )
            for index, title in enumerate(titles):
                start = dt.date(year, 1 + (index * 2) % 9, 1)
                end = dt.date(year, min(12, start.month + 4 + index % 4), 28)
                if year == 2025:
                    done = rng.random() < 0.8
                    state, progress = (
                        (Activity.State.DONE, 100)
                        if done
                        else (Activity.State.ONGOING, rng.choice([40, 60, 70]))
                    )
                else:
                    state = (
                        Activity.State.DONE
                        if end < TODAY and rng.random() < 0.6
                        else Activity.State.ONGOING
                    )
                    progress = (
                        100
                        if state == Activity.State.DONE
                        else rng.choice([20, 40, 50, 60, 75, 80])
                    )
                result.append(
                    upsert(
                        Activity,
                        {"year": year, "unit": unit, "title": title},
                        plan=plan,
                        commitment=commitments[c_key],
                        start=start,
                        end=end,
                        state=state,
                        progress=progress,
                        is_illustrative=True,
                    )
                )
    return result


def _strategic_actions(
    year: int,
    municipality: Municipality,
    goals: dict[str, MunicipalGoal],
    units: dict[str, Any],
    people: dict[str, Any],
) -> None:
    for network_name, goal, title, unit_keys, progress in data.NETWORK_ACTIONS:
        network = WorkingGroup.objects.get(municipality=municipality, name=network_name)
        action = upsert(
            StrategicAction,
            {"year": year, "network": network, "title": title},
            goal=goals[goal],
            responsible=network.lead,
            start=dt.date(year, 2, 1),
            end=dt.date(year, 12, 15),
            progress=progress if year == 2026 else min(100, progress - 20),
            is_illustrative=True,
        )
        set_m2m(action, "units", [units[u] for u in unit_keys])


def _annual(municipality: Municipality, year: int) -> ReportingPeriod:
    return ReportingPeriod.objects.get(municipality=municipality, kind="annual", year=year)


def _history(
    municipality: Municipality,
    indicators: dict[str, Indicator],
    measures: dict[tuple[str, str], Measure],
) -> None:
    """Five years of yearly actuals on the 2025 indicators (gender split where it applies)."""
    for (
        _goal,
        title,
        _unit,
        decimals,
        _direction,
        source,
        _kolada,
        gender,
        _owner,
        history,
        *_targets,
    ) in data.INDICATORS:
        indicator = indicators[title]
        for year, value in zip(HISTORY_YEARS, history, strict=True):  # type: ignore[call-overload]
            if value is None:
                continue
            value = Decimal(str(value))
            women = men = None
            if gender:
                women = (value * Decimal("1.03")).quantize(Decimal(1).scaleb(-decimals))
                men = (value * Decimal("0.97")).quantize(Decimal(1).scaleb(-decimals))
            upsert(
                Actual,
                {"indicator": indicator, "period": _annual(municipality, year)},
                value=value,
                value_women=women,
                value_men=men,
                source=source if source in ("kolada", "survey") else "manual",
                published_on=dt.date(year + 1, 4, 28) if source == "kolada" else None,
            )
    for c_key, title, *_rest, value, _t25, _t26, _monthly in data.MEASURES:
        upsert(
            Actual,
            {"measure": measures[(c_key, title)], "period": _annual(municipality, 2025)},
            value=Decimal(str(value)),
        )


def _current_year_actuals(
    municipality: Municipality,
    indicators: dict[str, Indicator],
    measures: dict[tuple[str, str], Measure],
    rng: random.Random,
) -> None:
    """2026: monthly values of the monthly mått until October, delår values of some indicators."""
    interim = ReportingPeriod.objects.get(municipality=municipality, kind="interim", year=2026)
    for (
        _goal,
        title,
        _u,
        decimals,
        _direction,
        source,
        *_rest,
        history,
        _t25,
        t26,
        _t27,
    ) in data.INDICATORS:
        if source in ("kolada", "survey"):
            continue  # published once a year, after the year
        last = Decimal(str(history[-1]))  # type: ignore[index]
        step = Decimal(str(t26)) - last
        value = (last + step * Decimal(str(rng.choice([0.4, 0.8, 1.1])))).quantize(
            Decimal(1).scaleb(-decimals)
        )
        upsert(Actual, {"indicator": indicators[title], "period": interim}, value=value)
    months = ReportingPeriod.objects.filter(
        municipality=municipality, kind="month", year=2026, end_date__lte=dt.date(2026, 10, 31)
    )
    for c_key, title, _u, decimals, _direction, _unit, first, _t25, t26, monthly in data.MEASURES:
        if not monthly:
            continue
        start, goal = Decimal(str(first)), Decimal(str(t26))
        for index, period in enumerate(months.order_by("end_date")):
            progress = Decimal(index + 1) / Decimal(10)
            noise = Decimal(str(rng.uniform(-1.5, 1.5)))
            current = (start + (goal - start) * progress + noise).quantize(
                Decimal(1).scaleb(-decimals)
            )
            upsert(Actual, {"measure": measures[(c_key, title)], "period": period}, value=current)


def _periods(municipality: Municipality, year: int) -> dict[str, ReportingPeriod]:
    return {
        "interim": ReportingPeriod.objects.get(
            municipality=municipality, kind="interim", year=year
        ),
        "annual": ReportingPeriod.objects.get(municipality=municipality, kind="annual", year=year),
    }


def _author(person: Any) -> Any:
    return person.user


def _follow_up_year(
    period: ReportingPeriod,
    goals: dict[str, MunicipalGoal],
    indicators: dict[str, Indicator],
    commitments: dict[str, Commitment],
    measures: dict[Any, Measure],
    activities: list[Activity],
    people: dict[str, Any],
    rng: random.Random,
    red_units: set[int] | None = None,
) -> None:
    """Approved follow-ups of every activity, commitment and goal of the period."""
    submitted_at = timezone.make_aware(
        dt.datetime.combine(period.due_on - dt.timedelta(days=2), dt.time(15, 0))
    )
    reviewed_at = submitted_at + dt.timedelta(days=1)
    head = people["forvaltningschef"].user
    red_units = red_units or set()
    for activity in activities:
        if activity.year != period.year:
            continue
        title = activity.title.lower()
        if activity.unit_id in red_units and ("kontaktmannen" in title or "inhyrd" in title):
            status = Status.RED
        else:
            status = rng.choices([Status.GREEN, Status.YELLOW, Status.RED], weights=[70, 22, 8])[0]
        manager = _unit_manager(activity)
        _followup(
            period,
            "activity",
            activity,
            status,
            data.ACTIVITY_TEXTS[status].format(title=activity.title),
            author=manager or head,
            reviewer=head,
            submitted_at=submitted_at,
            reviewed_at=reviewed_at,
        )
    for commitment in commitments.values():
        status = computed_status(commitment, period)
        if status == Status.NONE:
            status = rng.choice([Status.GREEN, Status.YELLOW])
        text = (
            f"Förvaltningens sammanfattning: {commitment.title.lower()} går "
            + {
                "green": "enligt plan.",
                "yellow": "delvis enligt plan; några aktiviteter är försenade.",
                "red": "inte enligt plan.",
            }[status]
            + " Enheternas uppföljningar och måttens utfall ligger till grund för bedömningen."
        )
        _followup(
            period,
            "commitment",
            commitment,
            status,
            text,
            author=commitment.owner.user if commitment.owner else head,
            reviewer=None,
            submitted_at=submitted_at,
            reviewed_at=None,
        )
    for goal in goals.values():
        status = computed_status(goal, period)
        if status == Status.NONE:
            status = Status.YELLOW
        _followup(
            period,
            "goal",
            goal,
            status,
            data.GOAL_TEXTS[status],
            author=(goal.owner or people["kvalitetsstrateg"]).user,
            reviewer=people["kvalitetsstrateg"].user,
            submitted_at=submitted_at,
            reviewed_at=reviewed_at,
        )


def _unit_manager(activity: Activity) -> Any:
    from redthread.organisation.models import Assignment

    assignment = (
        Assignment.objects.filter(unit=activity.unit, role__in=Assignment.MANAGERS)
        .select_related("person__user")
        .first()
    )
    return assignment.person.user if assignment else None


def _followup(
    period: ReportingPeriod,
    field: str,
    subject: Any,
    status: str,
    text: str,
    *,
    author: Any,
    reviewer: Any,
    submitted_at: dt.datetime,
    reviewed_at: dt.datetime | None,
    state: str | None = None,
) -> FollowUp:
    computed = (
        computed_status(subject, period)
        if field in ("goal", "commitment", "indicator", "measure")
        else Status.NONE
    )
    return upsert(
        FollowUp,
        {"period": period, field: subject},
        status=status,
        computed_status=computed,
        deviation_reason=""
        if computed in (Status.NONE, status)
        else "Bedömningen väger in aktiviteternas effekt, som inte syns i måtten ännu.",
        analysis=text,
        forecast="Helårsprognosen är att målvärdet nås."
        if status == Status.GREEN
        else "Helårsprognosen är osäker; åtgärder pågår.",
        forecast_status=status,
        state=state or (FollowUp.State.APPROVED if reviewer else FollowUp.State.SUBMITTED),
        author=author,
        submitted_at=submitted_at,
        reviewed_by=reviewer,
        reviewed_at=reviewed_at,
    )


def _november(
    period: ReportingPeriod,
    activities: list[Activity],
    units: dict[str, Any],
    people: dict[str, Any],
    rng: random.Random,
) -> None:
    """The open month: most enheter have reported; Hemtjänst Norr has not started."""
    submitted_at = timezone.make_aware(dt.datetime(2026, 11, 26, 10, 0))
    for index, activity in enumerate(a for a in activities if a.year == 2026):
        if (
            activity.unit_id == units["osf_hemtjanst_norr"].pk
            or activity.state == Activity.State.DONE
        ):
            continue
        if index % 5 == 0:
            continue  # not yet reported
        status = rng.choices([Status.GREEN, Status.YELLOW, Status.RED], weights=[75, 20, 5])[0]
        state = FollowUp.State.DRAFT if index % 7 == 0 else FollowUp.State.SUBMITTED
        _followup(
            period,
            "activity",
            activity,
            status,
            data.ACTIVITY_TEXTS[status].format(title=activity.title),
            author=_unit_manager(activity) or people["forvaltningschef"].user,
            reviewer=None,
            submitted_at=submitted_at,
            reviewed_at=None,
            state=state,
        )


def _set_period_states(municipality: Municipality) -> None:
    """Everything before November 2026 is closed (older years locked); November is open."""
    for period in ReportingPeriod.objects.filter(municipality=municipality):
        if period.year <= 2024:
            state = ReportingPeriod.State.LOCKED
        elif period.end_date < dt.date(2026, 11, 1):
            state = ReportingPeriod.State.CLOSED
        elif period.end_date <= dt.date(2026, 11, 30):
            state = ReportingPeriod.State.OPEN
        else:
            state = ReportingPeriod.State.PLANNED
        closed_at = (
            timezone.make_aware(dt.datetime.combine(period.due_on, dt.time(17, 0)))
            if state in (ReportingPeriod.State.CLOSED, ReportingPeriod.State.LOCKED)
            else None
        )
        if period.state != state or period.closed_at != closed_at:
            period.state = state
            period.closed_at = closed_at
            period.save()
