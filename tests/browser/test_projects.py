from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from redthread.projects.models import Tollgate
from tests.browser.conftest import UI
from tests.projects.factories import a_project
from tests.world import World

pytestmark = pytest.mark.browser


def test_the_projektledare_passes_a_project_through_a_tollgate(ui: UI, live_world: World) -> None:
    project = a_project(live_world)
    Tollgate.objects.filter(project=project, order=1).update(planned_date=dt.date(2020, 1, 31))
    ui.login("enhetschef")
    ui.page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Projekt").click()
    ui.check()
    expect(ui.page.get_by_role("heading", name="Idé")).to_be_visible()
    expect(ui.page.get_by_text("1 projekt har en försenad beslutspunkt")).to_be_visible()
    ui.screenshot("projects-portfolio")
    ui.page.get_by_role("link", name="Digital nyckelhantering").click()
    ui.check()
    ui.page.get_by_role("link", name="Registrera beslut: BP1 Beslut om förstudie").click()
    ui.check()
    ui.page.get_by_label("Passera: fasen är klar och projektet går vidare").check()
    ui.page.get_by_label("Beslut och motivering").fill("Idén är godkänd. Förstudie till mars.")
    ui.page.get_by_role("button", name="Registrera beslutet").click()
    ui.check()
    expect(ui.page.get_by_role("status")).to_contain_text("Projektet är nu i fasen Förstudie")
    expect(ui.page.get_by_text("Fas: Förstudie")).to_be_visible()
    ui.screenshot("projects-detail")
    gate = Tollgate.objects.get(project=project, order=1)
    assert gate.outcome == Tollgate.Outcome.PASSED
    assert gate.decided_by == live_world.people["forvaltningschef"]


def test_skipping_a_tollgate_without_a_decision_is_explained(ui: UI, live_world: World) -> None:
    project = a_project(live_world)
    ui.login("forvaltningschef")
    ui.goto(f"/projekt/{project.pk}/beslutspunkter/1/")
    ui.page.get_by_label("Hoppa över", exact=False).check()
    ui.page.get_by_label("Beslut och motivering").fill("Idén är redan beslutad.")
    ui.page.get_by_role("button", name="Registrera beslutet").click()
    ui.check()
    expect(ui.page.get_by_text("hoppas bara över genom ett registrerat beslut")).to_be_visible()
    assert Tollgate.objects.get(project=project, order=1).is_pending
