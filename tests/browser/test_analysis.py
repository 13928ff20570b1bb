"""An indicator's comparison in the browser, with the analysis written beside it; axe on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from redthread.analysis.models import ComparisonSettings, KoladaKpi
from redthread.goals.models import FollowUp
from tests.analysis.factories import MEMBERS, figure, from_kolada, group
from tests.browser.conftest import UI
from tests.goals.factories import load_chain
from tests.world import World

pytestmark = pytest.mark.browser


def _compared(world: World) -> int:
    chain = load_chain(world)
    indicator = from_kolada(chain.indicators["nojdhet"])
    KoladaKpi.objects.create(
        code="U21468",
        title="Brukarbedömning hemtjänst äldreomsorg - helhetssyn, andel (%)",
        is_divided_by_gender=True,
        operating_area="Äldre och funktionshinder",
    )
    group()
    ComparisonSettings.objects.create(municipality=world.municipality, group_code="G37466")
    for year in range(2016, 2026):
        figure("U21468", "0586", year, str(80 + (year - 2016) * 0.6))
        figure("U21468", "0586", year, str(82 + (year - 2016) * 0.6), "K")
        figure("U21468", "0586", year, str(78 + (year - 2016) * 0.6), "M")
        figure("U21468", "0005", year, str(84 - (year - 2016) * 0.2))
        figure("U21468", "0000", year, str(85 - (year - 2016) * 0.3))
        for index, code in enumerate(MEMBERS):
            figure("U21468", code, year, str(78 + index + (year % 3)), generated=True)
    return indicator.pk


def test_an_indicators_comparison_with_the_analysis_beside_it(ui: UI, live_world: World) -> None:
    pk = _compared(live_world)

    ui.login("kvalitetsstrateg")
    ui.goto(f"/mal/indikatorer/{pk}/")
    ui.page.get_by_role("link", name="Jämförelse med andra kommuner och analys").click()
    ui.check()
    expect(ui.page.get_by_role("heading", name="Mjölby jämfört över tid")).to_be_visible()
    expect(ui.page.get_by_role("table", name="Jämförelsegruppen 2025, rangordnad")).to_be_visible()
    ui.page.get_by_label("Analys (obligatoriskt)").fill(
        "Nöjdheten ökar och ligger nu över jämförelsegruppens medel men under riket."
    )
    ui.screenshot("analysis-indicator")
    ui.page.get_by_role("button", name="Spara analysen").click()
    ui.check()
    expect(
        ui.page.get_by_text("Analysen för Delår 2026 är sparad i uppföljningen.")
    ).to_be_visible()
    note = FollowUp.objects.get(indicator_id=pk)
    assert note.analysis.startswith("Nöjdheten ökar")

    ui.goto("/analys/")
    ui.screenshot("analysis-overview")
    ui.goto("/analys/nyckeltal/U21468/?grupp=G37466")
    ui.page.get_by_label("Placering för år").select_option("2020")
    ui.page.get_by_role("button", name="Visa").click()
    ui.check()
    expect(ui.page.get_by_role("heading", name="Placering 2020")).to_be_visible()
    ui.goto("/analys/vantande/")
    ui.goto("/analys/hamtningar/")
    ui.goto("/analys/?q=brukar")
