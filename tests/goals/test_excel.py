from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from redthread.goals import excel
from redthread.goals.models import Actual, Target
from tests.goals.factories import Chain, close_february
from tests.world import World


def _template(world: World) -> Any:
    return load_workbook(BytesIO(excel.export(world.bodies["osn"], 2026)))


def _bytes(workbook: Any) -> BytesIO:
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def _row(sheet: Any, title: str, column: int, value: str) -> int:
    for row in sheet.iter_rows(min_row=2):
        if row[2].value == title and str(row[column].value) == value:
            return row[0].row
    raise AssertionError(f"no row for {title} {value}")


def test_the_template_lists_the_bodys_measures_with_targets_and_periods(
    world: World, chain: Chain
) -> None:
    workbook = _template(world)
    targets = workbook[excel.TARGET_SHEET]
    titles = {r[2].value for r in targets.iter_rows(min_row=2)}
    assert titles == {"Besök av kontaktmannen", "Brukare med fast team"}
    row = _row(targets, "Besök av kontaktmannen", 5, "slutligt")
    assert targets.cell(row, 7).value == 70
    assert workbook[excel.ACTUAL_SHEET].max_row > 10


def test_a_filled_in_template_saves_targets_and_actuals(world: World, chain: Chain) -> None:
    workbook = _template(world)
    targets = workbook[excel.TARGET_SHEET]
    targets.cell(_row(targets, "Brukare med fast team", 5, "preliminärt"), 7).value = "85,5"
    actuals = workbook[excel.ACTUAL_SHEET]
    actuals.cell(_row(actuals, "Brukare med fast team", 4, "2026-11-manad"), 7).value = 88
    result = excel.import_file(world.bodies["osn"], 2026, _bytes(workbook), None)
    assert (result.targets, result.actuals) == (1, 1)
    assert Target.objects.get(measure=chain.measures["team"], kind="preliminary").value == Decimal(
        "85.5"
    )
    assert Actual.objects.get(
        measure=chain.measures["team"], period=chain.periods["nov"]
    ).value == Decimal(88)


def test_a_bad_file_names_sheet_cell_and_problem_and_saves_nothing(
    world: World, chain: Chain
) -> None:
    workbook = _template(world)
    actuals = workbook[excel.ACTUAL_SHEET]
    good = _row(actuals, "Brukare med fast team", 4, "2026-11-manad")
    actuals.cell(good, 7).value = 88
    bad = _row(actuals, "Besök av kontaktmannen", 4, "2026-10-manad")
    actuals.cell(bad, 7).value = "många"
    with pytest.raises(excel.ImportRefused) as refused:
        excel.import_file(world.bodies["osn"], 2026, _bytes(workbook), None)
    assert refused.value.errors == [
        f"Blad Utfall, cell G{bad}: ”många” är inget tal. Skriv ett tal, t.ex. 87,5."
    ]
    assert not Actual.objects.filter(
        measure=chain.measures["team"], period=chain.periods["nov"]
    ).exists()


def test_an_unknown_id_and_a_wrong_kind_are_both_reported(world: World, chain: Chain) -> None:
    workbook = _template(world)
    targets = workbook[excel.TARGET_SHEET]
    targets.cell(2, 2).value = 999999
    targets.cell(3, 6).value = "ungefärligt"
    with pytest.raises(excel.ImportRefused) as refused:
        excel.import_file(world.bodies["osn"], 2026, _bytes(workbook), None)
    text = "\n".join(refused.value.errors)
    assert "cell B2: id 999999 hör inte till Omsorgs- och socialnämnden 2026" in text
    assert "cell F3: skriv preliminärt eller slutligt" in text


def test_a_closed_period_cannot_be_filled_in(world: World, chain: Chain) -> None:
    close_february(world)
    workbook = _template(world)
    actuals = workbook[excel.ACTUAL_SHEET]
    actuals.append(
        ["mått", chain.measures["team"].pk, "Brukare med fast team", "%", "2026-02-manad", "", 50]
    )
    with pytest.raises(excel.ImportRefused, match="februari 2026 är stängd"):
        excel.import_file(world.bodies["osn"], 2026, _bytes(workbook), None)


def test_a_file_that_is_not_excel_is_refused_in_the_page(
    world: World, chain: Chain, client_for: Any
) -> None:
    upload = SimpleUploadedFile("utfall.xlsx", b"not a workbook")
    response = client_for("forvaltningschef").post(
        reverse("goals:excel", args=[world.bodies["osn"].pk, 2026]), {"file": upload}
    )
    assert response.status_code == 400
    assert "ingen Excel-fil" in response.content.decode()
