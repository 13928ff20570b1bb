from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import UI

pytestmark = pytest.mark.browser


def test_a_manager_signs_in_and_walks_the_organisation_chart(ui: UI) -> None:
    ui.login("enhetschef")
    expect(ui.page.get_by_role("heading", level=1)).to_contain_text("Välkommen")
    ui.page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Organisation"
    ).click()
    ui.check()
    expect(ui.page.get_by_role("heading", name="Politisk organisation")).to_be_visible()
    ui.page.get_by_role("link", name="Omsorgs- och socialförvaltningen").first.click()
    ui.check()
    expect(ui.page.get_by_role("heading", level=1)).to_have_text("Omsorgs- och socialförvaltningen")
    ui.page.get_by_role("link", name="Äldreomsorg").click()
    ui.check()
    ui.page.get_by_role("link", name="Hemtjänst Norr").click()
    ui.check()
    expect(ui.page.get_by_text("Enhetschef Testsson")).to_be_visible()
    ui.screenshot("organisation-unit")


def test_the_revisor_opens_the_history_of_a_body(ui: UI) -> None:
    ui.login("admin")
    ui.goto("/admin/organisation/body/")
    ui.page.get_by_role("link", name="Utbildningsnämnden").click()
    ui.page.get_by_label("Förkortning").fill("BUN")
    ui.page.get_by_role("button", name="Spara", exact=True).click()
    ui.page.context.clear_cookies()

    ui.login("revisor")
    ui.goto("/organisation/")
    ui.page.get_by_role("link", name="Utbildningsnämnden").first.click()
    ui.check()
    ui.page.get_by_role("link", name="Historik").click()
    ui.check()
    expect(ui.page.get_by_role("heading", level=1)).to_have_text("Historik")
    row = ui.page.get_by_role("row", name="Förkortning").first  # the newest change
    expect(row).to_contain_text("UN")
    expect(row).to_contain_text("BUN")
    ui.screenshot("history")


def test_the_public_start_page_and_the_login_page_are_accessible(ui: UI) -> None:
    ui.goto("/")
    expect(ui.page.get_by_role("link", name="Logga in").first).to_be_visible()
    ui.goto("/konto/logga-in/")
    ui.page.get_by_role("button", name="Logga in").click()
    ui.check()
