from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from redthread.cycle.models import ReportingPeriod
from redthread.quality.models import CoreValue, ImprovementProposal, Stage
from tests.browser.conftest import UI
from tests.quality.factories import CODE, a_decided_declaration, a_process
from tests.world import World

pytestmark = pytest.mark.browser


def _switch(ui: UI, username: str) -> None:
    ui.page.context.clear_cookies()
    ui.login(username)


def test_a_proposal_goes_from_an_idea_round_the_wheel_to_a_new_way_of_working(
    ui: UI, live_world: World
) -> None:
    CoreValue.objects.create(
        municipality=live_world.municipality,
        title="Samverkan för förbättringar",
        description="Vi ser samverkan som en förutsättning för värdeskapande förbättringar.",
    )
    ui.login("medarbetare")
    expect(ui.page.get_by_text("Samverkan för förbättringar")).to_be_visible()
    ui.page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Kvalitet").click()
    ui.check()
    ui.page.get_by_role("link", name="Lämna ett förslag").first.click()
    ui.check()
    ui.page.get_by_label("Förslag (obligatoriskt)").fill("Fast tid för överrapportering")
    ui.page.get_by_label("Beskrivning").fill("Kvällen får informationen för sent.")
    ui.page.get_by_role("button", name="Spara").click()
    ui.check()
    expect(ui.page.get_by_role("status")).to_contain_text("Förslaget är lämnat till Hemtjänst Norr")

    _switch(ui, "enhetschef")
    ui.page.get_by_role("link", name="Fast tid för överrapportering").click()
    ui.check()
    ui.page.get_by_label("Ägare").select_option(label="Enhetschef Testsson")
    ui.page.get_by_role("button", name="Ta emot och börja planera").click()
    ui.check()
    expect(ui.page.get_by_role("status")).to_contain_text("steget planera")
    moves = [
        (
            "Plan",
            "En fast kvart klockan 14.45 i två veckor.",
            "Planen är klar: genomför",
            "genomför",
        ),
        ("Vad genomfördes?", "Provat i två veckor.", "Genomfört: utvärdera", "utvärdera"),
        ("Vilken effekt blev det?", "Inga missade besök.", "Utvärderat: förbättra", "förbättra"),
    ]
    for label, text, button, stage in moves:
        ui.page.get_by_label(label, exact=True).fill(text)
        ui.page.get_by_role("button", name=button).click()
        ui.check()
        expect(ui.page.get_by_role("status")).to_contain_text(f"steget {stage}")
    expect(ui.page.locator('[aria-current="step"]')).to_contain_text("Förbättra")
    ui.screenshot("quality-proposal-act")
    ui.page.get_by_label("Så här arbetar vi från och med nu").fill("Överrapportering 14.45.")
    ui.page.get_by_role("button", name="Inför som nytt arbetssätt").click()
    ui.check()
    proposal = ImprovementProposal.objects.get(title="Fast tid för överrapportering")
    assert proposal.stage == Stage.DONE
    assert [e.transition for e in proposal.events.all()] == [
        "accept",
        "carry_out",
        "evaluate",
        "improve",
        "adopt",
    ]
    ui.screenshot("quality-proposal-done")


def test_a_citizen_reads_a_declaration_and_its_earlier_version(ui: UI, live_world: World) -> None:
    a_decided_declaration(live_world)
    interim = live_world.extra["chain"].periods["interim"]
    interim.state = ReportingPeriod.State.CLOSED
    interim.save()
    ui.goto("/")
    ui.page.get_by_role("link", name="Kvalitetsdeklarationer").click()
    ui.check()
    ui.page.get_by_role("link", name="Hemtjänst").click()
    ui.check()
    expect(ui.page.get_by_role("heading", name="Håller vi det vi lovar?")).to_be_visible()
    expect(ui.page.get_by_text("Löftet hölls nästan")).to_be_visible()
    expect(ui.page.get_by_role("link", name="Lämna en synpunkt om Hemtjänst")).to_have_attribute(
        "href", f"/synpunkter/lamna/?service={CODE}"
    )
    ui.screenshot("quality-public-declaration")
    ui.page.get_by_role("link", name="Version 1").click()
    ui.check()
    expect(ui.page.get_by_text("Det här är en tidigare version")).to_be_visible()


def test_the_public_declaration_reads_without_javascript(
    browser: Browser, live_server: Any, live_world: World
) -> None:
    a_decided_declaration(live_world)
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{live_server.url}/kvalitet/oppen/kvalitetsdeklarationer/{CODE}/")
    expect(page.get_by_role("heading", name="Kvalitetsdeklaration: Hemtjänst")).to_be_visible()
    expect(page.get_by_text("Din kontaktman gör de flesta av dina besök.").first).to_be_visible()
    context.close()


def test_the_process_map_and_the_register(ui: UI, live_world: World) -> None:
    process = a_process(live_world)
    ui.login("forvaltningschef")
    ui.goto("/kvalitet/processer/")
    ui.page.get_by_role("link", name="Hemtjänst").click()
    ui.check()
    expect(ui.page.get_by_role("img", name="Processkarta: Hemtjänst")).to_be_visible()
    ui.screenshot("quality-process")
    ui.page.get_by_role("link", name="Ändra stegen").click()
    ui.check()
    ui.page.locator("#id_steg-3-order").fill("4")
    ui.page.locator("#id_steg-3-title").fill("Uppföljning")
    ui.page.get_by_role("button", name="Spara stegen").click()
    ui.check()
    assert [s.title for s in process.steps.all()][-1] == "Uppföljning"
