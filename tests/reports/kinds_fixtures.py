"""A small municipality with a year of data for the report builders' tests.

On top of the shared world (with its goal chain) and the finance world (budget 2026 with
frames for OSN and UN): a ledger for 2025 and 2026 read through the real SIE importer, a
balanskravsutredning, financial goals, a forecast in August, follow-ups with analyses and
an internkontrollplan with a result, a deviation and an action.

The vouchers are kept here as data (``VOUCHERS``) so a test computes what a report should
print from them, independently of the ledger tables the builders read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from redthread.core.audit import acting_as
from redthread.cycle.models import ReportingPeriod
from redthread.finance.ledger_import import import_ledger
from redthread.finance.models import (
    BalanceRequirement,
    FinancialGoal,
    Forecast,
    PersonnelFigures,
)
from redthread.goals.models import FollowUp
from tests.control import factories as control
from tests.finance.factories import FinanceWorld, finance_world, sie_file, write
from tests.world import World

MILLION = 1_000_000_00  # one million kronor in öre

# (date, account, öre, ansvar); each is booked against the bank (1930).
VOUCHERS: dict[int, list[tuple[str, str, int, str]]] = {
    2025: [
        ("20250131", "8010", -140 * MILLION, "9000"),
        ("20250215", "5011", 75 * MILLION, "1100"),
        ("20250610", "4010", 60 * MILLION, "2100"),
        ("20251020", "5011", 12 * MILLION, "1200"),
    ],
    2026: [
        ("20260131", "8010", -150 * MILLION, "9000"),
        ("20260131", "8210", -30 * MILLION, "9000"),
        ("20260115", "5011", 80 * MILLION, "1100"),
        ("20260310", "5011", 40 * MILLION, "1200"),
        ("20260220", "4010", 70 * MILLION, "2100"),
        ("20260405", "3010", -5 * MILLION, "2100"),
        ("20260820", "6110", 3 * MILLION, "1100"),
        ("20261015", "5011", 10 * MILLION, "1100"),
        ("20261020", "8010", -20 * MILLION, "9000"),
    ],
}
# förvaltning, anställda, årsarbetare, sjukfrånvaro %, personalomsättning %
PERSONNEL = [("osf", 900, "850.0", "8.2", "9.0"), ("uf", 1100, "1000.0", "5.1", "6.0")]
BODY_OF = {"1100": "osn", "1200": "osn", "2100": "un"}
ACTIVITY = {"1100": "510", "1200": "510", "2100": "400", "9000": ""}


def result_kr(year: int, until_month: int = 12) -> int:
    """Årets resultat from the vouchers: revenues minus costs on classes 3-8, in kronor."""
    total = sum(
        ore
        for day, account, ore, _resp in VOUCHERS[year]
        if account[0] in "345678" and int(day[4:6]) <= until_month
    )
    return -total // 100


def net_cost_kr(body: str, year: int, until_month: int = 12) -> int:
    """A nämnd's net cost from the vouchers, in kronor."""
    return (
        sum(
            ore
            for day, _account, ore, resp in VOUCHERS[year]
            if BODY_OF.get(resp) == body and int(day[4:6]) <= until_month
        )
        // 100
    )


@dataclass
class ReportWorld:
    world: World
    fw: FinanceWorld

    @property
    def municipality(self) -> Any:
        return self.world.municipality

    def period(self, kind: str, year: int = 2026, month: int = 12) -> ReportingPeriod:
        return ReportingPeriod.objects.get(
            municipality=self.municipality, year=year, kind=kind, end_date__month=month
        )


def load_ledger(fw: FinanceWorld, tmp_path: Path) -> None:
    for year, rows in VOUCHERS.items():
        vouchers = [
            (day, [(account, ore, resp, ACTIVITY[resp]), ("1930", -ore, "", "")])
            for day, account, ore, resp in rows
        ]
        path = write(tmp_path, f"ledger-{year}.se", sie_file(vouchers, year=year))
        import_ledger(path, municipality=fw.world.municipality, user=fw.world.users["ekonom"])


def build_report_world(world: World, tmp_path: Path) -> ReportWorld:
    fw = finance_world(world)
    rw = ReportWorld(world, fw)
    load_ledger(fw, tmp_path)
    m = world.municipality
    chain = world.extra["chain"]
    with acting_as(world.users["ekonom"]):
        fw.budget_year.tax_rate = Decimal("21.64")
        fw.budget_year.save()
        BalanceRequirement.objects.create(
            municipality=m,
            year=2026,
            result=result_kr(2026),
            realisation_gains=2_000_000,
            unrealised_securities=500_000,
            reserve_to_rur=10_000_000,
            decision=fw.kf_budget,
        )
        FinancialGoal.objects.create(
            municipality=m,
            year=2026,
            title="Resultatet ska vara minst 2 procent av skatter och bidrag",
            metric=FinancialGoal.Metric.RESULT_SHARE,
            target=Decimal(2),
            decision=fw.kf_budget,
        )
        for unit, employees, fte, sick, turnover in PERSONNEL:
            PersonnelFigures.objects.create(
                unit=world.units[unit],
                year=2026,
                employees=employees,
                full_time_equivalents=Decimal(fte),
                sick_leave_percent=Decimal(sick),
                turnover_percent=Decimal(turnover),
            )
        Forecast.objects.create(
            period=rw.period("forecast", month=8),
            body=world.bodies["osn"],
            amount=1_010_000_000,
            comment="Ökade kostnader för hemtjänsten.",
        )
    annual = chain.periods["annual"]
    FollowUp.objects.create(
        period=annual,
        goal=chain.goals["barn"],
        status="green",
        analysis="Fler barn får tidigt stöd än året innan.",
        state=FollowUp.State.APPROVED,
        author=world.users["kvalitetsstrateg"],
    )
    FollowUp.objects.create(
        period=annual,
        commitment=chain.commitments["kontinuitet"],
        status="yellow",
        analysis="Kontinuiteten har ökat men når inte målvärdet.",
        state=FollowUp.State.SUBMITTED,
        author=world.users["forvaltningschef"],
    )
    FollowUp.objects.create(
        period=annual,
        goal=chain.goals["personal"],
        status="red",
        analysis="Utkast som inte ska synas.",
        state=FollowUp.State.DRAFT,
        author=world.users["kvalitetsstrateg"],
    )
    control.action(world)
    return rw


@pytest.fixture(autouse=True)
def _swedish() -> Iterator[None]:
    with translation.override("sv"):
        yield


@pytest.fixture
def rw(world: World, tmp_path: Path) -> ReportWorld:
    return build_report_world(world, tmp_path)


def table(section: Any, caption_start: str = "") -> Any:
    """The first table of ``section`` whose caption starts with ``caption_start``."""
    from redthread.reports.document import Table

    for block in section.blocks:
        if isinstance(block, Table) and block.caption.startswith(caption_start):
            return block
    raise AssertionError(f"no table {caption_start!r} in {section.key}")


def cell(found: Any, row_label: str, column_label: str) -> Any:
    """The value in the row whose first cell is ``row_label``, under ``column_label``."""
    index = [c.label for c in found.columns].index(column_label)
    for row in found.rows:
        if row.cells[0] == row_label:
            return row.cells[index]
    raise AssertionError(f"no row {row_label!r} in {found.caption}")


def key_figure(section: Any, label: str) -> Any:
    from redthread.reports.document import KeyFigures

    for block in section.blocks:
        if isinstance(block, KeyFigures):
            for item in block.items:
                if item.label == label:
                    return item.value
    raise AssertionError(f"no key figure {label!r} in {section.key}")


def paragraphs(report: Any) -> list[str]:
    from redthread.reports.document import Paragraph

    return [b.text for _level, s in report.walk() for b in s.blocks if isinstance(b, Paragraph)]
