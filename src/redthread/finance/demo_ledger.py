"""The demo's generated ledger: SIE 4 files for 2025 and January–October 2026, imported
through the same importer as a real file.

Deterministic (a seeded generator), so a second demo load finds the same file hash and
imports nothing. Each nämnd's outcome follows its detail budget with a set deviation,
split into many transactions of varying size.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from redthread.finance.demo_data import DEVIATION
from redthread.finance.ledger_import import file_hash, import_ledger
from redthread.finance.models import BudgetLine, BudgetYear, CapitalBudget, LedgerImport
from redthread.finance.sie.writer import SieWriter, Transaction, Voucher

# About 150 000 transactions a year at scale 1; tests load the demo at a small scale.
TRANSACTIONS_PER_LINE_MONTH = 46
LEDGER_SCALE = 1.0
TEXTS = {
    "3": "Kundfaktura",
    "4": "Leverantörsfaktura",
    "5": "Lön",
    "6": "Leverantörsfaktura",
    "7": "Leverantörsfaktura",
}


# The opening balance of the first year (#IB), in kronor: a balance sheet of Mjölby's size.
OPENING_BALANCES = [
    ("1110", 2_300_000_000),
    ("1119", -700_000_000),
    ("1210", 180_000_000),
    ("1310", 45_000_000),
    ("1410", 5_000_000),
    ("1510", 120_000_000),
    ("1930", 150_000_000),
    ("2010", -950_000_000),
    ("2020", -60_000_000),
    ("2230", -90_000_000),
    ("2310", -780_000_000),
    ("2440", -140_000_000),
    ("2710", -80_000_000),
]
# Of the central costs (pensions in the budget), the share that is depreciation and the
# share of the pensions set aside as a provision rather than paid: the result is the same.
DEPRECIATION_SHARE = Decimal("0.45")
PROVISION_SHARE = Decimal("0.2")
# Reinvestments without a project, per year, and how much of each capital project's
# budget is spent (the investment accounts, with the project code).
REINVESTMENT = 60_000_000
PROJECT_SPEND = {"P2101": Decimal("0.85"), "P2102": Decimal("1.1"), "P2201": Decimal("0.5")}
DEFAULT_SPEND = Decimal("0.9")
NEW_LOANS = {2025: 50_000_000, 2026: 40_000_000}


def _parts(total: int, count: int, rng: random.Random) -> list[int]:
    weights = [rng.random() + 0.05 for _ in range(count)]
    whole = sum(weights)
    parts = [int(total * w / whole) for w in weights]
    parts[-1] += total - sum(parts)
    return parts


def write_year(
    path: Path,
    year: int,
    months: range,
    lines: list[BudgetLine],
    scale: dict[int, Decimal],
    deviation: dict[int, Decimal],
    central: BudgetYear,
    projects: dict[str, int] | None = None,
    opening: bool = False,
) -> None:
    rng = random.Random(586 * 10_000 + year)  # noqa: S311 - repeatable demo data, no secret
    per_line = max(1, int(TRANSACTIONS_PER_LINE_MONTH * LEDGER_SCALE))
    with path.open("w", encoding="cp437", newline="\n") as out:
        writer = SieWriter(out)
        writer.header(
            company="Mjölby kommun (exempeldata)",
            year=year,
            program="Röda tråden demo",
            dimensions=[("1", "Ansvar"), ("20", "Verksamhet"), ("6", "Projekt")],
        )
        if opening:
            for account, kronor in OPENING_BALANCES:
                writer.opening_balance(account, kronor * 100)
        number = 0
        for month in months:
            settle: dict[str, int] = defaultdict(int)
            vouchers: dict[tuple[str, int], list[Transaction]] = defaultdict(list)
            for line in lines:
                factor = scale.get(line.body_id, Decimal(1)) * (
                    1 + deviation.get(line.body_id, Decimal(0))
                )
                total = int(Decimal(line.months[month - 1]) * factor * 100)
                if not total:
                    continue
                objects = (("1", line.responsibility.code), ("20", line.activity.code))
                series = "L" if line.account.number.startswith("5") else ("K" if total < 0 else "A")
                for part in _parts(total, per_line, rng):
                    day = dt.date(year, month, rng.randint(1, 28))
                    vouchers[(series, day.day)].append(
                        Transaction(
                            line.account.number,
                            part,
                            objects,
                            day,
                            TEXTS.get(line.account.number[0], ""),
                        )
                    )
            for (series, day_no), transactions in sorted(vouchers.items()):
                day = dt.date(year, month, day_no)
                for start in range(0, len(transactions), 12):
                    chunk = transactions[start : start + 12]
                    net = sum(t.ore for t in chunk)
                    counter = "2710" if series == "L" else ("1510" if series == "K" else "2440")
                    chunk.append(Transaction(counter, -net, (), day, ""))
                    settle[counter] -= net
                    number += 1
                    writer.voucher(
                        Voucher(
                            series,
                            str(number),
                            day,
                            TEXTS["5" if series == "L" else "4"],
                            chunk,
                        )
                    )
            number += 1
            day = dt.date(year, month, 25)
            finance = (("1", "9000"), ("20", "990"))
            tax, grants = central.tax_revenue * 100 // 12, central.general_grants * 100 // 12
            central_costs, interest = (
                central.central_costs * 100 // 12,
                -central.financial_net * 100 // 12,
            )
            depreciation = int(central_costs * DEPRECIATION_SHARE)
            pensions = central_costs - depreciation
            provision = int(pensions * PROVISION_SHARE)
            writer.voucher(
                Voucher(
                    "S",
                    str(number),
                    day,
                    "Skatteintäkter och statsbidrag",
                    [
                        Transaction("8010", -tax, finance, day, "Preliminär kommunalskatt"),
                        Transaction("8210", -grants, finance, day, "Inkomstutjämning"),
                        Transaction("5710", pensions, finance, day, "Pensioner"),
                        Transaction("2230", -provision, (), day, "Avsättning för pensioner"),
                        Transaction("8510", interest, finance, day, "Räntor"),
                        Transaction(
                            "1930",
                            tax + grants - pensions + provision - interest,
                            (),
                            day,
                            "",
                        ),
                    ],
                )
            )
            number = _balance_vouchers(
                writer, number, year, month, settle, depreciation, projects or {}
            )


def _balance_vouchers(
    writer: SieWriter,
    number: int,
    year: int,
    month: int,
    settle: dict[str, int],
    depreciation: int,
    projects: dict[str, int],
) -> int:
    """Depreciation, investments, loans and the month's payments: the balance sheet's year."""
    day = dt.date(year, month, 28)
    finance = (("1", "9000"), ("20", "990"))
    number += 1
    writer.voucher(
        Voucher(
            "B",
            str(number),
            day,
            "Avskrivningar",
            [
                Transaction("7810", depreciation, finance, day, "Avskrivningar"),
                Transaction("1119", -depreciation, (), day, ""),
            ],
        )
    )
    investments = [Transaction("1110", REINVESTMENT * 100 // 12, (), day, "Reinvesteringar")]
    for code, amount in sorted(projects.items()):
        spend = PROJECT_SPEND.get(code, DEFAULT_SPEND)
        ore = int(Decimal(amount) * spend * 100 / 12)
        account = "1210" if code.startswith("P24") else "1110"
        investments.append(Transaction(account, ore, (("6", code),), day, "Investering"))
    total = sum(t.ore for t in investments)
    number += 1
    writer.voucher(
        Voucher(
            "I",
            str(number),
            day,
            "Investeringar",
            [*investments, Transaction("1930", -total, (), day, "")],
        )
    )
    if month == 6 and year in NEW_LOANS:
        number += 1
        loan = NEW_LOANS[year] * 100
        writer.voucher(
            Voucher(
                "B",
                str(number),
                day,
                "Nytt lån",
                [Transaction("1930", loan, (), day, ""), Transaction("2310", -loan, (), day, "")],
            )
        )
    # Payments: the month's invoices and salaries are paid; December leaves a tenth open.
    share = Decimal("0.9") if month == 12 else Decimal(1)
    payments = [
        Transaction(account, -int(Decimal(amount) * share), (), day, "Betalning")
        for account, amount in sorted(settle.items())
        if amount
    ]
    if payments:
        number += 1
        cash = -sum(t.ore for t in payments)
        writer.voucher(
            Voucher(
                "P",
                str(number),
                day,
                "Betalningar",
                [*payments, Transaction("1930", cash, (), day, "")],
            )
        )
    return number


def load_ledger(context: Any, municipality: Any, user: Any, budget_year: BudgetYear) -> None:
    lines = list(
        BudgetLine.objects.filter(budget_year=budget_year).select_related(
            "responsibility", "activity", "account"
        )
    )
    bodies = context["bodies"]
    deviation = {bodies[key].pk: value for key, value in DEVIATION.items()}
    previous = BudgetYear.objects.get(municipality=municipality, year=budget_year.year - 1)
    now_totals = budget_year.total_budgets()
    then_totals = previous.total_budgets()
    scale_2025 = {
        body: Decimal(then_totals.get(body, total)) / Decimal(total)
        for body, total in now_totals.items()
        if total
    }
    projects = {
        code: int(amount)
        for code, amount in CapitalBudget.objects.filter(
            budget_year=budget_year, year=budget_year.year
        ).values_list("project__code", "amount")
    }
    plans = [
        (previous.year, range(1, 13), scale_2025, deviation, previous, {}, True),
        (
            budget_year.year,
            range(1, 11),
            {},
            {k: v * Decimal("0.7") for k, v in deviation.items()},
            budget_year,
            projects,
            False,
        ),
    ]
    with tempfile.TemporaryDirectory() as directory:
        for year, months, scale, dev, central, investments, opening in plans:
            path = Path(directory) / f"huvudbok-{year}.se"
            write_year(path, year, months, lines, scale, dev, central, investments, opening)
            digest = file_hash(path)
            if (
                LedgerImport.objects.active()
                .filter(municipality=municipality, file_hash=digest)
                .exists()
            ):
                continue
            import_ledger(path, municipality=municipality, user=user, file_name=path.name)
