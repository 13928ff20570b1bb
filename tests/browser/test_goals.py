"""A follow-up round in the browser: Anna reports, Erik approves; every page checked by axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from redthread.goals.models import FollowUp
from tests.browser.conftest import UI
from tests.goals.factories import close_february, load_chain, open_period
from tests.world import World

pytestmark = pytest.mark.browser


def test_a_follow_up_round_from_enhetschef_to_forvaltningschef(ui: UI, live_world: World) -> None:
    chain = load_chain(live_world)
    open_period(chain.periods["nov"])

    ui.login("enhetschef")
    expect(ui.page.get_by_text("1 sak att rapportera")).to_be_visible()
    ui.page.get_by_role("link", name="Fasta team runt varje brukare").click()
    ui.check()
    ui.page.get_by_label("Bedömning (obligatoriskt)", exact=True).select_option("yellow")
    ui.page.get_by_label("Analys").fill(
        "Två av tre team är på plats; det tredje startar i december."
    )
    ui.screenshot("followup-form")
    ui.page.get_by_role("button", name="Skicka in").click()
    ui.check()
    expect(ui.page.get_by_text("Du har inget mer att rapportera just nu.")).to_be_visible()
    ui.page.context.clear_cookies()

    ui.login("forvaltningschef")
    ui.goto("/mal/granskning/")
    card = ui.page.locator("article", has_text="Fasta team runt varje brukare")
    expect(card).to_contain_text("Två av tre team är på plats")
    ui.screenshot("review")
    card.get_by_role("button", name="Godkänn").click()
    expect(ui.page.locator("article", has_text="Fasta team runt varje brukare")).to_contain_text(
        "Godkänd"
    )
    ui.check()
    followup = FollowUp.objects.get(activity=chain.activities["team"], period=chain.periods["nov"])
    assert followup.state == FollowUp.State.APPROVED

    ui.goto(f"/mal/ataganden/{chain.commitments['kontinuitet'].pk}/")
    ui.goto(f"/mal/indikatorer/{chain.indicators['nojdhet'].pk}/")
    ui.goto("/mal/?ar=2026")
    ui.screenshot("overview")


def test_the_plan_is_edited_in_place(ui: UI, live_world: World) -> None:
    chain = load_chain(live_world)
    ui.login("enhetschef")
    ui.goto(f"/mal/verksamhetsplan/{live_world.units['norr'].pk}/2026/")
    row_id = f"#activity-{chain.activities['team'].pk}"
    ui.page.locator(row_id).get_by_role("link", name="Ändra").click()
    editing = ui.page.locator(f"tr.editing{row_id}")
    expect(editing.get_by_role("button", name="Spara")).to_be_visible()
    ui.check()
    editing.get_by_label("Genomfört (%)").fill("80")
    editing.get_by_role("button", name="Spara").click()
    expect(ui.page.locator(row_id)).to_contain_text("80 %")
    expect(ui.page.locator("tr.editing")).to_have_count(0)
    ui.check()


def test_the_public_view_is_accessible(ui: UI, live_world: World) -> None:
    load_chain(live_world)
    close_february(live_world)  # citizens see the follow-up of closed periods only
    ui.goto("/mal/oppen/?ar=2026")
    ui.page.get_by_role("link", name="3.1 Äldre upplever trygghet").click()
    ui.check()
