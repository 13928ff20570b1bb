"""The resource allocation model and population data from SCB."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from redthread.core.audit import acting_as
from redthread.finance import allocation
from redthread.finance.models import (
    AgeGroup,
    AllocationAdjustment,
    AllocationModel,
    AllocationYear,
    DemographicDriver,
    PopulationFigure,
)
from redthread.finance.scb import PopulationError, parse_population
from tests.finance.factories import FinanceWorld, shared_data

SHARED_SCB = shared_data("scb")


@pytest.fixture
def model(fw: FinanceWorld) -> AllocationModel:
    """A scenario for 2027 built on the 2026 budget, with preschool driven by demography."""
    world = fw.world
    with acting_as(world.users["ekonom"]):
        group = AgeGroup.objects.create(
            municipality=world.municipality, label="1–5 år", min_age=1, max_age=5
        )
        for year, per_age in ((2026, 300), (2027, 320), (2028, 330)):
            for age in range(1, 6):
                PopulationFigure.objects.create(
                    municipality=world.municipality,
                    year=year,
                    age=age,
                    count=per_age,
                    is_forecast=year > 2026,
                )
        model = AllocationModel.objects.create(
            municipality=world.municipality, budget_year=2027, name="Huvudscenario"
        )
        AllocationYear.objects.create(model=model, year=2027, pkv_percent=Decimal("3.10"))
        AllocationYear.objects.create(model=model, year=2028, pkv_percent=Decimal("2.50"))
        DemographicDriver.objects.create(
            model=model,
            body=world.bodies["un"],
            activity="Förskola",
            age_group=group,
            coverage_percent=Decimal(85),
            cost_per_person=160_000,
        )
        AllocationAdjustment.objects.create(
            model=model,
            body=world.bodies["osn"],
            year=2027,
            kind="grant",
            description="Statsbidrag äldreomsorg upphör",
            amount=-8_000_000,
        )
        AllocationAdjustment.objects.create(
            model=model,
            body=world.bodies["un"],
            year=2027,
            kind="priority",
            description="Fler lärare i lågstadiet",
            amount=5_000_000,
        )
    return model


def test_the_bridge_goes_from_last_years_frame_to_the_proposal(
    model: AllocationModel, fw: FinanceWorld
) -> None:
    result = allocation.compute(model)
    un = next(b for b in result.for_year(2027) if b.body == fw.world.bodies["un"])
    assert un.base == 900_000_000  # 2026 totalbudget
    assert un.demography == 100 * 85 * 160_000 // 100  # 100 more children, 85 % in preschool
    assert un.price_wage == 27_900_000  # 3.10 % of the base
    assert un.priorities == 5_000_000
    assert un.proposal == 900_000_000 + 13_600_000 + 27_900_000 + 5_000_000
    osn = next(b for b in result.for_year(2027) if b.body == fw.world.bodies["osn"])
    assert osn.grants == -8_000_000


def test_each_plan_year_builds_on_the_year_before(model: AllocationModel, fw: FinanceWorld) -> None:
    result = allocation.compute(model)
    un_2027 = next(b for b in result.for_year(2027) if b.body == fw.world.bodies["un"])
    un_2028 = next(b for b in result.for_year(2028) if b.body == fw.world.bodies["un"])
    assert un_2028.base == un_2027.proposal
    assert un_2028.demography == 50 * 85 * 160_000 // 100
    assert any("saknas" in w and "2029" in w for w in result.warnings)  # no population for 2029


def test_scenarios_are_compared_side_by_side(
    model: AllocationModel, fw: FinanceWorld, client_for: Any
) -> None:
    with acting_as(fw.world.users["ekonom"]):
        low = AllocationModel.objects.create(
            municipality=fw.world.municipality, budget_year=2027, name="Lågt PKV"
        )
        AllocationYear.objects.create(model=low, year=2027, pkv_percent=Decimal("2.00"))
    rows = allocation.compare([model, low], 2027)
    un = next(r for r in rows if r.body == fw.world.bodies["un"])
    assert un.proposals[0] - un.proposals[1] == 27_900_000 - 18_000_000 + 13_600_000 + 5_000_000
    page = (
        client_for("politiker")
        .get(reverse("finance:allocation_compare", args=[2027]))
        .content.decode()
    )
    assert "Huvudscenario" in page and "Lågt PKV" in page


def test_the_ekonom_sets_pkv_and_adds_a_driver_on_the_scenario_page(
    model: AllocationModel, client_for: Any, fw: FinanceWorld
) -> None:
    client = client_for("ekonom")
    url = model.get_absolute_url()
    assert client.post(url, {"action": "rates", "pkv-2029": "2,8"}).status_code == 302
    assert AllocationYear.objects.get(model=model, year=2029).pkv_percent == Decimal("2.80")
    group = AgeGroup.objects.get()
    response = client.post(
        url,
        {
            "action": "driver",
            "body": fw.world.bodies["un"].pk,
            "activity": "Grundskola",
            "age_group": group.pk,
            "coverage_percent": "100",
            "cost_per_person": "120 000",
        },
    )
    assert response.status_code == 302 and model.drivers.count() == 2
    assert client_for("medarbetare").post(url, {"action": "rates"}).status_code == 403


# SCB files, built here in the shapes SCB and people who re-save SCB's files produce.
def test_a_pxweb_csv_in_iso_8859_1_with_years_as_columns_is_read() -> None:
    data = '"region","ålder","2024","2025"\r\n"0586 Mjölby","5 år",341,352\r\n"0586 Mjölby","100+ år",3,4\r\n'.encode(
        "iso-8859-1"
    )
    parsed = parse_population(data)
    assert parsed.for_region("0586") == {
        (5, 2024): 341,
        (5, 2025): 352,
        (100, 2024): 3,
        (100, 2025): 4,
    }
    assert parsed.labels["0586"] == "Mjölby"


def test_a_semicolon_csv_with_bom_and_stripped_leading_zero_is_read() -> None:
    data = "\ufeffmunicipality_code;municipality_name;pop2018\r\n586;Mjölby;27373\r\n560;Boxholm;5500\r\n".encode()
    parsed = parse_population(data)
    assert parsed.for_region("0586") == {(None, 2018): 27373}


def test_pxweb_json_v1_and_json_stat_v2_are_read_and_other_dimensions_summed() -> None:
    v1 = {
        "columns": [
            {"code": "Region", "text": "region", "type": "d"},
            {"code": "Kon", "text": "kön", "type": "d"},
            {"code": "Tid", "text": "år", "type": "t"},
            {"code": "BE0101N1", "text": "Folkmängd", "type": "c"},
        ],
        "data": [
            {"key": ["0586", "1", "2025"], "values": ["13800"]},
            {"key": ["0586", "2", "2025"], "values": ["13600"]},
        ],
    }
    assert parse_population(json.dumps(v1).encode()).for_region("0586") == {(None, 2025): 27400}
    v2 = {
        "class": "dataset",
        "id": ["Region", "Alder", "ContentsCode", "Tid"],
        "size": [1, 2, 1, 1],
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        "dimension": {
            "Region": {
                "label": "region",
                "category": {"index": {"0586": 0}, "label": {"0586": "Mjölby"}},
            },
            "Alder": {
                "label": "ålder",
                "category": {"index": {"0": 0, "1": 1}, "label": {"0": "0 år", "1": "1 år"}},
            },
            "ContentsCode": {"label": "tabellinnehåll", "category": {"index": {"BE0101N1": 0}}},
            "Tid": {"label": "år", "category": {"index": {"2024": 0}}},
        },
        "value": [290, 301],
    }
    assert parse_population(json.dumps(v2).encode()).for_region("0586") == {
        (0, 2024): 290,
        (1, 2024): 301,
    }


def test_a_file_for_other_regions_is_refused_naming_them(fw: FinanceWorld, client_for: Any) -> None:
    upload = io.BytesIO('"region","2017"\n"0580 Linköping",158520\n'.encode())
    upload.name = "befolkning.csv"
    response = client_for("ekonom").post(
        reverse("finance:population_import"), {"file": upload}, follow=True
    )
    text = response.content.decode()
    assert "inga värden för Mjölby kommun (0586)" in text and "0580 Linköping" in text
    assert not PopulationFigure.objects.exists()


def test_the_ekonom_imports_a_population_forecast(fw: FinanceWorld, client_for: Any) -> None:
    upload = io.BytesIO("region;ålder;år;antal\n0586 Mjölby;3;2030;310\n".encode())
    upload.name = "prognos.csv"
    client_for("ekonom").post(
        reverse("finance:population_import"), {"file": upload, "is_forecast": "on"}
    )
    figure = PopulationFigure.objects.get()
    assert (figure.year, figure.age, figure.count, figure.is_forecast) == (2030, 3, 310, True)


def test_a_file_that_is_not_population_data_is_refused() -> None:
    with pytest.raises(PopulationError, match="anger inget år"):
        parse_population(b"namn;adress\nA;B\n")


@pytest.mark.conformance
def test_conformance_the_scb_files_in_shared_data_are_read() -> None:
    if not SHARED_SCB.exists():
        pytest.skip(f"Skipped: {SHARED_SCB} does not exist (the shared data is only in CI).")
    files = {p.name: p for p in SHARED_SCB.rglob("*") if p.is_file()}
    assert parse_population(files["befolkning.csv"].read_bytes()).for_region("0586") == {
        (None, 2017): 27019
    }
    assert (
        parse_population(files["population2018.csv"].read_bytes()).for_region("0586")[(None, 2018)]
        > 27000
    )
    for name, path in files.items():
        if name.endswith(".json"):
            parsed = parse_population(path.read_bytes())
            assert parsed.values, name
