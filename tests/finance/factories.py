"""Finance data on top of the shared world: codes, a budget year 2026, a ledger file.

``finance_world(world)`` returns a namespace with what a test needs, built the same
way every time so a test reads like a sentence.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redthread.core.audit import acting_as
from redthread.finance.models import (
    Account,
    ActivityCode,
    BudgetYear,
    OperatingFrame,
    ResponsibilityCode,
    UnallocatedReserve,
)
from redthread.finance.sie.writer import SieWriter, Transaction, Voucher
from redthread.organisation.models import Decision
from tests.world import World

ACCOUNTS = [
    ("3010", "Försäljning"),
    ("4010", "Material"),
    ("5011", "Löner"),
    ("6110", "Kontorsmaterial"),
    ("8010", "Kommunalskatt"),
    ("8210", "Inkomstutjämning"),
    ("1930", "Bank"),
    ("2440", "Leverantörsskulder"),
]


@dataclass
class FinanceWorld:
    world: World
    budget_year: BudgetYear
    kf_budget: Decision
    ks_decision: Decision
    codes: dict[str, ResponsibilityCode] = field(default_factory=dict)
    activities: dict[str, ActivityCode] = field(default_factory=dict)
    accounts: dict[str, Account] = field(default_factory=dict)


def finance_world(world: World, adopt: bool = True) -> FinanceWorld:
    with acting_as(world.users["ekonom"]):
        m = world.municipality
        kf_budget = Decision.objects.create(
            body=world.bodies["kf"],
            date=dt.date(2025, 11, 24),
            paragraph="150",
            case_number="KS 2025:301",
            title="Mål och budget 2026 med plan 2027–2029",
        )
        ks_decision = Decision.objects.create(
            body=world.bodies["ks"],
            date=dt.date(2026, 3, 10),
            paragraph="44",
            case_number="KS 2026:57",
            title="Tilläggsanslag till hemtjänsten",
        )
        fw = FinanceWorld(
            world=world, budget_year=None, kf_budget=kf_budget, ks_decision=ks_decision
        )  # type: ignore[arg-type]
        for number, name in ACCOUNTS:
            fw.accounts[number] = Account.objects.create(municipality=m, number=number, name=name)
        for code, name in [("510", "Vård och omsorg om äldre"), ("400", "Grundskola")]:
            fw.activities[code] = ActivityCode.objects.create(municipality=m, code=code, name=name)
        fw.codes["norr"] = ResponsibilityCode.objects.create(
            municipality=m, code="1100", name="Hemtjänst Norr", unit=world.units["norr"]
        )
        fw.codes["soder"] = ResponsibilityCode.objects.create(
            municipality=m, code="1200", name="Hemtjänst Söder", unit=world.units["soder"]
        )
        fw.codes["haga"] = ResponsibilityCode.objects.create(
            municipality=m, code="2100", name="Hagaskolan", unit=world.units["haga"]
        )
        fw.codes["finans"] = ResponsibilityCode.objects.create(
            municipality=m, code="9000", name="Finansförvaltning", is_financing=True
        )
        budget_year = BudgetYear.objects.create(
            municipality=m,
            year=2026,
            tax_revenue=1_500_000_000,
            general_grants=500_000_000,
            financial_net=-10_000_000,
            central_costs=40_000_000,
            premises_appropriation=3_000_000,
        )
        fw.budget_year = budget_year
        UnallocatedReserve.objects.create(budget_year=budget_year, amount=10_000_000)
        frames = {"osn": 1_000_000_000, "un": 900_000_000}
        for key, amount in frames.items():
            for offset in range(4):
                OperatingFrame.objects.create(
                    budget_year=budget_year,
                    body=world.bodies[key],
                    year=2026 + offset,
                    amount=amount + offset * 20_000_000,
                )
        if adopt:
            budget_year.adopt_frames(kf_budget)
    return fw


def sie_file(
    vouchers: list[tuple[str, list[tuple[str, int, str, str]]]],
    *,
    year: int = 2026,
    accounts: list[tuple[str, str]] | None = None,
) -> bytes:
    """A SIE 4E file: each voucher is (YYYYMMDD, [(account, öre, ansvar, verksamhet)])."""
    out = io.StringIO()
    writer = SieWriter(out)
    writer.header(
        company="Mjölby kommun", year=year, dimensions=[("1", "Ansvar"), ("20", "Verksamhet")]
    )
    for number, name in accounts or ACCOUNTS:
        writer.account(number, name)
    for index, (day, rows) in enumerate(vouchers, start=1):
        date = dt.date(int(day[:4]), int(day[4:6]), int(day[6:]))
        transactions = []
        for account, ore, resp, activity in rows:
            objects = [(d, o) for d, o in (("1", resp), ("20", activity)) if o]
            transactions.append(Transaction(account, ore, objects))
        writer.voucher(Voucher("A", str(index), date, "Test", transactions))
    return out.getvalue().encode("cp437")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def balanced(
    day: str, amount_ore: int, resp: str = "1100", account: str = "5011"
) -> tuple[str, list[Any]]:
    """A voucher: a cost on ``account``/``resp`` against the bank."""
    return (day, [(account, amount_ore, resp, "510"), ("1930", -amount_ore, "", "")])


def shared_data(folder: str) -> Path:
    """``../shared/data/<folder>`` from the repository root, or ``$REDTHREAD_SHARED_DATA/<folder>``."""
    import os

    root = os.environ.get("REDTHREAD_SHARED_DATA")
    base = Path(root) if root else Path(__file__).resolve().parents[2].parent / "shared" / "data"
    return base / folder
