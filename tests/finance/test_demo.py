"""The finance demo: Mjölby-sized, illustrative, and the same after a second load."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from redthread.finance import demo_ledger
from redthread.finance.models import BudgetChange, BudgetYear, LedgerImport, LedgerSummary


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m.__module__.startswith("redthread.") or m.__name__.startswith("Historical")
    }


@pytest.fixture
def demo(
    transactional_db: Any, settings: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    call_command("flush", interactive=False, verbosity=0)
    settings.DEMO_MODE = True
    monkeypatch.setattr(demo_ledger, "LEDGER_SCALE", 0.03)  # a small ledger; the shape is the same
    call_command("load_demo", "--only", "organisation", "cycle", "finance", verbosity=0)


def test_the_finance_demo_loads_twice_to_the_same_data(demo: None) -> None:
    first = _counts()
    call_command("load_demo", "--only", "organisation", "cycle", "finance", verbosity=0)
    assert _counts() == first  # history included: nothing is rewritten or imported again


def test_the_demo_is_a_mjolby_sized_budget_with_changes_and_a_ledger(demo: None) -> None:
    budget = BudgetYear.objects.get(year=2026)
    assert 2_000_000_000 < sum(budget.total_budgets().values()) < 2_200_000_000
    assert set(budget.changes.values_list("kind", flat=True)) == set(BudgetChange.Kind.values)
    assert all(c.decision.is_illustrative for c in budget.changes.exclude(kind="annual"))
    assert budget.plan_years == [2027, 2028, 2029]
    assert LedgerImport.objects.active().count() == 2
    assert (
        LedgerSummary.objects.filter(year=2025).exists()
        and LedgerSummary.objects.filter(year=2026, month=10).exists()
    )
    assert budget.reserve.remaining() >= 0
