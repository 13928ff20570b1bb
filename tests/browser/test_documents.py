from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import UI
from tests.documents.factories import internal_document, public_document, with_file
from tests.world import World

pytestmark = pytest.mark.browser


def test_a_citizen_searches_the_register_and_opens_a_political_document(
    ui: UI, live_world: World
) -> None:
    document = public_document(live_world)
    with_file(document, "Riktlinjens text", "riktlinje-hemtjanst.txt")
    internal_document(live_world)
    ui.goto("/styrdokument/")
    ui.page.get_by_label("Titel, diarienummer eller text").fill("hemtjänst")
    ui.page.get_by_role("button", name="Sök").click()
    ui.check()
    expect(ui.page.get_by_role("link", name="Riktlinje för hemtjänst")).to_be_visible()
    expect(ui.page.get_by_text("Rutin för nyckelhantering")).to_have_count(0)
    ui.page.get_by_role("link", name="Riktlinje för hemtjänst").click()
    ui.check()
    expect(ui.page.get_by_role("heading", level=1)).to_contain_text("Riktlinje för hemtjänst")
    expect(ui.page.get_by_text("OSN 2026-01-28 § 5, dnr OSN 2026:12")).to_be_visible()
    with ui.page.expect_download() as download:
        ui.page.get_by_role("link", name="Hämta riktlinje-hemtjanst.txt").click()
    assert download.value.suggested_filename == "riktlinje-hemtjanst.txt"
    ui.screenshot("documents-public")


def test_the_owner_reviews_a_document_and_uploads_a_new_version(ui: UI, live_world: World) -> None:
    document = internal_document(live_world)
    ui.login("enhetschef")
    ui.goto("/styrdokument/?slag=how")
    ui.page.get_by_role("link", name="Rutin för nyckelhantering").click()
    ui.check()
    ui.page.get_by_role("link", name="Registrera aktualitetsprövning").click()
    ui.check()
    ui.page.get_by_label("Dokumentet är aktuellt och fortsätter att gälla").check()
    ui.page.get_by_label("Nästa aktualitetsprövning senast").fill("2028-11-30")
    ui.page.get_by_role("button", name="Registrera prövningen").click()
    ui.check()
    expect(ui.page.get_by_role("status")).to_contain_text("Nästa prövning senast 2028-11-30")
    ui.page.get_by_role("link", name="Ladda upp en ny version av filen").click()
    ui.check()
    ui.page.get_by_label("Fil").set_input_files(
        {"name": "rutin.txt", "mimeType": "text/plain", "buffer": "Nycklar i skåp".encode()}
    )
    ui.page.get_by_label("Vad har ändrats?").fill("Första versionen")
    ui.page.get_by_role("button", name="Ladda upp").click()
    ui.check()
    expect(ui.page.get_by_role("table", name="Versioner")).to_contain_text("Första versionen")
    ui.screenshot("documents-internal")
    assert document.files.count() == 1
