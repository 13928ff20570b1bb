"""Browser tests for ekonomistyrningen: the ledger import with its progress bar, the budget
bridge after a tilläggsanslag, the month report and the detail budget grid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from redthread.finance.models import ImportJob
from redthread.finance.tasks import run_import
from tests.browser.conftest import UI
from tests.finance.factories import balanced, finance_world, sie_file

pytestmark = pytest.mark.browser


def test_the_ekonom_imports_the_ledger_and_follows_the_progress_bar(
    ui: UI, live_world: Any, settings: Any, tmp_path: Path
) -> None:
    finance_world(live_world)
    # The task waits in the queue until the test runs it, as the worker would.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    path = tmp_path / "huvudbok-januari.se"
    path.write_bytes(sie_file([balanced(f"202601{d:02d}", 10_000_00 * d) for d in range(1, 29)]))
    ui.login("ekonom")
    ui.goto("/ekonomi/huvudbok/")
    ui.page.get_by_label("Fil från ekonomisystemet").set_input_files(str(path))
    ui.page.get_by_role("button", name="Läs in", exact=True).click()
    ui.page.wait_for_url("**/ekonomi/huvudbok/jobb/*/")
    ui.check()
    progress = ui.page.get_by_label("Förlopp")
    expect(progress).to_be_visible()
    expect(ui.page.get_by_role("status")).to_contain_text("I kö")
    ui.screenshot("finance-import-queued")
    run_import(ImportJob.objects.get().pk)
    expect(ui.page.get_by_role("status")).to_contain_text("Inläst", timeout=10_000)
    expect(progress).to_have_attribute("value", "100")
    expect(ui.page.get_by_text("2026-01")).to_be_visible()
    ui.check()
    ui.screenshot("finance-import-done")
    ui.page.get_by_role("link", name="Vad som ändrats och vad som inte kunde kopplas").click()
    ui.check()
    expect(ui.page.get_by_role("heading", level=1)).to_have_text("huvudbok-januari.se")


def test_a_tillaggsanslag_adds_a_row_to_the_budget_bridge(ui: UI, live_world: Any) -> None:
    fw = finance_world(live_world)
    ui.login("ekonom")
    ui.goto("/ekonomi/budget/2026/andringar/ny/tillaggsanslag/")
    ui.page.get_by_label("Rubrik").fill("Ökad volym i hemtjänsten")
    ui.page.get_by_label("Beslut", exact=False).first.select_option(label=str(fw.ks_decision))
    ui.page.get_by_label("Nämnd 1").select_option(label="Omsorgs- och socialnämnden")
    ui.page.get_by_label("Belopp 1").fill("2 500 000")
    ui.page.get_by_role("button", name="Bokför").click()
    ui.check()
    expect(ui.page.get_by_text("Tilläggsanslag är bokfört")).to_be_visible()
    ui.page.get_by_role("link", name="Visa Omsorgs- och socialnämnden").click()
    ui.check()
    expect(ui.page.get_by_role("heading", level=1)).to_contain_text(
        "Budgetbrygga Omsorgs- och socialnämnden 2026"
    )
    rows = ui.page.get_by_role("row")
    expect(rows.filter(has_text="KF 2025-11-24 § 150")).to_contain_text(
        "1\xa0000\xa0000\xa0000\xa0kr"
    )
    expect(rows.filter(has_text="KS 2026-03-10 § 44")).to_contain_text("+2\xa0500\xa0000\xa0kr")
    expect(rows.filter(has_text="Totalbudget")).to_contain_text("1\xa0002\xa0500\xa0000\xa0kr")
    ui.screenshot("finance-bridge")


def test_the_month_report_result_and_detail_budget_are_accessible(
    ui: UI, live_world: Any, tmp_path: Path
) -> None:
    from redthread.finance.ledger_import import import_ledger

    fw = finance_world(live_world)
    vouchers = [
        balanced(f"2026{m:02d}15", 70_000_000_00, resp=r)
        for m in (1, 2, 3)
        for r in ("1100", "1200", "2100")
    ]
    vouchers.append(
        ("20260125", [("8010", -600_000_000_00, "9000", ""), ("1930", 600_000_000_00, "", "")])
    )
    path = tmp_path / "q1.se"
    path.write_bytes(sie_file(vouchers))
    import_ledger(path, municipality=fw.world.municipality, user=fw.world.users["ekonom"])
    ui.login("politiker")
    ui.goto("/ekonomi/uppfoljning/2026/3/")
    expect(
        ui.page.get_by_role("img", name="Budget och utfall till och med mars 2026")
    ).to_be_visible()
    ui.screenshot("finance-month-report")
    ui.page.get_by_role("link", name="Omsorgs- och socialnämnden").first.click()
    ui.check()
    ui.goto("/ekonomi/resultat/2026/")
    ui.screenshot("finance-result")
    ui.goto(f"/ekonomi/budget/2026/namnd/{fw.world.bodies['osn'].pk}/detaljbudget/")
    ui.goto("/ekonomi/budget/2026/")
    ui.screenshot("finance-budget")
    ui.page.context.clear_cookies()
    ui.login("ekonom")
    ui.goto(f"/ekonomi/budget/2026/namnd/{fw.world.bodies['osn'].pk}/detaljbudget/")
    ui.screenshot("finance-detail-grid")
