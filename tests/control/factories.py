"""Internal-control objects for tests, built on the shared world (one module per app)."""

from __future__ import annotations

import datetime as dt

from redthread.control.models import (
    Action,
    AuditReport,
    CommonControlPoint,
    ControlPlan,
    ControlPoint,
    ControlReport,
    ControlResult,
    Deviation,
    Evaluation,
    Recommendation,
    Risk,
    RiskAssessment,
    report_periods_for,
)
from redthread.cycle.models import ReportingPeriod
from redthread.organisation.models import Decision
from tests.world import World


def period(world: World, kind: str = "interim", year: int = 2026) -> ReportingPeriod:
    return ReportingPeriod.objects.get(municipality=world.municipality, kind=kind, year=year)


def risk(
    world: World,
    body: str = "osn",
    title: str = "Felaktiga utbetalningar av försörjningsstöd",
    probability: int = 3,
    consequence: int = 3,
    year: int = 2026,
    handling: str = RiskAssessment.Handling.PLAN,
) -> Risk:
    found, _ = Risk.objects.get_or_create(
        body=world.bodies[body],
        title=title,
        defaults={"process": "Handläggning av försörjningsstöd", "category": "operations"},
    )
    RiskAssessment.objects.get_or_create(
        risk=found,
        year=year,
        defaults={"probability": probability, "consequence": consequence, "handling": handling},
    )
    return found


def plan(world: World, body: str = "osn", year: int = 2026, decided: bool = False) -> ControlPlan:
    found, _ = ControlPlan.objects.get_or_create(body=world.bodies[body], year=year)
    if decided and found.decision is None:
        found.decide(world.decisions["osn"])
    return found


def point(world: World, body: str = "osn", year: int = 2026, responsible: str = "") -> ControlPoint:
    the_plan = plan(world, body, year)
    found = the_plan.points.filter(title="Attest av leverantörsfakturor").first()
    if found is None:
        found = ControlPoint.objects.create(
            plan=the_plan,
            title="Attest av leverantörsfakturor",
            method="Stickprov på 20 fakturor",
            frequency="half_yearly",
            risk=risk(world, body, year=year),
            responsible=world.people[responsible] if responsible else None,
        )
        found.report_periods.set(report_periods_for(world.municipality, year))
    return found


def result(world: World, outcome: str = ControlResult.Outcome.DONE) -> ControlResult:
    the_point = point(world)
    found, _ = ControlResult.objects.get_or_create(
        point=the_point,
        period=period(world),
        defaults={
            "checked_by": world.people["enhetschef"],
            "checked_on": dt.date(2026, 9, 5),
            "outcome": outcome,
            "findings": "Två av tjugo fakturor saknade attest.",
        },
    )
    return found


def deviation(world: World, severity: int = Deviation.Severity.SIGNIFICANT) -> Deviation:
    the_result = result(world)
    found, _ = Deviation.objects.get_or_create(
        result=the_result,
        description="Fakturor betalda utan attest",
        defaults={"severity": severity},
    )
    return found


def action(world: World, due: dt.date = dt.date(2026, 12, 15), owner: str = "enhetschef") -> Action:
    the_deviation = deviation(world)
    found, _ = Action.objects.get_or_create(
        deviation=the_deviation,
        title="Utbilda attestanter",
        defaults={"body": world.bodies["osn"], "owner": world.people[owner], "due_on": due},
    )
    return found


def report(world: World, stage: str = ControlReport.Stage.TO_BODY) -> ControlReport:
    the_point = point(world)
    found, _ = ControlReport.objects.get_or_create(
        plan=the_point.plan,
        period=period(world),
        defaults={"summary": "Kontrollerna är genomförda.", "stage": stage},
    )
    return found


def common_point(
    world: World, year: int = 2026, title: str = "Avtalstrohet vid inköp"
) -> CommonControlPoint:
    found = CommonControlPoint.objects.filter(
        municipality=world.municipality, year=year, title=title
    ).first()
    if found is None:
        found = CommonControlPoint.objects.create(
            municipality=world.municipality,
            year=year,
            title=title,
            method="Stickprov på 20 inköp per nämnd",
        )
        found.distribute()
    return found


def evaluation(world: World, year: int = 2026) -> Evaluation:
    found, _ = Evaluation.objects.get_or_create(
        municipality=world.municipality, year=year, defaults={"conclusions": "Överlag god."}
    )
    return found


def audit_report(world: World) -> AuditReport:
    found, _ = AuditReport.objects.get_or_create(
        municipality=world.municipality,
        title="Granskning av intern kontroll 2025",
        defaults={"issued_on": dt.date(2026, 3, 10)},
    )
    return found


def recommendation(world: World, body: str = "osn") -> Recommendation:
    the_report = audit_report(world)
    found, _ = Recommendation.objects.get_or_create(
        report=the_report,
        body=world.bodies[body],
        defaults={"text": "Säkerställ att alla fakturor attesteras."},
    )
    return found


def ks_decision(
    world: World, date: dt.date = dt.date(2025, 11, 20), paragraph: str = "201"
) -> Decision:
    found, _ = Decision.objects.get_or_create(
        body=world.bodies["ks"],
        date=date,
        paragraph=paragraph,
        defaults={"title": "Gemensamma kontrollmoment 2026"},
    )
    return found
