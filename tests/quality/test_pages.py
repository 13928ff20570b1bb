"""Where people start, the area's pages, the kvalitetsredovisning, and pinned query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from redthread.cycle.models import ReportingPeriod
from redthread.goals.models import Actual
from redthread.quality.models import (
    CoreValue,
    ImprovementProposal,
    Process,
    QualityReport,
    ServiceDeclaration,
    ServicePromise,
    Stage,
    Survey,
    SurveyKind,
)
from tests.quality.factories import a_decided_declaration, a_process, a_proposal, a_unit_survey
from tests.world import World

VALUES = [
    ("Medborgare och kunder i fokus", "Vi utgår från medborgarens och kundens behov."),
    ("Professionellt bemötande", "Vi bemöter medborgare och kunder kompetent och respektfullt."),
    ("Samverkan för förbättringar", "Vi ser samverkan som en förutsättning."),
    ("Kreativt förhållningssätt", "Vi är engagerade och modiga."),
]


@pytest.fixture
def values(world: World) -> list[CoreValue]:
    return [
        CoreValue.objects.create(
            municipality=world.municipality, title=title, description=text, order=n
        )
        for n, (title, text) in enumerate(VALUES)
    ]


def test_everyone_starts_with_the_vision_and_the_four_values(
    world: World, client_for: Any, values: list[CoreValue]
) -> None:
    text = client_for("medarbetare").get("/").content.decode()
    assert "Vision 2025" in text and "Världsvan &amp; hemkär" in text
    for title, _text in VALUES:
        assert title in text
    assert text.index("Kreativt förhållningssätt") < text.index("Att rapportera")


def test_citizens_meet_the_vision_and_find_the_declarations_and_the_values(
    world: World, client_for: Any, values: list[CoreValue]
) -> None:
    anonymous = client_for("anonymous")
    start = anonymous.get("/").content.decode()
    assert "Vision 2025: Världsvan &amp; hemkär" in start
    assert reverse("quality:public_declarations") in start
    assert reverse("quality:public_values") in start
    page = anonymous.get(reverse("quality:public_values")).content.decode()
    for title, text in VALUES:
        assert title in page and text in page


def test_the_area_front_page_counts_the_registers(world: World, client_for: Any) -> None:
    a_decided_declaration(world)
    a_process(world)
    a_proposal(world, submitted_on=dt.date(2026, 3, 1))
    text = client_for("revisor").get(reverse("quality:overview") + "?ar=2026").content.decode()
    assert "1 gäller, 1 totalt" in text
    assert "1 process i registret" in text
    assert "1 lämnat 2026" in text


def test_the_kvalitetsredovisning_follows_up_the_nämnds_development_work(
    world: World, client_for: Any
) -> None:
    a_decided_declaration(world)
    a_process(world)
    a_proposal(
        world,
        title="Infört",
        submitted_on=dt.date(2026, 2, 1),
        stage=Stage.DONE,
        effect="Färre missar.",
    )
    a_proposal(world, title="Nytt", submitted_on=dt.date(2026, 5, 1))
    survey = a_unit_survey(world)
    survey.actions_taken = "Fler besök av kontaktmannen."
    survey.save()
    QualityReport.objects.create(
        body=world.bodies["osn"], year=2026, summary="Kontinuiteten har ökat."
    )
    text = (
        client_for("namndpolitiker")
        .get(reverse("quality:report", args=[world.bodies["osn"].pk, 2026]))
        .content.decode()
    )
    assert "Kontinuiteten har ökat." in text
    assert "2 förslag lämnades" in text and "1 är införda" in text
    assert "Infört</a>: Färre missar." in text
    assert "1 process är beskriven." in text
    assert "Din kontaktman gör de flesta av dina besök." in text
    assert "Löftet hölls nästan" in text  # the delår's figure for the year
    assert "Brukarenkät Norr" in text and "Fler besök av kontaktmannen." in text
    assert "Synpunkter" in text


def test_a_feedback_app_can_add_its_figures_to_the_kvalitetsredovisning(
    world: World, client_for: Any
) -> None:
    from redthread.quality import accounting

    def synpunkter(body: Any, year: int) -> accounting.AccountSection:
        return accounting.AccountSection(
            title="Synpunkter och felanmälan", rows=[("Besvarade inom 5 arbetsdagar", "91 %")]
        )

    accounting.register_account_section(synpunkter)
    try:
        text = (
            client_for("kvalitetsstrateg")
            .get(reverse("quality:report", args=[world.bodies["osn"].pk, 2026]))
            .content.decode()
        )
    finally:
        accounting.ACCOUNT_SECTIONS.remove(synpunkter)
    assert "Besvarade inom 5 arbetsdagar" in text and "91 %" in text


def test_the_customer_survey_plan_says_who_asks_whom_what_and_when(
    world: World, client_for: Any
) -> None:
    survey = a_unit_survey(world)
    survey.result_summary = "De flesta är nöjda."
    survey.save()
    proposal = a_proposal(world, title="Bättre information", survey=survey)
    text = (
        client_for("medarbetare")
        .get(reverse("quality:customer_plan", args=[2026]))
        .content.decode()
    )
    for part in (
        "Mars",
        "Hemtjänst Norr",
        "Brukare i Hemtjänst Norr",
        "Bemötande och inflytande",
        "De flesta är nöjda.",
        proposal.title,
    ):
        assert part in text, part


def test_search_finds_quality_objects(world: World, client_for: Any) -> None:
    a_process(world)
    a_proposal(world)
    text = (
        client_for("medarbetare").get(reverse("core:search"), {"q": "Hemtjänst"}).content.decode()
    )
    assert "Process" in text and "Hemtjänst" in text


def _many(world: World) -> None:
    chain = world.extra["chain"]
    for n in range(6):
        declaration = ServiceDeclaration.objects.create(
            municipality=world.municipality,
            code=f"tjanst-{n}",
            service=f"Tjänst {n}",
            body=world.bodies["osn"],
            unit=world.units["aldre"],
            summary="Om tjänsten.",
        )
        for order, measure in enumerate([chain.measures["besok"], chain.measures["team"], None]):
            ServicePromise.objects.create(
                declaration=declaration, text=f"Löfte {order}", measure=measure, order=order
            )
        declaration.decide(world.decisions["osn"])
        Process.objects.create(
            municipality=world.municipality,
            unit=world.units["norr"],
            kind=Process.Kind.MAIN,
            title=f"Process {n}",
            purpose="Syfte",
            customer="Kund",
        )
    for n in range(30):
        ImprovementProposal.objects.create(
            title=f"Förslag {n}",
            description="Idé",
            unit=world.units["norr" if n % 2 else "haga"],
            owner=world.people["enhetschef"],
            stage=[Stage.NEW, Stage.PLAN, Stage.DONE][n % 3],
        )
    for n in range(8):
        Survey.objects.create(
            municipality=world.municipality,
            kind=SurveyKind.CUSTOMER,
            title=f"Enkät {n}",
            year=2026,
            month=n + 1,
            unit=world.units["norr"],
            audience="Brukare",
            topic="Nöjdhet",
        )
    interim = chain.periods["interim"]
    interim.state = ReportingPeriod.State.CLOSED
    interim.save()
    Actual.objects.create(measure=chain.measures["team"], period=interim, value=Decimal("91"))


@pytest.mark.parametrize(
    ("role", "url", "most"),
    [
        ("medarbetare", lambda w: reverse("quality:declarations"), 20),
        ("anonymous", lambda w: reverse("quality:public_declarations"), 8),
        ("anonymous", lambda w: reverse("quality:public_declaration", args=["tjanst-3"]), 12),
        ("medarbetare", lambda w: reverse("quality:proposals"), 14),
        ("medarbetare", lambda w: reverse("quality:proposal_statistics") + "?ar=2026", 10),
        ("medarbetare", lambda w: reverse("quality:processes"), 13),
        ("medarbetare", lambda w: reverse("quality:customer_plan", args=[2026]), 12),
        ("medarbetare", lambda w: reverse("quality:report", args=[w.bodies["osn"].pk, 2026]), 24),
        ("enhetschef", lambda w: "/", 60),
    ],
)
def test_list_pages_run_a_fixed_number_of_queries(
    world: World,
    client_for: Any,
    django_assert_max_num_queries: Any,
    role: str,
    url: Any,
    most: int,
) -> None:
    _many(world)
    client = client_for(role)
    with django_assert_max_num_queries(most):
        assert client.get(url(world)).status_code == 200
