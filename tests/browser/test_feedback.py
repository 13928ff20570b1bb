"""Synpunkter och felanmälan in a real browser: the public form with JavaScript off and on,
then a handläggare handles the case to closed. axe-core checks every page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from redthread.feedback.models import ServiceRequest
from tests.browser.conftest import UI
from tests.feedback.factories import categories
from tests.world import World

pytestmark = pytest.mark.browser


class NoScriptUI(UI):
    """A phone with JavaScript turned off. axe-core is JavaScript, so it cannot run here:
    the same pages are checked by axe in the tests with JavaScript on."""

    def check(self) -> None:
        self.page.wait_for_load_state("load")
        self.visited.append(self.page.url)


@pytest.fixture
def no_js_ui(browser: Browser, live_server: Any, live_world: World) -> Iterator[UI]:
    context = browser.new_context(
        locale="sv-SE", viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield NoScriptUI(page, live_server.url)
    context.close()


@pytest.fixture
def cats(live_world: World) -> Any:
    return categories(live_world)


def _fill_fault(ui: UI) -> None:
    page = ui.page
    page.get_by_label("Felanmälan").check()
    page.get_by_label("Vad gäller det?").select_option(label="Gatubelysning")
    page.get_by_label("Beskriv").fill("Gatlampan utanför Storgatan 12 är släckt sedan i måndags.")
    page.get_by_label("Adress eller plats").fill("Storgatan 12, Mantorp")


def test_a_citizen_reports_a_fault_without_javascript(no_js_ui: UI, cats: Any) -> None:
    ui = no_js_ui
    ui.goto("/synpunkter/lamna/")
    expect(ui.page.get_by_role("heading", level=1)).to_have_text("Lämna synpunkt eller felanmälan")
    expect(ui.page.get_by_label("E-post")).to_be_visible()  # every field shows without JavaScript
    ui.page.get_by_role("button", name="Skicka").click()
    ui.check()  # the page with errors is accessible too
    expect(ui.page.get_by_role("alert")).to_contain_text("Något behöver rättas")
    _fill_fault(ui)
    ui.page.get_by_label("Jag vill ha svar").check()
    ui.page.get_by_label("E-post").fill("sven@example.se")
    ui.page.get_by_label("Jag samtycker").check()
    ui.screenshot("feedback-form-nojs")
    ui.page.get_by_role("button", name="Skicka").click()
    ui.check()
    case = ServiceRequest.objects.get()
    expect(ui.page.locator("#reference")).to_have_text(case.reference)
    ui.screenshot("feedback-receipt")
    ui.page.get_by_role("link", name="Se ärendets status").click()
    ui.check()
    expect(ui.page.get_by_text("Ny", exact=True)).to_be_visible()
    expect(ui.page.locator("main")).not_to_contain_text("sven@example.se")
    ui.goto("/synpunkter/status/")
    ui.page.get_by_label("Referensnummer").fill(case.reference.lower())
    ui.page.get_by_role("button", name="Visa status").click()
    ui.check()
    expect(ui.page.get_by_role("heading", level=1)).to_contain_text(case.reference)


def test_with_javascript_the_contact_fields_open_on_request_and_the_map_fills_coordinates(
    ui: UI, cats: Any, settings: Any
) -> None:
    settings.REDTHREAD_MAP_TILES_URL = "/static/core/favicon.svg?{z}/{x}/{y}"
    ui.goto("/synpunkter/lamna/")
    expect(ui.page.get_by_label("E-post")).to_be_hidden()
    ui.page.get_by_role("button", name="Skicka").click()
    ui.check()  # the form with its error messages
    _fill_fault(ui)
    ui.page.locator("#map").click(position={"x": 120, "y": 100})
    expect(ui.page.get_by_label("Latitud")).not_to_have_value("")
    ui.page.get_by_label("Jag vill ha svar").check()
    expect(ui.page.get_by_label("E-post")).to_be_visible()
    ui.page.get_by_label("E-post").fill("sven@example.se")
    ui.page.get_by_label("Jag samtycker").check()
    ui.check()
    ui.screenshot("feedback-form-js")
    ui.page.get_by_role("button", name="Skicka").click()
    ui.check()
    case = ServiceRequest.objects.get()
    assert case.latitude is not None and case.contact_email == "sven@example.se"
    ui.page.get_by_role("link", name="Se ärendets status").click()
    ui.check()
    ui.goto("/synpunkter/status/?referens=2026-XXXXXX")  # a miss explains itself


def test_a_handlaggare_handles_the_case_to_closed(ui: UI, cats: Any) -> None:
    ui.goto("/synpunkter/lamna/")
    _fill_fault(ui)
    ui.page.get_by_label("Jag vill ha svar").check()
    ui.page.get_by_label("E-post").fill("sven@example.se")
    ui.page.get_by_label("Jag samtycker").check()
    ui.page.get_by_role("button", name="Skicka").click()
    case = ServiceRequest.objects.get()

    ui.login("handlaggare")
    expect(ui.page.get_by_text("1 öppet ärende i din inkorg")).to_be_visible()
    ui.page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Synpunkter"
    ).click()
    ui.check()
    ui.screenshot("feedback-inbox")
    ui.page.get_by_role("link", name=case.reference).click()
    ui.check()
    ui.page.get_by_label("Handläggare").select_option(label="Handlaggare Testsson")
    ui.page.get_by_role("button", name="Tilldela").click()
    expect(ui.page.get_by_role("status")).to_contain_text("tilldelat")
    ui.page.get_by_label("Ny status").select_option(label="pågår")
    ui.page.get_by_role("button", name="Ändra status").click()
    ui.check()
    ui.page.get_by_role("link", name="Svara").click()
    ui.check()
    ui.page.get_by_label("Börja från en svarsmall").select_option(label="Åtgärdat")
    ui.page.get_by_role("button", name="Använd mallen").click()
    expect(ui.page.get_by_label("Ämnesrad")).to_have_value(f"Ditt ärende {case.reference}")
    ui.page.get_by_role("button", name="Skicka och registrera svaret").click()
    ui.check()
    ui.page.get_by_label("Ny status").select_option(label="avslutad")
    ui.page.get_by_label("Offentlig kommentar").fill("Lampan är bytt.")
    ui.page.get_by_role("button", name="Ändra status").click()
    ui.check()
    ui.screenshot("feedback-case")
    case.refresh_from_db()
    assert case.state == "closed" and case.responded_at is not None

    ui.page.context.clear_cookies()
    ui.goto(f"/synpunkter/status/{case.reference}/")
    expect(ui.page.get_by_text("Avslutad", exact=True)).to_be_visible()
    expect(ui.page.get_by_text("Lampan är bytt.")).to_be_visible()
    ui.screenshot("feedback-status-closed")


def test_the_statistics_page_is_accessible(ui: UI, cats: Any) -> None:
    ui.login("politiker")
    ui.goto("/synpunkter/statistik/")
    expect(ui.page.get_by_role("heading", name="Per kategori")).to_be_visible()
