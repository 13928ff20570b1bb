from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.urls import reverse

from redthread.control.models import Action, ControlResult, ControlSettings
from redthread.control.overview import body_statuses
from redthread.cycle.models import ReportingPeriod
from tests.control import factories as f
from tests.world import World


@time_machine.travel(dt.date(2026, 9, 10), tick=False)
def test_a_result_leads_to_a_deviation_an_action_and_its_follow_up_until_done(
    world: World, client_for: Any
) -> None:
    point = f.point(world, responsible="enhetschef_soder")
    period = f.period(world)
    # The responsible person records the result of the delår occasion.
    soder = client_for("enhetschef_soder")
    response = soder.post(
        reverse("control:result_record", args=[point.pk, period.pk]),
        {
            "checked_by": world.people["enhetschef_soder"].pk,
            "checked_on": "2026-09-08",
            "outcome": "done",
            "findings": "Två av tjugo fakturor saknade attest.",
        },
    )
    result = ControlResult.objects.get(point=point, period=period)
    assert response["Location"] == result.get_absolute_url()
    # The deviation, with its severity.
    response = soder.post(
        reverse("control:deviation_create", args=[result.pk]),
        {"description": "Fakturor utan attest", "severity": "3"},
    )
    deviation = result.deviations.get()
    assert deviation.get_severity_display() == "allvarlig"
    # The förvaltningschef decides an action with an owner and a due date.
    chef = client_for("forvaltningschef")
    chef.post(
        reverse("control:deviation_action_create", args=[deviation.pk]),
        {
            "title": "Utbilda attestanter",
            "owner": world.people["enhetschef"].pk,
            "due_on": "2026-10-31",
        },
    )
    action = deviation.actions.get()
    assert (action.body, action.status) == (world.bodies["osn"], Action.Status.PLANNED)
    # The owner follows it up until it is done.
    anna = client_for("enhetschef")
    anna.post(
        reverse("control:action_follow_up", args=[action.pk]),
        {"status": "in_progress", "comment": "Utbildningen är bokad."},
    )
    anna.post(
        reverse("control:action_follow_up", args=[action.pk]),
        {"status": "done", "comment": "Alla attestanter är utbildade."},
    )
    action.refresh_from_db()
    assert action.status == Action.Status.DONE and action.done_on == dt.date(2026, 9, 10)
    assert [u.status for u in action.follow_ups.order_by("pk")] == ["in_progress", "done"]
    text = client_for("namndpolitiker").get(action.get_absolute_url()).content.decode()
    assert "Alla attestanter är utbildade." in text and "Genomförd" in text


def test_a_result_in_a_closed_period_is_refused_and_nothing_changes(
    world: World, client_for: Any
) -> None:
    point = f.point(world)
    period = f.period(world)
    period.close()
    response = client_for("forvaltningschef").post(
        reverse("control:result_record", args=[point.pk, period.pk]),
        {
            "checked_by": world.people["enhetschef"].pk,
            "checked_on": "2026-09-08",
            "outcome": "done",
            "findings": "Sent resultat.",
        },
        follow=True,
    )
    assert "är stängd och kan inte ändras" in response.content.decode()
    assert not ControlResult.objects.exists()


def test_a_deviation_cannot_be_added_once_the_period_is_closed(
    world: World, client_for: Any
) -> None:
    result = f.result(world)
    result.period.close()
    response = client_for("forvaltningschef").post(
        reverse("control:deviation_create", args=[result.pk]),
        {"description": "Sen avvikelse", "severity": "1"},
        follow=True,
    )
    assert "är stängd" in response.content.decode()
    assert not result.deviations.exists()


def test_only_the_points_periods_take_results(world: World, client_for: Any) -> None:
    point = f.point(world)
    april = ReportingPeriod.objects.get(
        municipality=world.municipality, kind="forecast", end_date=dt.date(2026, 4, 30)
    )
    response = client_for("forvaltningschef").get(
        reverse("control:result_record", args=[point.pk, april.pk])
    )
    assert response.status_code == 404


def test_a_second_writer_sees_a_conflict_instead_of_overwriting(
    world: World, client_for: Any
) -> None:
    result = f.result(world)
    stale_version = result.version
    result.findings = "Ändrad av någon annan."
    result.save()
    response = client_for("forvaltningschef").post(
        reverse("control:result_record", args=[result.point_id, result.period_id]),
        {
            "checked_by": world.people["enhetschef"].pk,
            "checked_on": "2026-09-05",
            "outcome": "done",
            "findings": "Min version.",
            "version": stale_version,
        },
    )
    assert "Någon annan har ändrat uppgifterna" in response.content.decode()
    result.refresh_from_db()
    assert result.findings == "Ändrad av någon annan."


def test_a_result_cannot_be_dated_in_the_future(world: World, client_for: Any) -> None:
    point = f.point(world)
    response = client_for("forvaltningschef").post(
        reverse("control:result_record", args=[point.pk, f.period(world).pk]),
        {
            "checked_by": world.people["enhetschef"].pk,
            "checked_on": "2099-01-01",
            "outcome": "done",
            "findings": "X",
        },
    )
    assert "framtiden" in response.content.decode()


@time_machine.travel(dt.date(2026, 11, 1), tick=False)
def test_the_overview_counts_controls_done_deviations_and_open_actions(world: World) -> None:
    f.action(world, due=dt.date(2026, 10, 15))  # open and overdue
    f.common_point(world)  # another point for the delår and helår, no result yet
    settings = ControlSettings.for_municipality(world.municipality)
    rows = body_statuses([world.bodies["osn"], world.bodies["un"]], 2026, settings)
    osn, un = rows
    # delår is due (2026-09-15) for both points; helår is not due yet
    assert (osn.points, osn.common_points, osn.due, osn.done) == (2, 1, 2, 1)
    assert (osn.deviations, osn.serious_deviations) == (1, 0)
    assert (osn.open_actions, osn.overdue_actions) == (1, 1)
    assert osn.done_css == "status-yellow" and osn.actions_css == "status-red"
    assert osn.overall_css == "status-red"
    assert (un.points, un.due, un.done) == (1, 1, 0)
    assert un.done_css == "status-red"
