from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import UI
from tests.control import factories as f
from tests.world import World

pytestmark = pytest.mark.browser


def test_a_förvaltningschef_opens_the_heat_map_a_cell_and_the_plan(
    ui: UI, live_world: World
) -> None:
    f.risk(live_world, title="Felaktiga utbetalningar", probability=3, consequence=3)
    f.risk(live_world, title="Sen skyddsbedömning", probability=2, consequence=4)
    f.point(live_world)
    f.common_point(live_world)
    ui.login("forvaltningschef")
    ui.page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Internkontroll"
    ).click()
    ui.check()
    ui.page.get_by_role("link", name="Riskanalys och riskkarta").click()
    ui.check()
    heat_map = ui.page.get_by_role("table", name="Riskkarta")
    expect(heat_map).to_be_visible()
    ui.screenshot("control-heat-map")
    heat_map.get_by_role("link", name="2 risker, sannolikhet 3, konsekvens 3").click()
    ui.check()
    expect(
        ui.page.get_by_role("heading", name="Risker med sannolikhet 3 och konsekvens 3")
    ).to_be_visible()
    expect(ui.page.get_by_role("link", name="Felaktiga utbetalningar", exact=True)).to_be_visible()
    expect(ui.page.get_by_role("link", name="Sen skyddsbedömning")).to_have_count(0)
    ui.page.get_by_role("link", name="Felaktiga utbetalningar av försörjningsstöd").click()
    ui.check()
    ui.page.get_by_role("link", name="Attest av leverantörsfakturor").click()
    ui.check()
    ui.page.get_by_role("link", name="OSN").click()
    ui.check()
    expect(ui.page.get_by_role("heading", level=1)).to_contain_text("Internkontrollplan 2026")
    expect(ui.page.get_by_text("Gemensamt, beslutat av KS")).to_be_visible()
    ui.screenshot("control-plan")


def test_a_nämnd_member_picks_probability_and_consequence_by_their_descriptions(
    ui: UI, live_world: World
) -> None:
    ui.login("namndpolitiker")
    ui.goto("/internkontroll/risker/ny/?ar=2026")
    ui.page.get_by_label("Risk (obligatoriskt)").fill("Brister i hantering av sekretess")
    ui.page.get_by_label("Process eller rutin").fill("Utlämnande av allmän handling")
    ui.page.get_by_label("Kategori").select_option("legal")
    probability = ui.page.get_by_role("group", name="Sannolikhet")
    probability.get_by_label("Det finns en möjlig risk att fel ska uppstå.").check()
    consequence = ui.page.get_by_role("group", name="Konsekvens")
    consequence.get_by_label("Är så stor att fel inte får inträffa.").check()
    ui.screenshot("control-risk-form")
    ui.page.get_by_role("button", name="Spara").click()
    ui.check()
    expect(ui.page.get_by_role("heading", level=1)).to_contain_text(
        "Brister i hantering av sekretess"
    )
    expect(ui.page.get_by_text("12 röd")).to_be_visible()


def test_the_ks_evaluation_and_an_action_are_accessible(ui: UI, live_world: World) -> None:
    action = f.action(live_world)
    result = action.deviation.result
    ui.login("politiker")
    ui.goto("/internkontroll/utvardering/2026/")
    expect(ui.page.get_by_role("table", name="Nämndernas internkontroll 2026")).to_be_visible()
    ui.screenshot("control-evaluation")
    ui.goto(action.get_absolute_url())
    ui.goto(result.get_absolute_url())
    ui.goto("/internkontroll/gemensamma/?ar=2026")
    ui.goto("/internkontroll/planer/?ar=2026")
    ui.goto(f"/internkontroll/planer/{result.point.plan_id}/rapport/{result.period_id}/")
    recommendation = f.recommendation(live_world)
    ui.goto("/internkontroll/revision/")
    ui.goto(recommendation.report.get_absolute_url())
