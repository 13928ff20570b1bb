"""The detail budget: grid and XLSX, all or nothing, summing to the totalbudget."""

from __future__ import annotations

import io
from typing import Any

from django.urls import reverse
from openpyxl import Workbook, load_workbook

from redthread.finance.models import BudgetLine
from tests.finance.factories import FinanceWorld

TOTAL = 1_000_000_000


def _grid(rows: list[tuple[str, str, str, list[int]]]) -> dict[str, str]:
    data = {"rows": str(len(rows))}
    for i, (resp, act, acc, months) in enumerate(rows):
        data.update({f"r{i}-resp": resp, f"r{i}-act": act, f"r{i}-acc": acc})
        data.update({f"r{i}-m{m + 1:02d}": str(v) for m, v in enumerate(months)})
    return data


def _spread(total: int) -> list[int]:
    base = total // 12
    return [base] * 11 + [total - base * 11]


def test_the_forvaltningschef_enters_the_detail_budget_in_the_grid(
    fw: FinanceWorld, client_for: Any
) -> None:
    osn = fw.world.bodies["osn"].pk
    rows = [
        ("1100", "510", "5011", _spread(700_000_000)),
        ("1200", "510", "5011", _spread(320_000_000)),
        ("1200", "510", "3010", _spread(-20_000_000)),
    ]
    response = client_for("forvaltningschef").post(
        reverse("finance:detail", args=[2026, osn]), _grid(rows)
    )
    assert response.status_code == 302
    assert sum(line.total for line in BudgetLine.objects.all()) == TOTAL
    page = (
        client_for("forvaltningschef")
        .get(reverse("finance:detail", args=[2026, osn]))
        .content.decode()
    )
    assert "0 kr – stämmer" in page


def test_a_grid_that_does_not_match_the_totalbudget_is_refused_with_the_difference(
    fw: FinanceWorld, client_for: Any
) -> None:
    osn = fw.world.bodies["osn"].pk
    response = client_for("ekonom").post(
        reverse("finance:detail", args=[2026, osn]),
        _grid([("1100", "510", "5011", _spread(999_000_000))]),
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Fördela skillnaden, 1\xa0000\xa0000\xa0kr" in text
    assert 'value="83250000"' in text  # what was typed stays in the grid
    assert not BudgetLine.objects.exists()


def test_an_ansvar_of_another_namnd_is_named_with_its_row(
    fw: FinanceWorld, client_for: Any
) -> None:
    osn = fw.world.bodies["osn"].pk
    response = client_for("ekonom").post(
        reverse("finance:detail", args=[2026, osn]),
        _grid(
            [("1100", "510", "5011", _spread(TOTAL - 1)), ("2100", "510", "5011", [1] + [0] * 11)]
        ),
    )
    assert (
        "Rad 2: ansvar 2100 hör inte till Omsorgs- och socialnämnden" in response.content.decode()
    )


def test_the_enhetschef_cannot_change_the_namnds_detail_budget(
    fw: FinanceWorld, client_for: Any
) -> None:
    osn = fw.world.bodies["osn"].pk
    response = client_for("enhetschef").post(reverse("finance:detail", args=[2026, osn]), _grid([]))
    assert response.status_code == 403


def test_the_detail_budget_goes_out_to_excel_and_back(fw: FinanceWorld, client_for: Any) -> None:
    osn = fw.world.bodies["osn"].pk
    client = client_for("ekonom")
    client.post(
        reverse("finance:detail", args=[2026, osn]),
        _grid([("1100", "510", "5011", _spread(TOTAL))]),
    )
    exported = client.get(reverse("finance:detail_export", args=[2026, osn])).content
    workbook = load_workbook(io.BytesIO(exported))
    sheet = workbook["Detaljbudget"]
    assert [c.value for c in sheet[1]][:4] == ["Ansvar", "Verksamhet", "Konto", "jan"]
    sheet["D2"] = sheet["D2"].value - 5_000_000
    sheet.append(["1200", "510", "5011", 5_000_000])
    out = io.BytesIO()
    workbook.save(out)
    upload = io.BytesIO(out.getvalue())
    upload.name = "detaljbudget.xlsx"
    client.post(reverse("finance:detail_import", args=[2026, osn]), {"file": upload})
    lines = {
        line.responsibility.code: line
        for line in BudgetLine.objects.select_related("responsibility")
    }
    assert lines["1200"].m01 == 5_000_000
    assert sum(line.total for line in lines.values()) == TOTAL


def _workbook(rows: list[list[object]], header: list[str] | None = None) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Detaljbudget"
    sheet.append(
        header
        or [
            "Ansvar",
            "Verksamhet",
            "Konto",
            "jan",
            "feb",
            "mar",
            "apr",
            "maj",
            "jun",
            "jul",
            "aug",
            "sep",
            "okt",
            "nov",
            "dec",
            "Summa",
        ]
    )
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    out.name = "budget.xlsx"
    return out


def test_an_excel_error_names_the_sheet_and_the_cell_and_changes_nothing(
    fw: FinanceWorld, client_for: Any
) -> None:
    osn = fw.world.bodies["osn"].pk
    upload = _workbook([["1100", "510", "5011", 1, 2, "tre"]])
    response = client_for("ekonom").post(
        reverse("finance:detail_import", args=[2026, osn]), {"file": upload}, follow=True
    )
    assert "Detaljbudget!F2: tre är inte ett belopp i hela kronor." in response.content.decode()
    assert not BudgetLine.objects.exists()


def test_a_workbook_without_the_sheet_or_with_a_wrong_header_is_refused(
    fw: FinanceWorld, client_for: Any
) -> None:
    osn = fw.world.bodies["osn"].pk
    client = client_for("ekonom")
    wrong = _workbook([], header=["Konto", "Ansvar"])
    text = client.post(
        reverse("finance:detail_import", args=[2026, osn]), {"file": wrong}, follow=True
    ).content.decode()
    assert "Detaljbudget!A1: rubriken ska vara Ansvar, inte Konto." in text
    not_excel = io.BytesIO(b"not a workbook")
    not_excel.name = "budget.xlsx"
    text = client.post(
        reverse("finance:detail_import", args=[2026, osn]), {"file": not_excel}, follow=True
    ).content.decode()
    assert "kan inte läsas som en Excel-arbetsbok" in text
