"""The financial statements: resultaträkning, balansräkning, kassaflödesanalys, noter,
driftredovisning and investeringsredovisning, computed from an imported ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from redthread.core.audit import acting_as
from redthread.finance import figures, statements
from redthread.finance.ledger_import import import_ledger
from redthread.finance.models import CapitalBudget, ProjectCode
from tests.finance.factories import FinanceWorld, sie_file, write
from tests.finance.test_demo import demo  # noqa: F401 - the demo fixture

ACCOUNTS = [
    ("1110", "Byggnader"),
    ("1119", "Ackumulerade avskrivningar byggnader"),
    ("1510", "Kundfordringar"),
    ("1930", "Bank"),
    ("2010", "Eget kapital"),
    ("2020", "Resultatutjämningsreserv"),
    ("2230", "Avsättningar för pensioner"),
    ("2310", "Långfristiga lån"),
    ("2440", "Leverantörsskulder"),
    ("3010", "Försäljning"),
    ("5011", "Löner"),
    ("6110", "Kontorsmaterial"),
    ("7810", "Avskrivningar"),
    ("8010", "Kommunalskatt"),
    ("8210", "Inkomstutjämning"),
    ("8410", "Ränteintäkter"),
    ("8510", "Räntekostnader"),
]


def _import(fw: FinanceWorld, tmp_path: Path, name: str, year: int, vouchers: list[Any]) -> None:
    path = write(tmp_path, name, sie_file(vouchers, year=year, accounts=ACCOUNTS))
    import_ledger(path, municipality=fw.world.municipality, user=fw.world.users["ekonom"])


def _year(day: str, scale: int = 1) -> list[Any]:
    """A year's vouchers: operations, taxes, depreciation, an investment, a loan, a provision."""
    y = day[:4]
    return [
        (
            f"{y}0115",
            [
                ("3010", -2_000_000_00 * scale, "1100", "510"),
                ("1510", 2_000_000_00 * scale, "", ""),
            ],
        ),
        (
            f"{y}0120",
            [("1510", -1_500_000_00 * scale, "", ""), ("1930", 1_500_000_00 * scale, "", "")],
        ),
        (
            f"{y}0125",
            [
                ("5011", 9_000_000_00 * scale, "1100", "510"),
                ("1930", -9_000_000_00 * scale, "", ""),
            ],
        ),
        (f"{y}0126", [("6110", 1_000_000_00, "2100", "400"), ("2440", -1_000_000_00, "", "")]),
        (f"{y}0225", [("8010", -8_000_000_00, "9000", ""), ("1930", 8_000_000_00, "", "")]),
        (f"{y}0226", [("8210", -2_500_000_00, "9000", ""), ("1930", 2_500_000_00, "", "")]),
        (f"{y}0301", [("1110", 3_000_000_00, "", ""), ("1930", -3_000_000_00, "", "")]),
        (f"{y}0302", [("1930", 2_000_000_00, "", ""), ("2310", -2_000_000_00, "", "")]),
        (f"{y}0303", [("8510", 50_000_00, "9000", ""), ("1930", -50_000_00, "", "")]),
        (f"{y}0304", [("8410", -10_000_00, "9000", ""), ("1930", 10_000_00, "", "")]),
        (f"{y}1231", [("7810", 400_000_00, "9000", ""), ("1119", -400_000_00, "", "")]),
        (f"{y}1231", [("5011", 300_000_00, "9000", ""), ("2230", -300_000_00, "", "")]),
    ]


@pytest.fixture
def ledger(fw: FinanceWorld, tmp_path: Path) -> FinanceWorld:
    _import(fw, tmp_path, "2025.se", 2025, _year("2025"))
    _import(fw, tmp_path, "2026.se", 2026, _year("2026", scale=2))
    return fw


def test_the_income_statements_result_is_the_ledgers_result_to_the_krona(
    ledger: FinanceWorld,
) -> None:
    m = ledger.world.municipality
    rr = statements.income_statement(m, 2026, unit="kr")
    assert rr.value("result") == figures.result_to_date(m, 2026)
    assert rr.value("result", 1) == figures.result_to_date(m, 2025)
    # The lines, RKR's signs: revenues positive, costs negative.
    assert rr.value("revenue") == 4_000_000
    assert rr.value("costs") == -(18_000_000 + 1_000_000 + 300_000)
    assert rr.value("depreciation") == -400_000
    assert rr.value("net_cost") == 4_000_000 - 19_300_000 - 400_000
    assert rr.value("tax") == 8_000_000
    assert rr.value("grants") == 2_500_000
    assert rr.value("financial_income") == 10_000
    assert rr.value("financial_costs") == -50_000
    assert rr.value("result") == -15_700_000 + 10_500_000 - 40_000
    assert rr.line("revenue").note == "1"
    # A whole year has a budget column from the budget year.
    assert len(rr.columns) == 3
    assert rr.value("tax", 2) == 1_500_000_000
    assert rr.value("result", 2) == ledger.budget_year.budgeted_result()


def test_the_income_statement_for_a_period_compares_with_the_same_period_last_year(
    ledger: FinanceWorld,
) -> None:
    m = ledger.world.municipality
    rr = statements.income_statement(m, 2026, until_month=2)
    assert rr.columns == ["Utfall jan–feb 2026", "Utfall jan–feb 2025"]
    assert rr.value("result") == statements.in_unit(figures.result_to_date(m, 2026, 2) * 100)
    assert rr.value("result", 1) == statements.in_unit(figures.result_to_date(m, 2025, 2) * 100)
    assert rr.unit == "tkr"


def test_a_year_the_ledger_does_not_hold_prints_as_unknown_not_as_zeros(
    ledger: FinanceWorld,
) -> None:
    m = ledger.world.municipality
    rr = statements.income_statement(m, 2025)  # the ledger starts in 2025: no 2024
    assert rr.value("result", 1) is None and rr.value("revenue", 1) is None
    assert rr.value("result") == statements.in_unit(figures.result_to_date(m, 2025) * 100)
    cash = statements.cash_flow(m, 2025)
    assert cash.value("cash_flow", 1) is None
    revenue_note = statements.notes(m, 2025)[0]
    assert all(line.values[1] is None for line in revenue_note.lines)


def test_the_balance_sheet_balances_and_rolls_the_result_into_equity(
    ledger: FinanceWorld,
) -> None:
    m = ledger.world.municipality
    br = statements.balance_sheet(m, 2026, unit="kr")
    for column in (0, 1):
        assert br.value("total_assets", column) == br.value("total_claims", column)
    assert br.columns == ["2026-12-31", "2025-12-31"]
    # Kassa och bank: every 1930 movement of both years.
    bank_2025 = (
        1_500_000 - 9_000_000 + 8_000_000 + 2_500_000 - 3_000_000 + 2_000_000 - 50_000 + 10_000
    )
    bank_2026 = (
        3_000_000 - 18_000_000 + 8_000_000 + 2_500_000 - 3_000_000 + 2_000_000 - 50_000 + 10_000
    )
    assert br.value("cash", 1) == bank_2025
    assert br.value("cash") == bank_2025 + bank_2026
    assert br.value("tangible") == 6_000_000 - 800_000
    assert br.value("result") == figures.result_to_date(m, 2026)
    assert br.value("result", 1) == figures.result_to_date(m, 2025)
    # Last year's result has become part of the other equity.
    assert br.value("other_equity") == figures.result_to_date(m, 2025)
    assert br.value("provisions") == 600_000
    assert br.value("long_term_debt") == 4_000_000
    # A period's balance sheet balances as well.
    august = statements.balance_sheet(m, 2026, until_month=8, unit="kr")
    assert august.columns[0] == "2026-08-31"
    assert august.value("total_assets") == august.value("total_claims")


def test_the_cash_flow_reconciles_with_kassa_och_bank(ledger: FinanceWorld) -> None:
    m = ledger.world.municipality
    for year in (2025, 2026):
        flows = statements.cash_flow_ore(m, year)
        assert flows["cash_closing"] - flows["cash_opening"] == flows["cash_flow"]
        br = statements.balance_sheet(m, year, unit="kr")
        assert statements.kronor(flows["cash_closing"]) == br.value("cash")
    kfa = statements.cash_flow(m, 2026, unit="kr")
    assert kfa.value("result") == figures.result_to_date(m, 2026)
    assert kfa.value("depreciation") == 400_000
    assert kfa.value("provisions") == 300_000
    assert kfa.value("investments") == -3_000_000
    assert kfa.value("long_term_debt") == 2_000_000
    assert kfa.value("cash_opening") == statements.balance_sheet(m, 2025, unit="kr").value("cash")
    assert kfa.value("cash_flow") == kfa.value("cash_closing") - kfa.value("cash_opening")


def test_the_notes_break_the_lines_down_per_account(ledger: FinanceWorld) -> None:
    m = ledger.world.municipality
    notes = {note.number: note for note in statements.notes(m, 2026, unit="kr")}
    revenue = notes["1"]
    assert revenue.title == "Verksamhetens intäkter"
    assert [line.label for line in revenue.lines] == ["3010 Försäljning", "Summa"]
    assert revenue.lines[-1].values == [4_000_000, 2_000_000]
    costs = notes["2"]
    assert {line.key for line in costs.lines} == {"5011", "6110", "total"}
    assert costs.lines[-1].values[0] == statements.income_statement(m, 2026, unit="kr").value(
        "costs"
    )
    assert notes["4"].title == "Skatteintäkter"
    tangible = notes["8"]
    by_key = {line.key: line.values for line in tangible.lines}
    assert by_key["opening"][0] == 3_000_000 - 400_000
    assert by_key["investments"][0] == 3_000_000
    assert by_key["depreciation"][0] == -400_000
    assert by_key["closing"][0] == 6_000_000 - 800_000


def test_the_operating_accounts_equal_the_month_report_for_december(
    ledger: FinanceWorld,
) -> None:
    m = ledger.world.municipality
    report = figures.month_report(m, 2026, 12)
    drift = statements.operating_accounts(m, 2026, unit="kr")
    for row in report.rows:
        line = drift.line(f"body-{row.key}")
        assert line.label == row.body.name  # type: ignore[union-attr]
        assert line.values == [row.budget, row.actual, row.budget - row.actual, row.last_year]
    assert drift.value("total", 1) == report.totals.actual
    assert drift.value("financing", 1) == report.financing.actual  # type: ignore[union-attr]


def test_the_capital_accounts_compare_budget_with_investments_on_the_project(
    fw: FinanceWorld, tmp_path: Path
) -> None:
    m = fw.world.municipality
    with acting_as(fw.world.users["ekonom"]):
        project = ProjectCode.objects.create(
            municipality=m, code="P100", name="Ny förskola", unit=fw.world.units["haga"]
        )
        CapitalBudget.objects.create(
            budget_year=fw.budget_year, project=project, year=2026, amount=5_000_000
        )
    path = write(
        tmp_path,
        "inv.se",
        _project_file([("1110", 3_200_000_00, "P100"), ("1930", -3_200_000_00, "")]),
    )
    import_ledger(path, municipality=m, user=fw.world.users["ekonom"])
    capital = statements.capital_accounts(m, 2026, unit="kr")
    assert capital.line("project-P100").values == [5_000_000, 3_200_000, 1_800_000]
    assert capital.value("total") == 5_000_000
    assert capital.value("total", 2) == 1_800_000
    headings = [line.label for line in capital.lines if line.style == "heading"]
    assert headings == [fw.world.bodies["un"].name]


def _project_file(rows: list[tuple[str, int, str]]) -> bytes:
    import datetime as dt
    import io

    from redthread.finance.sie.writer import SieWriter, Transaction, Voucher

    out = io.StringIO()
    writer = SieWriter(out)
    writer.header(
        company="Mjölby kommun", year=2026, dimensions=[("1", "Ansvar"), ("6", "Projekt")]
    )
    day = dt.date(2026, 5, 4)
    writer.voucher(
        Voucher(
            "A",
            "1",
            day,
            "Investering",
            [Transaction(a, ore, (("6", p),) if p else ()) for a, ore, p in rows],
        )
    )
    return out.getvalue().encode("cp437")


def test_a_year_without_ledger_gives_empty_statements(fw: FinanceWorld) -> None:
    m = fw.world.municipality
    assert statements.income_statement(m, 2030).is_empty
    assert statements.balance_sheet(m, 2030).is_empty
    assert statements.cash_flow(m, 2030).is_empty


def _file_with_opening(
    year: int, opening: list[tuple[str, int]], vouchers: list[tuple[str, list[Any]]]
) -> bytes:
    import datetime as dt
    import io

    from redthread.finance.sie.writer import SieWriter, Transaction, Voucher

    out = io.StringIO()
    writer = SieWriter(out)
    writer.header(company="Mjölby kommun", year=year, dimensions=[("1", "Ansvar")])
    for number, name in ACCOUNTS:
        writer.account(number, name)
    for account, ore in opening:
        writer.opening_balance(account, ore)
    writer.out.write(f"#IB -1 1930 {123}.00\n")  # last year's opening balance: not kept
    for index, (day, rows) in enumerate(vouchers, start=1):
        date = dt.date(int(day[:4]), int(day[4:6]), int(day[6:]))
        writer.voucher(
            Voucher(
                "A",
                str(index),
                date,
                "Test",
                [Transaction(a, ore, (("1", r),) if r else ()) for a, ore, r in rows],
            )
        )
    return out.getvalue().encode("cp437")


def test_the_opening_balance_of_a_sie_file_is_the_start_of_the_balance_sheet(
    fw: FinanceWorld, tmp_path: Path
) -> None:
    m = fw.world.municipality
    opening = [
        ("1110", 50_000_000_00),
        ("1930", 10_000_000_00),
        ("2010", -45_000_000_00),
        ("2020", -5_000_000_00),
        ("2310", -10_000_000_00),
    ]
    january = [("20260115", [("5011", 1_000_000_00, "1100"), ("1930", -1_000_000_00, "")])]
    path = write(tmp_path, "jan.se", _file_with_opening(2026, opening, january))
    import_ledger(path, municipality=m, user=fw.world.users["ekonom"])
    br = statements.balance_sheet(m, 2026, unit="kr")
    assert br.value("cash") == 9_000_000
    assert br.value("cash", 1) == 10_000_000  # the opening balance is last year's closing
    assert br.value("tangible") == 50_000_000
    assert br.value("other_equity") == 50_000_000
    assert br.value("equalisation_reserve") == 5_000_000
    assert br.value("result") == -1_000_000
    assert br.value("total_assets") == br.value("total_claims") == 59_000_000
    flows = statements.cash_flow_ore(m, 2026)
    assert flows["cash_opening"] == 10_000_000_00
    assert flows["cash_flow"] == -1_000_000_00

    # A later file of the year with the same #IB replaces it, not January's transactions.
    february = [("20260215", [("5011", 2_000_000_00, "1100"), ("1930", -2_000_000_00, "")])]
    path = write(tmp_path, "feb.se", _file_with_opening(2026, opening, february))
    import_ledger(path, municipality=m, user=fw.world.users["ekonom"])
    br = statements.balance_sheet(m, 2026, unit="kr")
    assert br.value("cash") == 7_000_000
    assert figures.result_to_date(m, 2026) == -3_000_000
    assert br.value("total_assets") == br.value("total_claims")


@pytest.mark.usefixtures("demo")
def test_the_demo_has_statements_that_balance_and_reconcile() -> None:
    from redthread.finance.models import CompanyAccounts, PersonnelFigures
    from redthread.organisation.models import Municipality

    m = Municipality.objects.current()
    rr = statements.income_statement(m, 2025, unit="kr")
    assert rr.value("result") == figures.result_to_date(m, 2025)
    assert rr.value("depreciation") < 0  # type: ignore[operator]
    br = statements.balance_sheet(m, 2025, unit="kr")
    assert br.value("total_assets") == br.value("total_claims")
    assert br.value("total_assets", 1) == 2_100_000_000  # the opening balance
    assert br.value("equalisation_reserve") == 60_000_000
    flows = statements.cash_flow_ore(m, 2025)
    assert flows["cash_closing"] - flows["cash_opening"] == flows["cash_flow"]
    assert statements.kronor(flows["cash_closing"]) == br.value("cash")
    assert flows["investing"] < 0 < flows["long_term_debt"]
    # 2026 has no opening balance of its own: it rolls forward from 2025.
    august = statements.balance_sheet(m, 2026, until_month=8, unit="kr")
    assert august.value("total_assets") == august.value("total_claims")
    assert august.value("cash", 1) == br.value("cash")
    capital = statements.capital_accounts(m, 2026, unit="kr")
    assert capital.value("total", 1) > 0  # type: ignore[operator]
    group = statements.group_accounts(m, 2025, unit="kr")
    assert len(group.columns) == 5
    assert group.value("total_assets", 4) == group.value("total_claims", 4)
    assert CompanyAccounts.objects.filter(year=2025).count() == 2
    personnel = statements.personnel_figures(m, 2025)
    assert personnel.value("total") == sum(
        p.employees for p in PersonnelFigures.objects.filter(year=2025)
    )


def test_the_statements_page_shows_the_statements_in_tkr(
    ledger: FinanceWorld, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for("politiker")
    client.get(reverse("finance:statements", args=[2026]))  # warm the session
    # A fixed number of aggregates (each statement reads both years), none per account or nämnd.
    with django_assert_max_num_queries(120):
        response = client.get(reverse("finance:statements", args=[2026]))
    text = response.content.decode()
    for heading in (
        "Resultaträkning",
        "Balansräkning",
        "Kassaflödesanalys",
        "Driftredovisning",
        "Investeringsredovisning",
        "Not 1 Verksamhetens intäkter",
        "Not 8 Materiella anläggningstillgångar",
    ):
        assert heading in text
    rr = statements.income_statement(ledger.world.municipality, 2026)
    assert rr.value("revenue") == 4_000  # tkr
    assert ">4\u00a0000<" in text or ">4 000<" in text
