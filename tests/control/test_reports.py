"""Reporting goes förvaltning -> nämnd -> kommunstyrelsen."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.urls import reverse

from redthread.control.models import ControlReport
from tests.control import factories as f
from tests.world import World


@time_machine.travel(dt.date(2026, 9, 20), tick=False)
def test_the_förvaltning_reports_to_the_nämnd_which_reports_to_ks(
    world: World, client_for: Any
) -> None:
    f.result(world)
    plan, period = f.plan(world), f.period(world)
    url = reverse("control:report", args=[plan.pk, period.pk])
    chef = client_for("forvaltningschef")
    assert "Två av tjugo fakturor saknade attest." in chef.get(url).content.decode()
    chef.post(url, {"summary": "Kontrollerna är gjorda; en avvikelse.", "submit": "1"})
    report = ControlReport.objects.get(plan=plan, period=period)
    assert (report.stage, report.submitted_on) == ("to_body", dt.date(2026, 9, 20))
    # The förvaltning can no longer change it.
    chef.post(url, {"summary": "Ändrad"})
    report.refresh_from_db()
    assert report.summary == "Kontrollerna är gjorda; en avvikelse."
    # The secretary records the nämnd's decision and reports on to KS.
    response = client_for("namndsekreterare").post(
        reverse("control:report_forward", args=[plan.pk, period.pk]),
        {"date": "2026-09-18", "paragraph": "98"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.stage == "to_ks" and report.body_decision is not None
    assert report.body_decision.citation == "OSN 2026-09-18 § 98"
    text = client_for("politiker").get(plan.get_absolute_url()).content.decode()
    assert "Rapporterad till kommunstyrelsen" in text


def test_a_report_needs_a_summary_before_it_goes_to_the_nämnd(
    world: World, client_for: Any
) -> None:
    plan, period = f.point(world).plan, f.period(world)
    response = client_for("forvaltningschef").post(
        reverse("control:report", args=[plan.pk, period.pk]),
        {"summary": " ", "submit": "1"},
        follow=True,
    )
    assert "Skriv förvaltningens sammanfattning" in response.content.decode()
    assert not ControlReport.objects.filter(stage="to_body").exists()


def test_a_report_reaches_ks_only_after_the_nämnd_has_it(world: World, client_for: Any) -> None:
    plan, period = f.point(world).plan, f.period(world)
    response = client_for("namndsekreterare").post(
        reverse("control:report_forward", args=[plan.pk, period.pk]),
        {"date": "2026-09-18", "paragraph": "98"},
        follow=True,
    )
    assert "Förvaltningen behöver först lämna rapporten" in response.content.decode()
