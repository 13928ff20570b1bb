"""Follow-up: the month report, forecasts and the municipality's result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from redthread.core.audit import acting_as
from redthread.cycle.models import ReportingPeriod
from redthread.finance import figures
from redthread.finance.ledger_import import import_ledger
from redthread.finance.models import BudgetLine, Forecast
from tests.finance.factories import FinanceWorld, balanced, sie_file, write


def _ledger(
    fw: FinanceWorld, tmp_path: Path, vouchers: list[Any], name: str = "l.se", year: int = 2026
) -> None:
    path = write(tmp_path, name, sie_file(vouchers, year=year))
    import_ledger(path, municipality=fw.world.municipality, user=fw.world.users["ekonom"])


def _period(fw: FinanceWorld, month: int, kind: str = "forecast") -> ReportingPeriod:
    return ReportingPeriod.objects.get(
        municipality=fw.world.municipality, year=2026, kind=kind, end_date__month=month
    )


def test_the_month_report_has_budget_outcome_last_year_and_deviation_per_namnd(
    fw: FinanceWorld, tmp_path: Path
) -> None:
    _ledger(fw, tmp_path, [balanced("20250310", 5_000_000_00)], "2025.se", year=2025)
    _ledger(
        fw,
        tmp_path,
        [
            balanced("20260115", 80_000_000_00),
            balanced("20260310", 90_000_000_00, resp="1200"),
            balanced("20260410", 1_00),
        ],
    )
    report = figures.month_report(fw.world.municipality, 2026, 3)
    osn = next(r for r in report.rows if r.body == fw.world.bodies["osn"])
    assert osn.budget == 1_000_000_000
    assert osn.budget_to_date == 250_000_000  # no detail budget: linear, 3/12
    assert osn.actual == 170_000_000  # April is after the report's month
    assert osn.last_year == 5_000_000
    assert osn.deviation == 80_000_000
    assert osn.status == "green"


def test_budget_to_date_follows_the_detail_budgets_monthly_profile(
    fw: FinanceWorld, tmp_path: Path
) -> None:
    with acting_as(fw.world.users["ekonom"]):
        months = {f"m{m:02d}": 0 for m in range(1, 13)}
        months.update(m01=400_000_000, m12=600_000_000)
        BudgetLine.objects.create(
            budget_year=fw.budget_year,
            body=fw.world.bodies["osn"],
            responsibility=fw.codes["norr"],
            activity=fw.activities["510"],
            account=fw.accounts["5011"],
            **months,
        )
    report = figures.month_report(fw.world.municipality, 2026, 2)
    osn = next(r for r in report.rows if r.body == fw.world.bodies["osn"])
    assert osn.budget_to_date == 400_000_000


def test_a_forecast_shows_in_the_report_with_its_deviation_and_comment(
    fw: FinanceWorld, client_for: Any
) -> None:
    period = _period(fw, 4)
    osn = fw.world.bodies["osn"]
    response = client_for("forvaltningschef").post(
        reverse("finance:forecast_edit", args=[period.pk, osn.pk]),
        {"total": "1 012 000 000", "comment": "Fler brukare i hemtjänsten än budgeterat."},
    )
    assert response.status_code == 302
    report = figures.month_report(fw.world.municipality, 2026, 5)
    row = next(r for r in report.rows if r.body == osn)
    assert row.forecast == 1_012_000_000 and row.forecast_deviation == -12_000_000
    assert row.status == "red"
    page = (
        client_for("politiker")
        .get(reverse("finance:month_report", args=[2026, 5]))
        .content.decode()
    )
    assert "Fler brukare i hemtjänsten" in page and "Över budget" in page


def test_a_forecast_in_a_closed_period_is_refused(fw: FinanceWorld, client_for: Any) -> None:
    period = _period(fw, 4)
    period.close()
    osn = fw.world.bodies["osn"]
    response = client_for("ekonom").post(
        reverse("finance:forecast_edit", args=[period.pk, osn.pk]), {"total": "1"}
    )
    assert response.status_code == 400
    assert "är stängd" in response.content.decode()
    assert not Forecast.objects.exists()


def test_another_forvaltnings_chief_cannot_forecast_for_the_namnd(
    fw: FinanceWorld, client_for: Any
) -> None:
    period = _period(fw, 4)
    response = client_for("forvaltningschef").post(
        reverse("finance:forecast_edit", args=[period.pk, fw.world.bodies["un"].pk]), {"total": "1"}
    )
    assert response.status_code == 403


def test_the_month_report_runs_a_fixed_number_of_queries(
    fw: FinanceWorld, tmp_path: Path, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    _ledger(
        fw,
        tmp_path,
        [
            balanced(f"202601{d:02d}", 1_00, resp=r)
            for d in range(1, 28)
            for r in ("1100", "1200", "2100", "9000")
        ],
    )
    client = client_for("ekonom")
    client.get(reverse("finance:month_report", args=[2026, 3]))
    with django_assert_max_num_queries(16):
        response = client.get(reverse("finance:month_report", args=[2026, 3]))
    assert response.status_code == 200


def test_the_namnds_report_breaks_the_outcome_down_per_verksamhet(
    fw: FinanceWorld, tmp_path: Path, client_for: Any
) -> None:
    _ledger(
        fw,
        tmp_path,
        [
            (
                "20260115",
                [
                    ("5011", 300_00, "1100", "510"),
                    ("5011", 200_00, "1200", "520"),
                    ("1930", -500_00, "", ""),
                ],
            )
        ],
    )
    rows = figures.body_report(fw.world.municipality, fw.world.bodies["osn"], 2026, 1)
    assert {(r.code, r.actual) for r in rows} == {("510", 300), ("520", 200)}
    page = client_for("namndpolitiker").get(
        reverse("finance:month_report_body", args=[2026, 1, fw.world.bodies["osn"].pk])
    )
    assert "Vård och omsorg om äldre" in page.content.decode()


def test_the_result_page_shows_budget_outcome_and_forecast(
    fw: FinanceWorld, tmp_path: Path, client_for: Any
) -> None:
    _ledger(
        fw,
        tmp_path,
        [
            ("20260125", [("8010", -150_000_000_00, "9000", ""), ("1930", 150_000_000_00, "", "")]),
            balanced("20260126", 90_000_000_00),
        ],
    )
    assert figures.result_to_date(fw.world.municipality, 2026) == 60_000_000
    page = client_for("politiker").get(reverse("finance:result", args=[2026])).content.decode()
    assert "<svg" in page and "Resultat per månad" in page
    assert "60,0\xa0mnkr" in page


def test_the_month_report_lists_ansvar_not_mapped_to_a_namnd(
    fw: FinanceWorld, tmp_path: Path, client_for: Any
) -> None:
    _ledger(fw, tmp_path, [balanced("20260115", 100_00, resp="7777")])
    report = figures.month_report(fw.world.municipality, 2026, 1)
    assert report.unmapped is not None and report.unmapped.actual == 100


@pytest.mark.parametrize("month", [0, 13])
def test_a_month_outside_the_year_is_not_found(
    fw: FinanceWorld, client_for: Any, month: int
) -> None:
    assert (
        client_for("ekonom").get(reverse("finance:month_report", args=[2026, month])).status_code
        == 404
    )
