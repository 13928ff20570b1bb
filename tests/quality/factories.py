"""Quality work for tests: a hemtjänst declaration of omsorgs- och socialnämnden, a proposal in
Hemtjänst Norr, a process in Äldreomsorg, surveys, all on the shared world and its goal chain.

Each ``a_...`` function returns the object if the test has made it already, else makes it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from redthread.goals.models import Indicator
from redthread.organisation.models import Decision
from redthread.quality.models import (
    ImprovementProposal,
    Process,
    ProcessStep,
    ServiceDeclaration,
    ServicePromise,
    Survey,
    SurveyIndex,
    SurveyKind,
)
from tests.world import World

CODE = "hemtjanst-test"


def a_declaration(world: World) -> ServiceDeclaration:
    """Hemtjänst, a draft: one promise followed by the mått "Besök av kontaktmannen" (target 70,
    66,9 at the delår), one by "Brukare med fast team" (no actual yet)."""
    existing = ServiceDeclaration.objects.filter(code=CODE).first()
    if existing is not None:
        return existing
    chain = world.extra["chain"]
    declaration = ServiceDeclaration.objects.create(
        municipality=world.municipality,
        code=CODE,
        service="Hemtjänst",
        body=world.bodies["osn"],
        unit=world.units["aldre"],
        summary="Stöd och hjälp i hemmet.",
        citizen_part="Berätta vad som är viktigt för dig.",
    )
    ServicePromise.objects.create(
        declaration=declaration,
        text="Din kontaktman gör de flesta av dina besök.",
        measure=chain.measures["besok"],
        order=10,
    )
    ServicePromise.objects.create(
        declaration=declaration,
        text="Du möter ett fast team.",
        measure=chain.measures["team"],
        order=20,
    )
    return declaration


def second_decision(world: World) -> Decision:
    decision, _created = Decision.objects.get_or_create(
        body=world.bodies["osn"],
        date=dt.date(2026, 3, 18),
        paragraph="31",
        defaults={"title": "Reviderad kvalitetsdeklaration för hemtjänst"},
    )
    return decision


def a_decided_declaration(world: World) -> ServiceDeclaration:
    """The declaration decided twice: version 1 (OSN 2026-01-28 § 5), then a changed text as
    version 2 (OSN 2026-03-18 § 31)."""
    declaration = a_declaration(world)
    if not declaration.versions.exists():
        declaration.decide(world.decisions["osn"])
        declaration.summary = "Stöd och hjälp i hemmet, dag och kväll."
        declaration.save()
        declaration.decide(second_decision(world))
    return declaration


def a_proposal(world: World, **values: Any) -> ImprovementProposal:
    """A new proposal from the medarbetare in Hemtjänst Norr."""
    title = values.pop("title", "Fast tid för överrapportering")
    existing = ImprovementProposal.objects.filter(title=title).first()
    if existing is not None:
        return existing
    return ImprovementProposal.objects.create(
        title=title,
        description="Kvällspersonalen får information för sent.",
        unit=world.units["norr"],
        submitted_by=world.people["medarbetare"],
        **values,
    )


def a_process(world: World) -> Process:
    """Hemtjänst in Äldreomsorg, owned by the enhetschef, with three steps."""
    existing = Process.objects.filter(title="Hemtjänst").first()
    if existing is not None:
        return existing
    process = Process.objects.create(
        municipality=world.municipality,
        unit=world.units["aldre"],
        kind=Process.Kind.CORE,
        title="Hemtjänst",
        owner=world.people["enhetschef"],
        purpose="Rätt insats i rätt tid.",
        customer="Äldre som bor hemma",
        result="Ett tryggt liv hemma",
    )
    for order, (title, performer) in enumerate(
        [("Ansökan", "Kontaktcenter"), ("Beslut", "Biståndshandläggare"), ("Insats", "Hemtjänst")],
        start=1,
    ):
        ProcessStep.objects.create(process=process, order=order, title=title, performer=performer)
    return process


def a_unit_survey(world: World) -> Survey:
    """Hemtjänst Norr's brukarundersökning in the årsplan 2026."""
    existing = Survey.objects.filter(title="Brukarenkät Norr").first()
    if existing is not None:
        return existing
    return Survey.objects.create(
        municipality=world.municipality,
        kind=SurveyKind.CUSTOMER,
        title="Brukarenkät Norr",
        year=2026,
        month=3,
        unit=world.units["norr"],
        audience="Brukare i Hemtjänst Norr",
        topic="Bemötande och inflytande",
    )


def hme_indicator(world: World) -> Indicator:
    chain = world.extra["chain"]
    indicator, _created = Indicator.objects.get_or_create(
        goal=chain.goals["personal"],
        year=2026,
        title="Hållbart medarbetarengagemang (HME)",
        defaults={"unit_label": "index", "gender_split": True, "source": "survey"},
    )
    return indicator


def an_employee_survey(world: World, year: int = 2026) -> Survey:
    """The medarbetarenkät of ``year`` with the index HME feeding the HME indicator."""
    SurveyIndex.objects.get_or_create(
        municipality=world.municipality,
        code="HME",
        defaults={
            "kind": SurveyKind.EMPLOYEE,
            "title": "Hållbart medarbetarengagemang",
            "indicator": hme_indicator(world),
        },
    )
    SurveyIndex.objects.get_or_create(
        municipality=world.municipality,
        code="HME-L",
        defaults={"kind": SurveyKind.EMPLOYEE, "title": "Ledarskap"},
    )
    survey, _created = Survey.objects.get_or_create(
        municipality=world.municipality,
        kind=SurveyKind.EMPLOYEE,
        year=year,
        title="Medarbetarenkät",
        defaults={"month": 10, "audience": "Alla medarbetare", "topic": "HME"},
    )
    return survey
