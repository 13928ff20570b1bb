"""The social investment fund, the balanskravsutredning and the financial goals."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from redthread.core.audit import acting_as
from redthread.finance.ledger_import import import_ledger
from redthread.finance.models import (
    BalanceRequirement,
    FinancialGoal,
    FundApplication,
    FundCost,
    SocialInvestmentFund,
    deficits,
)
from redthread.finance.services import financial_goal_results
from tests.finance.factories import FinanceWorld, balanced, sie_file, write


def _requirement(fw: FinanceWorld, year: int, result: int, **values: int) -> BalanceRequirement:
    with acting_as(fw.world.users["ekonom"]):
        requirement = BalanceRequirement(
            municipality=fw.world.municipality, year=year, result=result, **values
        )
        requirement.full_clean()
        requirement.save()
        return requirement


def test_the_balanskravsresultat_follows_the_law(fw: FinanceWorld) -> None:
    r = _requirement(
        fw,
        2025,
        50_000_000,
        realisation_gains=8_000_000,
        unrealised_securities=2_000_000,
        reserve_to_rur=10_000_000,
    )
    assert r.adjusted_result == 44_000_000
    assert r.balance_result == 34_000_000


def test_deficits_are_tracked_per_year_of_origin_and_restored_within_three_years(
    fw: FinanceWorld,
) -> None:
    _requirement(fw, 2021, -30_000_000)
    _requirement(fw, 2022, -10_000_000)
    _requirement(fw, 2023, 25_000_000)
    _requirement(fw, 2024, 5_000_000)
    first, second = deficits(fw.world.municipality)
    assert (first.year, first.restored, first.remaining) == (
        2021,
        [(2023, 25_000_000), (2024, 5_000_000)],
        0,
    )
    assert first.status(2025) == "restored"
    assert (second.year, second.remaining, second.deadline) == (2022, 10_000_000, 2025)
    assert second.status(2025) == "open" and second.status(2026) == "overdue"


def test_only_part_of_a_surplus_can_be_earmarked_for_the_fund(fw: FinanceWorld) -> None:
    with pytest.raises(ValidationError, match="Bara en del av ett överskott"):
        _requirement(fw, 2025, 5_000_000, fund_earmark=6_000_000)
    _requirement(fw, 2025, 5_000_000, fund_earmark=3_000_000)


@pytest.fixture
def fund(fw: FinanceWorld) -> SocialInvestmentFund:
    _requirement(fw, 2025, 40_000_000, fund_earmark=4_000_000)
    with acting_as(fw.world.users["ekonom"]):
        return SocialInvestmentFund.objects.create(
            municipality=fw.world.municipality, opening_balance=1_000_000
        )


def _apply(fund: SocialInvestmentFund, fw: FinanceWorld, budget: int) -> FundApplication:
    with acting_as(fw.world.users["forvaltningschef"]):
        return FundApplication.objects.create(
            fund=fund,
            title="Familjecentral",
            applicant=fw.world.units["osf"],
            target_group="Familjer med barn 0–6 år",
            expected_effect="Färre placeringar",
            budget=budget,
            start_year=2026,
            end_year=2027,
        )


def test_the_funds_balance_is_capital_minus_what_is_granted(
    fw: FinanceWorld, fund: SocialInvestmentFund
) -> None:
    application = _apply(fund, fw, 3_000_000)
    application.decide(approve=True, decision=fw.ks_decision)
    assert fund.capital() == 5_000_000 and fund.available() == 2_000_000
    too_much = _apply(fund, fw, 2_500_000)
    with pytest.raises(ValidationError) as refused:
        too_much.decide(approve=True, decision=fw.ks_decision)
    assert "Fonden har 2\xa0000\xa0000\xa0kr att bevilja" in refused.value.messages[0]
    too_much.refresh_from_db()
    assert too_much.state == FundApplication.State.SUBMITTED


def test_costs_are_charged_in_the_year_the_work_is_done_within_the_grant(
    fw: FinanceWorld, fund: SocialInvestmentFund, client_for: Any
) -> None:
    application = _apply(fund, fw, 1_000_000)
    application.decide(approve=True, decision=fw.ks_decision)
    client = client_for("ekonom")
    url = reverse("finance:fund_cost", args=[application.pk])
    client.post(url, {"year": 2026, "description": "Familjebehandlare", "amount": "600 000"})
    client.post(url, {"year": 2028, "description": "För sent", "amount": "1"})
    client.post(url, {"year": 2027, "description": "För mycket", "amount": "500 000"})
    assert list(FundCost.objects.values_list("year", "amount")) == [(2026, 600_000)]
    assert fund.charged() == 600_000


def test_the_financial_goals_are_computed_from_the_ledger(fw: FinanceWorld, tmp_path: Path) -> None:
    with acting_as(fw.world.users["ekonom"]):
        FinancialGoal.objects.create(
            municipality=fw.world.municipality,
            year=2026,
            title="Resultatet ska vara minst 2 % av skatter och bidrag",
            metric=FinancialGoal.Metric.RESULT_SHARE,
            target=Decimal(2),
            decision=fw.kf_budget,
        )
        FinancialGoal.objects.create(
            municipality=fw.world.municipality,
            year=2026,
            title="Nettokostnaden högst 98 %",
            metric=FinancialGoal.Metric.NET_COST_SHARE,
            comparison="lte",
            target=Decimal(98),
            decision=fw.kf_budget,
        )
        FinancialGoal.objects.create(
            municipality=fw.world.municipality,
            year=2026,
            title="Soliditet minst 30 %",
            metric=FinancialGoal.Metric.MANUAL,
            target=Decimal(30),
            decision=fw.kf_budget,
        )
    assert [r["actual"] for r in financial_goal_results(fw.world.municipality, 2026)] == [
        None,
        None,
        None,
    ]
    vouchers = [
        ("20261231", [("8010", -100_000_000_00, "9000", ""), ("1930", 100_000_000_00, "", "")]),
        balanced("20261231", 97_000_000_00),
    ]
    import_ledger(
        write(tmp_path, "y.se", sie_file(vouchers)),
        municipality=fw.world.municipality,
        user=fw.world.users["ekonom"],
    )
    results = financial_goal_results(fw.world.municipality, 2026)
    assert [(r["actual"], r["fulfilled"]) for r in results] == [
        (Decimal("3.00"), True),
        (Decimal("97.00"), True),
        (None, None),
    ]
    assert results[0]["decision"] == "KF 2025-11-24 § 150, dnr KS 2025:301"
    assert {"title", "target", "actual", "fulfilled"} <= set(results[0])
