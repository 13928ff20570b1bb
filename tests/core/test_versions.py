"""No lost updates: two people edit the same object; the second save is refused and shown the first."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from redthread.organisation.models import Decision
from tests.world import World


def test_the_second_of_two_editors_gets_a_conflict_with_the_first_ones_change(
    world: World, client_for: Any
) -> None:
    decision = world.decisions["osn"]
    url = reverse("organisation:decision_edit", args=[decision.pk])
    first, second = client_for("namndsekreterare"), client_for("admin")
    form = {
        "body": decision.body_id,
        "date": decision.date.isoformat(),
        "paragraph": decision.paragraph,
        "case_number": decision.case_number,
        "summary": "",
        "version": decision.version,
    }
    first.get(url)
    second.get(url)
    assert (
        first.post(url, {**form, "title": "Internkontrollplan 2026, reviderad"}).status_code == 302
    )
    response = second.post(url, {**form, "title": "Intern kontrollplan 2026"})
    assert response.status_code == 409
    text = response.content.decode()
    assert "Någon annan har sparat ändringar" in text
    assert "Internkontrollplan 2026, reviderad" in text  # the other person's change is shown
    decision.refresh_from_db()
    assert decision.title == "Internkontrollplan 2026, reviderad"


def test_a_save_on_the_current_version_goes_through(world: World, client_for: Any) -> None:
    decision = world.decisions["osn"]
    response = client_for("namndsekreterare").post(
        reverse("organisation:decision_edit", args=[decision.pk]),
        {
            "body": decision.body_id,
            "date": decision.date.isoformat(),
            "paragraph": decision.paragraph,
            "title": "Ny rubrik",
            "version": decision.version,
        },
    )
    assert response.status_code == 302
    assert Decision.objects.get(pk=decision.pk).version == decision.version + 1


def test_an_inline_activity_edit_on_an_old_version_is_refused(
    world: World, client_for: Any
) -> None:
    activity = world.extra["chain"].activities["team"]
    url = reverse("goals:activity_edit", args=[activity.pk])
    data = {
        "title": activity.title,
        "commitment": activity.commitment_id,
        "state": "ongoing",
        "version": activity.version,
    }
    assert (
        client_for("forvaltningschef")
        .post(url, {**data, "progress": "50"}, HTTP_HX_REQUEST="true")
        .status_code
        == 200
    )
    response = client_for("enhetschef").post(
        url, {**data, "progress": "45"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert "genomfört (%)" in response.content.decode().lower()
    activity.refresh_from_db()
    assert activity.progress == 50
