from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from redthread.cycle.generation import ensure_calendar, ensure_periods
from redthread.cycle.models import CycleEvent
from tests.browser.conftest import UI
from tests.cycle import factories as f
from tests.world import World

pytestmark = pytest.mark.browser


def _this_year(world: World) -> int:
    year = timezone.localdate().year
    ensure_calendar(world.municipality, year)
    ensure_periods(world.municipality, year)
    for event in CycleEvent.objects.filter(year=year, ends_on__lt=timezone.localdate()):
        if event.step.key not in {"prognos_oktober", "namnd_ataganden"}:
            event.completed_on = event.ends_on
            event.save()
    return year


def test_a_manager_reads_the_wheel_and_the_same_content_as_a_table(
    ui: UI, live_world: World
) -> None:
    year = _this_year(live_world)
    ui.login("forvaltningschef")
    nav = ui.page.get_by_role("navigation", name="Huvudmeny")
    nav.get_by_role("link", name="Årshjul").click()
    ui.check()
    expect(ui.page.get_by_role("heading", level=1)).to_have_text(f"Årshjulet {year}")
    expect(ui.page.get_by_role("img", name=f"Årshjulet {year}")).to_be_visible()
    table = ui.page.get_by_role("table", name=f"Årshjulet {year}")
    expect(table.get_by_role("row")).to_have_count(1 + CycleEvent.objects.filter(year=year).count())
    ui.screenshot("cycle-wheel")
    table.get_by_role("link", name="Nämnderna beslutar internkontrollplan").click()
    ui.check()
    expect(ui.page.get_by_role("heading", level=1)).to_have_text(
        "Nämnderna beslutar internkontrollplan"
    )
    ui.page.get_by_role("link", name=f"Årshjulet {year}").click()  # the breadcrumb
    ui.check()
    ui.page.get_by_role("link", name="Mina deadlines", exact=True).click()
    ui.check()
    expect(ui.page.get_by_role("table", name="Kommande")).to_be_visible()
    ui.page.get_by_role("button", name="Skapa min kalenderadress").click()
    ui.check()
    secret = ui.page.get_by_label("Din personliga kalenderadress (visas bara nu)")
    expect(secret).to_have_value(re.compile(r"/arshjul/kalender/[\w-]+\.ics$"))
    ui.screenshot("cycle-my-deadlines")


def test_the_strategist_edits_a_step_and_ticks_one_off(ui: UI, live_world: World) -> None:
    year = _this_year(live_world)
    ui.login("kvalitetsstrateg")
    ui.goto("/arshjul/mall/")
    expect(ui.page.get_by_role("table", name="Stegen i årshjulets mall")).to_be_visible()
    ui.screenshot("cycle-template")
    ui.page.get_by_role("link", name="Kommunfullmäktige beslutar mål och budget").click()
    ui.check()
    ui.screenshot("cycle-step-form")
    event = CycleEvent.objects.get(year=year, step__key="prognos_oktober")
    ui.goto(event.get_absolute_url())
    ui.page.get_by_label("Klart den").fill(min(timezone.localdate(), event.ends_on).isoformat())
    ui.page.get_by_role("button", name="Markera som klart").click()
    ui.check()
    expect(ui.page.get_by_role("status")).to_contain_text("markerat som klart")
    ui.screenshot("cycle-event")


def test_dialogues_and_the_omvarldsanalys_read_well(ui: UI, live_world: World) -> None:
    _this_year(live_world)
    action = f.action(live_world, owner="enhetschef")
    scan = f.scan(live_world)
    ui.login("kvalitetsstrateg")
    ui.goto("/arshjul/dialoger/")
    ui.page.get_by_role("link", name=action.dialogue.title).first.click()
    ui.check()
    ui.screenshot("cycle-dialogue")
    ui.goto("/arshjul/dialoger/ny/")
    ui.screenshot("cycle-dialogue-form")
    ui.goto(scan.get_absolute_url())
    ui.goto("/arshjul/omvarldsanalys/ny/")
    ui.goto("/arshjul/perioder/")
