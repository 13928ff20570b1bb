"""A small red thread in the test world: one vision, two areas, three goals, OSN's commitments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from redthread.cycle.models import ReportingPeriod
from redthread.goals.models import (
    Activity,
    Actual,
    Commitment,
    FollowUp,
    FulfilmentThreshold,
    Indicator,
    Measure,
    MunicipalGoal,
    OperationalPlan,
    StrategicAction,
    StrategicArea,
    Target,
    Vision,
)
from redthread.organisation.models import WorkingGroup
from tests.world import World

YEAR = 2026


@dataclass
class Chain:
    vision: Vision
    goals: dict[str, MunicipalGoal] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    commitments: dict[str, Commitment] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    activities: dict[str, Activity] = field(default_factory=dict)
    periods: dict[str, ReportingPeriod] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def period(world: World, kind: str, end: dt.date) -> ReportingPeriod:
    return ReportingPeriod.objects.get(municipality=world.municipality, kind=kind, end_date=end)


def build_chain(world: World) -> Chain:
    m, p, u, b = world.municipality, world.people, world.units, world.bodies
    vision = Vision.objects.create(
        municipality=m, title="Vision 2025", statement="Världsvan & hemkär", first_year=2019
    )
    chain = Chain(vision)
    trygghet = StrategicArea.objects.create(vision=vision, title="Trygghet och hälsa", order=1)
    intern = StrategicArea.objects.create(
        vision=vision, title="Attraktiv arbetsgivare", is_internal=True, order=2
    )
    g = chain.goals
    g["aldre"] = MunicipalGoal.objects.create(
        area=trygghet,
        year=YEAR,
        number="3.1",
        title="Äldre upplever trygghet",
        first_year=2024,
        last_year=2028,
        owner=p["kvalitetsstrateg"],
        is_published=True,
    )
    g["barn"] = MunicipalGoal.objects.create(
        area=trygghet,
        year=YEAR,
        number="3.2",
        title="Barn växer upp tryggt",
        first_year=2024,
        last_year=2026,
        is_published=False,
    )
    g["personal"] = MunicipalGoal.objects.create(
        area=intern,
        year=YEAR,
        number="6.1",
        title="Friska medarbetare",
        first_year=2024,
        last_year=2028,
        owner=p["kvalitetsstrateg"],
        is_published=True,
    )
    i = chain.indicators
    i["nojdhet"] = Indicator.objects.create(
        goal=g["aldre"],
        year=YEAR,
        title="Brukarbedömning helhetssyn",
        unit_label="%",
        direction="higher",
        owner=p["kvalitetsstrateg"],
        is_published=True,
        gender_split=True,
    )
    i["personal"] = Indicator.objects.create(
        goal=g["aldre"],
        year=YEAR,
        title="Personal per brukare",
        unit_label="antal",
        direction="lower",
        owner=p["kvalitetsstrateg"],
        is_published=True,
    )
    i["sjuk"] = Indicator.objects.create(
        goal=g["personal"],
        year=YEAR,
        title="Sjukfrånvaro",
        unit_label="%",
        decimals=1,
        direction="lower",
        is_published=True,
    )
    c = chain.commitments
    c["kontinuitet"] = Commitment.objects.create(
        body=b["osn"],
        year=YEAR,
        title="Öka kontinuiteten i hemtjänsten",
        first_year=2025,
        last_year=2027,
        unit=u["osf"],
        decision=world.decisions["osn"],
        is_published=True,
    )
    c["kontinuitet"].goals.set([g["aldre"]])
    c["barn"] = Commitment.objects.create(
        body=b["osn"],
        year=YEAR,
        title="Tidiga insatser för barn",
        first_year=2026,
        last_year=2026,
        unit=u["osf"],
    )
    c["barn"].goals.set([g["barn"], g["aldre"]])
    ms = chain.measures
    ms["besok"] = Measure.objects.create(
        commitment=c["kontinuitet"],
        year=YEAR,
        title="Besök av kontaktmannen",
        unit_label="%",
        direction="higher",
        unit=u["norr"],
        is_published=True,
    )
    ms["team"] = Measure.objects.create(
        commitment=c["kontinuitet"],
        year=YEAR,
        title="Brukare med fast team",
        unit_label="%",
        direction="higher",
        unit=u["norr"],
    )
    plan_norr = OperationalPlan.objects.create(unit=u["norr"], year=YEAR)
    plan_soder = OperationalPlan.objects.create(unit=u["soder"], year=YEAR)
    a = chain.activities
    a["team"] = Activity.objects.create(
        plan=plan_norr,
        unit=u["norr"],
        commitment=c["kontinuitet"],
        year=YEAR,
        title="Fasta team runt varje brukare",
        start=dt.date(2026, 2, 1),
        end=dt.date(2026, 12, 31),
        state=Activity.State.ONGOING,
        progress=40,
    )
    a["schema"] = Activity.objects.create(
        plan=plan_norr,
        unit=u["norr"],
        commitment=c["kontinuitet"],
        year=YEAR,
        title="Schemaläggning för kontinuitet",
        state=Activity.State.DONE,
        progress=100,
    )
    a["soder"] = Activity.objects.create(
        plan=plan_soder,
        unit=u["soder"],
        commitment=c["kontinuitet"],
        year=YEAR,
        title="Kontaktmannen först",
        state=Activity.State.PLANNED,
    )
    chain.periods = {
        "interim": period(world, "interim", dt.date(2026, 8, 31)),
        "annual": period(world, "annual", dt.date(2026, 12, 31)),
        "nov": period(world, "month", dt.date(2026, 11, 30)),
        "interim25": period(world, "interim", dt.date(2025, 8, 31)),
    }
    decision = world.decisions["ledningssystem"]
    for indicator, target in ((i["nojdhet"], "88"), (i["personal"], "14"), (i["sjuk"], "6.5")):
        Target.objects.create(
            indicator=indicator,
            year=YEAR,
            kind=Target.Kind.FINAL,
            value=Decimal(target),
            decision=decision,
        )
    Target.objects.create(
        indicator=i["nojdhet"], year=YEAR, kind=Target.Kind.PRELIMINARY, value=Decimal("80")
    )
    for measure, target in ((ms["besok"], "70"), (ms["team"], "90")):
        Target.objects.create(
            measure=measure, year=YEAR, kind=Target.Kind.FINAL, value=Decimal(target)
        )
    interim = chain.periods["interim"]
    Actual.objects.create(
        indicator=i["nojdhet"],
        period=interim,
        value=Decimal("90"),
        value_women=Decimal("92"),
        value_men=Decimal("87"),
    )
    Actual.objects.create(indicator=i["personal"], period=interim, value=Decimal("17"))
    Actual.objects.create(indicator=i["sjuk"], period=interim, value=Decimal("6.7"))
    Actual.objects.create(measure=ms["besok"], period=interim, value=Decimal("66.9"))
    FulfilmentThreshold.objects.create(
        municipality=m, year=YEAR, share=Decimal("0.5"), decision=decision
    )
    network = WorkingGroup.objects.create(
        municipality=m,
        kind=WorkingGroup.Kind.STRATEGIC_NETWORK,
        name="Nätverket för trygghet",
        lead=p["forvaltningschef"],
    )
    chain.extra["action"] = StrategicAction.objects.create(
        network=network,
        goal=g["aldre"],
        year=YEAR,
        title="Gemensam plan mot ensamhet",
        responsible=p["forvaltningschef"],
    )
    chain.extra["submitted"] = FollowUp.objects.create(
        period=chain.periods["nov"],
        activity=a["schema"],
        status="green",
        analysis="Klart enligt plan.",
        state=FollowUp.State.SUBMITTED,
        author=world.users["enhetschef"],
    )
    period(world, "month", dt.date(2026, 2, 28))  # open: other apps' tests write January
    return chain


def close_february(world: World) -> ReportingPeriod:
    february = ReportingPeriod.objects.get(
        municipality=world.municipality, kind="month", end_date=dt.date(2026, 2, 28)
    )
    february.state = ReportingPeriod.State.CLOSED
    february.save()
    return february


def open_period(p: ReportingPeriod) -> ReportingPeriod:
    p.state = ReportingPeriod.State.OPEN
    p.save()
    return p


def load_chain(world: World) -> Chain:
    """The chain as stored (build_chain ran when the world was built)."""
    vision = Vision.objects.get(municipality=world.municipality, title="Vision 2025")
    chain = Chain(vision)
    by_title = {g.title: g for g in MunicipalGoal.objects.filter(year=YEAR)}
    chain.goals = {
        "aldre": by_title["Äldre upplever trygghet"],
        "barn": by_title["Barn växer upp tryggt"],
        "personal": by_title["Friska medarbetare"],
    }
    indicators = {x.title: x for x in Indicator.objects.filter(year=YEAR)}
    chain.indicators = {
        "nojdhet": indicators["Brukarbedömning helhetssyn"],
        "personal": indicators["Personal per brukare"],
        "sjuk": indicators["Sjukfrånvaro"],
    }
    commitments = {x.title: x for x in Commitment.objects.filter(year=YEAR)}
    chain.commitments = {
        "kontinuitet": commitments["Öka kontinuiteten i hemtjänsten"],
        "barn": commitments["Tidiga insatser för barn"],
    }
    measures = {x.title: x for x in Measure.objects.filter(year=YEAR)}
    chain.measures = {
        "besok": measures["Besök av kontaktmannen"],
        "team": measures["Brukare med fast team"],
    }
    activities = {x.title: x for x in Activity.objects.filter(year=YEAR)}
    chain.activities = {
        "team": activities["Fasta team runt varje brukare"],
        "schema": activities["Schemaläggning för kontinuitet"],
        "soder": activities["Kontaktmannen först"],
    }
    chain.periods = {
        "interim": period(world, "interim", dt.date(2026, 8, 31)),
        "annual": period(world, "annual", dt.date(2026, 12, 31)),
        "nov": period(world, "month", dt.date(2026, 11, 30)),
        "interim25": period(world, "interim", dt.date(2025, 8, 31)),
    }
    chain.extra["action"] = StrategicAction.objects.get(title="Gemensam plan mot ensamhet")
    chain.extra["submitted"] = FollowUp.objects.get(
        activity=chain.activities["schema"], period=chain.periods["nov"]
    )
    return chain
