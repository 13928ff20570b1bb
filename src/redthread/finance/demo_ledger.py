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
from redthread.finance.models import BudgetLine, BudgetYear, LedgerImport
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
        number = 0
        for month in months:
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
            pensions, interest = (
                central.central_costs * 100 // 12,
                -central.financial_net * 100 // 12,
            )
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
                        Transaction("8510", interest, finance, day, "Räntor"),
                        Transaction("1930", tax + grants - pensions - interest, (), day, ""),
                    ],
                )
            )


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
    plans = [
        (previous.year, range(1, 13), scale_2025, deviation, previous),
        (
            budget_year.year,
            range(1, 11),
            {},
            {k: v * Decimal("0.7") for k, v in deviation.items()},
            budget_year,
        ),
    ]
    with tempfile.TemporaryDirectory() as directory:
        for year, months, scale, dev, central in plans:
            path = Path(directory) / f"huvudbok-{year}.se"
            write_year(path, year, months, lines, scale, dev, central)
            digest = file_hash(path)
            if (
                LedgerImport.objects.active()
                .filter(municipality=municipality, file_hash=digest)
                .exists()
            ):
                continue
            import_ledger(path, municipality=municipality, user=user, file_name=path.name)
