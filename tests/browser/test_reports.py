"""Browser test for reports: choose a report, preview it, make a PDF in the background and
see the download link appear as the progress bar finishes."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from redthread.reports import registry
from redthread.reports.models import ReportJob
from redthread.reports.tasks import run_job
from tests.browser.conftest import UI
from tests.reports.conftest import stub_build

pytestmark = pytest.mark.browser


def test_the_ekonom_previews_the_arsredovisning_and_makes_a_pdf(
    ui: UI, live_world: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The engine is under test here, not the builders: every kind builds the sample report.
    monkeypatch.setattr(registry.ReportKind, "builder", lambda self: stub_build(self.kind))
    # The task waits in the queue until the test runs it, as the worker would.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ui.login("ekonom")
    ui.goto("/rapporter/")
    expect(ui.page.get_by_role("heading", name="Årsredovisning", level=2)).to_be_visible()
    card = ui.page.get_by_role("region", name="Årsredovisning")
    card.get_by_label("År").select_option("2025")
    card.get_by_role("button", name="Visa rapporten").click()
    ui.page.wait_for_url("**/rapporter/arsredovisning/?ar=2025")
    ui.check()
    expect(ui.page.get_by_role("heading", level=1)).to_have_text("Årsredovisning 2025")
    expect(ui.page.get_by_role("heading", name="God ekonomisk hushållning")).to_be_visible()
    expect(ui.page.get_by_role("table", name="Balanskravsutredning (tkr)")).to_contain_text(
        "48\u00a0213"
    )
    ui.screenshot("reports-preview")
    ui.page.get_by_role("button", name="Skapa PDF").click()
    ui.page.wait_for_url("**/rapporter/jobb/*/")
    ui.check()
    expect(ui.page.get_by_role("status")).to_contain_text("I kö")
    run_job(ReportJob.objects.get().pk)
    expect(ui.page.get_by_role("status")).to_contain_text("Klar", timeout=10_000)
    expect(ui.page.get_by_label("Förlopp")).to_have_attribute("value", "100")
    link = ui.page.get_by_role("link", name="Hämta filen (arsredovisning-2025.pdf)")
    expect(link).to_be_visible()
    ui.check()
    ui.screenshot("reports-pdf-done")
    with ui.page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "arsredovisning-2025.pdf"
