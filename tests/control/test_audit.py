"""Revisionsrapporter: recommendations, the nämnd's answer, actions followed until done."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.urls import reverse

from redthread.control.models import AuditReport
from tests.control import factories as f
from tests.world import World


@time_machine.travel(dt.date(2026, 5, 20), tick=False)
def test_a_recommendation_is_answered_and_its_actions_followed_until_done(
    world: World, client_for: Any
) -> None:
    strategist = client_for("kvalitetsstrateg")
    strategist.post(
        reverse("control:audit_report_create"),
        {"title": "Granskning av attestrutiner", "issued_on": "2026-03-10"},
    )
    report = AuditReport.objects.get(title="Granskning av attestrutiner")
    strategist.post(
        reverse("control:recommendation_create", args=[report.pk]),
        {"body": world.bodies["osn"].pk, "text": "Inför dubbelkontroll.", "order": "1"},
    )
    recommendation = report.recommendations.get()
    chef = client_for("forvaltningschef")
    chef.post(
        reverse("control:recommendation_answer", args=[recommendation.pk]),
        {
            "answer": "Nämnden inför dubbelkontroll från hösten.",
            "answered_on": "2026-05-20",
            "answer_decision": world.decisions["osn"].pk,
        },
    )
    recommendation.refresh_from_db()
    assert recommendation.is_answered and recommendation.answer_decision == world.decisions["osn"]
    chef.post(
        reverse("control:recommendation_action_create", args=[recommendation.pk]),
        {"title": "Dubbelkontroll", "owner": world.people["enhetschef"].pk, "due_on": "2026-09-30"},
    )
    action = recommendation.actions.get()
    assert action.body == world.bodies["osn"]
    listing = client_for("revisor").get(reverse("control:audit_reports")).content.decode()
    assert "Granskning av attestrutiner" in listing
    client_for("enhetschef").post(
        reverse("control:action_follow_up", args=[action.pk]),
        {"status": "done", "comment": "Infört."},
    )
    text = client_for("revisor").get(report.get_absolute_url()).content.decode()
    assert "Nämnden inför dubbelkontroll från hösten." in text
    assert "Genomförd 2026-05-20" in text


def test_another_nämnds_staff_cannot_answer(world: World, client_for: Any) -> None:
    recommendation = f.recommendation(world, body="un")
    response = client_for("forvaltningschef").get(
        reverse("control:recommendation_answer", args=[recommendation.pk])
    )
    assert response.status_code == 403
