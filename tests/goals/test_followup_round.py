"""The round: the enhet writes and submits, the förvaltningschef approves or sends back."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from redthread.goals.models import FollowUp
from redthread.goals.todo import todo_for
from tests.goals.factories import Chain, open_period
from tests.world import World


def _post(client: Any, chain: Chain, activity: str = "team", **data: str) -> Any:
    url = reverse(
        "goals:followup", args=["activity", chain.activities[activity].pk, chain.periods["nov"].pk]
    )
    return client.post(
        url, {"status": "green", "forecast_status": "none", "analysis": "", "forecast": "", **data}
    )


def test_the_enhetschef_sees_what_to_report_first_deadline_first(
    world: World, chain: Chain
) -> None:
    open_period(chain.periods["nov"])
    items = todo_for(world.users["enhetschef"], world.municipality)
    assert [i.subject.title for i in items] == [
        "Fasta team runt varje brukare"
    ]  # Schemaläggning is submitted
    assert (
        todo_for(world.users["enhetschef_soder"], world.municipality)[0].subject.title
        == "Kontaktmannen först"
    )
    assert todo_for(world.users["revisor"], world.municipality) == []


def test_submitting_opens_the_next_item(world: World, chain: Chain, client_for: Any) -> None:
    open_period(chain.periods["nov"])
    client = client_for(
        "forvaltningschef"
    )  # reports for every unit below her, none of them has a manager
    response = _post(client, chain, analysis="Teamen är på plats.", action="submit")
    assert response.status_code == 302
    followup = FollowUp.objects.get(activity=chain.activities["team"], period=chain.periods["nov"])
    assert (
        followup.state == FollowUp.State.SUBMITTED
        and followup.author == world.users["forvaltningschef"]
    )


def test_a_draft_is_saved_as_it_is_typed(world: World, chain: Chain, client_for: Any) -> None:
    open_period(chain.periods["nov"])
    response = _post(client_for("enhetschef"), chain, analysis="Halvvägs …", action="autosave")
    assert response.status_code == 200
    assert "Utkastet sparades" in response.content.decode()
    assert FollowUp.objects.get(activity=chain.activities["team"]).state == FollowUp.State.DRAFT


def test_a_status_departing_from_the_computed_one_needs_a_reason(
    world: World, chain: Chain, client_for: Any
) -> None:
    open_period(chain.periods["interim"])
    url = reverse(
        "goals:followup",
        args=["indicator", chain.indicators["nojdhet"].pk, chain.periods["interim"].pk],
    )
    client = client_for("kvalitetsstrateg")
    response = client.post(
        url,
        {
            "status": "red",
            "forecast_status": "none",
            "analysis": "Sämre än det ser ut.",
            "action": "submit",
        },
    )
    assert response.status_code == 400
    assert (
        "skiljer sig från den beräknade statusen (grön). Skriv varför." in response.content.decode()
    )
    response = client.post(
        url,
        {
            "status": "red",
            "forecast_status": "none",
            "analysis": "Sämre än det ser ut.",
            "deviation_reason": "Svarsfrekvensen var låg.",
            "action": "submit",
        },
    )
    assert response.status_code == 302


def test_the_forvaltningschef_approves_and_the_author_can_no_longer_change_it(
    world: World, chain: Chain, client_for: Any
) -> None:
    open_period(chain.periods["nov"])
    submitted = chain.extra["submitted"]
    response = client_for("forvaltningschef").post(
        reverse("goals:review_action", args=[submitted.pk, "approve"])
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (
        submitted.state == FollowUp.State.APPROVED
        and submitted.reviewed_by == world.users["forvaltningschef"]
    )
    assert not world.users["enhetschef"].has_perm("goals.change_followup", submitted)


def test_sending_back_needs_a_comment_and_puts_it_on_the_to_do_list(
    world: World, chain: Chain, client_for: Any
) -> None:
    open_period(chain.periods["nov"])
    submitted = chain.extra["submitted"]
    url = reverse("goals:review_action", args=[submitted.pk, "return"])
    client_for("forvaltningschef").post(url, {"review_comment": ""})
    submitted.refresh_from_db()
    assert submitted.state == FollowUp.State.SUBMITTED
    client_for("forvaltningschef").post(
        url, {"review_comment": "Statusen stämmer inte med texten."}
    )
    submitted.refresh_from_db()
    assert submitted.state == FollowUp.State.RETURNED
    items = todo_for(world.users["enhetschef"], world.municipality)
    returned = [i for i in items if i.subject == chain.activities["schema"]]
    assert returned and returned[0].returned


def test_a_manager_outside_the_forvaltning_cannot_approve(
    world: World, chain: Chain, client_for: Any
) -> None:
    open_period(chain.periods["nov"])
    url = reverse("goals:review_action", args=[chain.extra["submitted"].pk, "approve"])
    assert client_for("enhetschef_soder").post(url).status_code == 403
    assert client_for("enhetschef").post(url).status_code == 403  # not her own


def test_the_review_page_shows_progress_and_reminds_the_late_ones(
    world: World, chain: Chain, client_for: Any
) -> None:
    from redthread.organisation.models import Person

    Person.objects.filter(user__username="enhetschef_soder").update(email="soder@mjolby.example")
    open_period(chain.periods["nov"])
    client = client_for("forvaltningschef")
    text = client.get(
        reverse("goals:review") + f"?period={chain.periods['nov'].pk}"
    ).content.decode()
    assert "Hemtjänst Norr" in text and "1 / 2" in text and "0 / 1" in text
    client.post(reverse("goals:remind", args=[chain.periods["nov"].pk]))
    assert [m.to for m in mail.outbox] == [
        ["soder@mjolby.example"]
    ]  # Norr's manager has no e-mail address
    assert "Hemtjänst Söder har inte rapporterat" in mail.outbox[0].body


def test_the_start_page_shows_the_to_do_list(world: World, chain: Chain, client_for: Any) -> None:
    open_period(chain.periods["nov"])
    text = client_for("enhetschef").get("/").content.decode()
    assert "1 sak att rapportera" in text and "Fasta team runt varje brukare" in text


def test_what_turned_red_since_the_last_visit_is_news_once(
    world: World, chain: Chain, client_for: Any
) -> None:
    open_period(chain.periods["nov"])
    client = client_for("politiker")
    client.get("/")  # the visit is recorded
    FollowUp.objects.create(
        period=chain.periods["nov"],
        commitment=chain.commitments["kontinuitet"],
        status="red",
        analysis="Personalbrist.",
        state=FollowUp.State.SUBMITTED,
        author=world.users["forvaltningschef"],
        submitted_at=timezone.now(),
    )
    first = client.get("/").content.decode()
    assert "Personalbrist." in first
    assert "Personalbrist." not in client.get("/").content.decode()
