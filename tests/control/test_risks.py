from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from redthread.control.models import Band, ControlSettings, RiskAssessment, RiskStep
from tests.control import factories as f
from tests.world import World


@pytest.mark.parametrize(
    ("probability", "consequence", "value", "band"),
    [
        (1, 1, 1, Band.GREEN),
        (2, 2, 4, Band.GREEN),
        (1, 4, 4, Band.GREEN),
        (2, 3, 6, Band.YELLOW),
        (2, 4, 8, Band.YELLOW),
        (3, 3, 9, Band.RED),
        (4, 4, 16, Band.RED),
    ],
)
def test_the_risk_value_is_probability_times_consequence_in_its_band(
    world: World, probability: int, consequence: int, value: int, band: Band
) -> None:
    settings = ControlSettings.for_municipality(world.municipality)
    assessment = RiskAssessment(probability=probability, consequence=consequence, year=2026)
    assert assessment.value == value
    assert assessment.band(settings) == band


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (1, Band.GREEN),
        (4, Band.GREEN),
        (5, Band.YELLOW),
        (8, Band.YELLOW),
        (9, Band.RED),
        (16, Band.RED),
    ],
)
def test_the_default_bands_break_at_4_5_and_8_9(world: World, value: int, band: Band) -> None:
    assert ControlSettings.for_municipality(world.municipality).band(value) == band


def test_a_municipality_sets_its_own_bands(world: World) -> None:
    settings = ControlSettings.objects.create(
        municipality=world.municipality, yellow_from=4, red_from=12
    )
    assert settings.band(3) == Band.GREEN
    assert settings.band(4) == Band.YELLOW
    assert settings.band(11) == Band.YELLOW
    assert settings.band(12) == Band.RED
    assert settings.band_ranges() == [(Band.GREEN, 1, 3), (Band.YELLOW, 4, 11), (Band.RED, 12, 16)]


def test_bands_must_rise(world: World) -> None:
    settings = ControlSettings(municipality=world.municipality, yellow_from=9, red_from=5)
    with pytest.raises(ValidationError, match="stigande"):
        settings.full_clean()


def test_the_database_refuses_a_level_outside_1_to_4(world: World) -> None:
    risk = f.risk(world)
    with pytest.raises(ValidationError):
        RiskAssessment(risk=risk, year=2030, probability=5, consequence=1).full_clean()


def test_earlier_assessments_are_kept_when_a_risk_is_reassessed(
    world: World, client_for: Any
) -> None:
    risk = f.risk(world, probability=3, consequence=4, year=2025)
    response = client_for("forvaltningschef").post(
        reverse("control:risk_assess", args=[risk.pk, 2026]),
        {"probability": "2", "consequence": "4", "handling": "plan"},
    )
    assert response.status_code == 302
    assert list(risk.assessments.values_list("year", "probability", "consequence")) == [
        (2026, 2, 4),
        (2025, 3, 4),
    ]
    text = client_for("forvaltningschef").get(risk.get_absolute_url()).content.decode()
    assert "12 röd" in text and "8 gul" in text


def test_accepting_a_risk_needs_a_reason(world: World, client_for: Any) -> None:
    risk = f.risk(world)
    url = reverse("control:risk_assess", args=[risk.pk, 2026])
    response = client_for("namndpolitiker").post(
        url, {"probability": "1", "consequence": "2", "handling": "accepted"}
    )
    assert response.status_code == 200
    assert "Skriv skälet" in response.content.decode()
    assert risk.assessments.get(year=2026).handling == "plan"  # nothing changed
    client_for("namndpolitiker").post(
        url,
        {
            "probability": "1",
            "consequence": "2",
            "handling": "accepted",
            "handling_reason": "Låg sannolikhet och liten skada.",
        },
    )
    assessment = risk.assessments.get(year=2026)
    assert (assessment.handling, assessment.value) == ("accepted", 2)


def test_the_form_shows_each_steps_description_where_it_is_picked(
    world: World, client_for: Any
) -> None:
    text = client_for("forvaltningschef").get(reverse("control:risk_create")).content.decode()
    assert "<legend" in text and "Sannolikhet" in text
    assert "Det är mycket troligt att fel ska uppstå." in text
    assert "Är så stor att fel inte får inträffa." in text


def test_a_municipalitys_own_step_texts_replace_the_defaults(world: World, client_for: Any) -> None:
    RiskStep.objects.create(
        municipality=world.municipality,
        axis="consequence",
        level=4,
        name="Mycket allvarlig",
        description="Liv och hälsa eller stora belopp står på spel.",
    )
    text = client_for("forvaltningschef").get(reverse("control:risk_create")).content.decode()
    assert "Liv och hälsa eller stora belopp står på spel." in text
    assert "Är så stor att fel inte får inträffa." not in text


@time_machine.travel(dt.date(2026, 3, 1), tick=False)
def test_a_new_risk_is_created_with_its_first_assessment(world: World, client_for: Any) -> None:
    response = client_for("forvaltningschef").post(
        reverse("control:risk_create") + "?ar=2026",
        {
            "body": world.bodies["osn"].pk,
            "title": "Brister i hantering av sekretess",
            "process": "Utlämnande av allmän handling",
            "category": "legal",
            "unit": world.units["norr"].pk,
            "bedomning-probability": "2",
            "bedomning-consequence": "3",
            "bedomning-handling": "undecided",
        },
    )
    assert response.status_code == 302
    risk = world.bodies["osn"].risks.get(title="Brister i hantering av sekretess")
    assert risk.assessments.get().value == 6
    assert risk.history.first().history_user == world.users["forvaltningschef"]


def test_a_risk_cannot_name_a_unit_outside_the_nämnds_förvaltning(
    world: World, client_for: Any
) -> None:
    response = client_for("forvaltningschef").post(
        reverse("control:risk_create"),
        {
            "body": world.bodies["osn"].pk,
            "title": "Risk",
            "process": "Process",
            "category": "legal",
            "unit": world.units["haga"].pk,
            "bedomning-probability": "2",
            "bedomning-consequence": "3",
            "bedomning-handling": "undecided",
        },
    )
    assert response.status_code == 200
    assert not world.bodies["osn"].risks.filter(title="Risk").exists()


def test_the_heat_map_counts_each_cell_and_links_to_its_risks(
    world: World, client_for: Any
) -> None:
    f.risk(world, title="A", probability=3, consequence=3)
    f.risk(world, title="B", probability=3, consequence=3)
    f.risk(world, title="C", probability=1, consequence=4)
    f.risk(world, body="un", title="Skolans risk", probability=3, consequence=3)
    client = client_for("forvaltningschef")
    text = client.get(reverse("control:risks") + "?ar=2026").content.decode()
    assert "3 bedömda risker" in text  # UN's risk is not OSN's people's to see
    cell = reverse("control:risks") + "?ar=2026&amp;sannolikhet=3&amp;konsekvens=3#riskerna"
    assert f'<a href="{cell}">2<span class="visually-hidden"> risker' in text
    opened = client.get(
        reverse("control:risks"), {"ar": 2026, "sannolikhet": 3, "konsekvens": 3}
    ).content.decode()
    assert "Risker med sannolikhet 3 och konsekvens 3" in opened
    assert ">A</a>" in opened and ">B</a>" in opened and ">C</a>" not in opened
    assert 'aria-current="true"' in opened


def test_a_ks_member_sees_every_nämnds_risks_on_the_heat_map(world: World, client_for: Any) -> None:
    f.risk(world, title="A")
    f.risk(world, body="un", title="Skolans risk")
    text = client_for("politiker").get(reverse("control:risks") + "?ar=2026").content.decode()
    assert "2 bedömda risker" in text and "Skolans risk" in text


def test_the_risk_page_runs_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(12):
        f.risk(world, title=f"Risk {n}", probability=1 + n % 4, consequence=1 + n // 4 % 4)
    client = client_for("politiker")
    client.get(reverse("control:risks"))
    with django_assert_max_num_queries(16):
        client.get(reverse("control:risks") + "?ar=2026")
