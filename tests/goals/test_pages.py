from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from redthread.goals.models import Activity, Indicator, Measure, MunicipalGoal, Target
from tests.goals.factories import Chain, close_february, open_period
from tests.world import World


def _count(client: Any, url: str) -> int:
    client.get(url)  # warm caches that are per process, not per request
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow(chain: Chain, world: World) -> None:
    """Three times the goals, indicators, measures and activities."""
    for n in range(2):
        for goal in list(MunicipalGoal.objects.filter(year=2026)):
            copy = MunicipalGoal.objects.create(
                area=goal.area,
                year=2026,
                number=f"{goal.number}.{n}",
                title=f"{goal.title} {n}",
                first_year=2024,
                last_year=2028,
            )
            for indicator in Indicator.objects.filter(goal=goal):
                new = Indicator.objects.create(
                    goal=copy,
                    year=2026,
                    title=f"{indicator.title} {n}",
                    direction=indicator.direction,
                )
                Target.objects.create(indicator=new, year=2026, value=10)
        commitment = chain.commitments["kontinuitet"]
        for measure in Measure.objects.filter(commitment=commitment)[:2]:
            Measure.objects.create(
                commitment=commitment,
                year=2026,
                title=f"{measure.title} {n}",
                unit=world.units["norr"],
            )
        for activity in Activity.objects.filter(unit=world.units["norr"])[:2]:
            Activity.objects.create(
                plan=activity.plan,
                unit=activity.unit,
                commitment=commitment,
                year=2026,
                title=f"{activity.title} {n}",
            )


@pytest.mark.parametrize(
    ("name", "role", "ceiling"),
    [
        ("overview", "politiker", 22),
        ("body", "politiker", 22),
        ("plan", "enhetschef", 20),
        ("todo", "enhetschef", 24),
    ],
)
def test_page_queries_do_not_grow_with_the_data(
    name: str, role: str, ceiling: int, world: World, chain: Chain, client_for: Any
) -> None:
    open_period(chain.periods["interim"])
    open_period(chain.periods["nov"])
    urls = {
        "overview": reverse("goals:overview") + "?ar=2026",
        "body": reverse("goals:body", args=[world.bodies["osn"].pk]) + "?ar=2026",
        "plan": reverse("goals:plan", args=[world.units["norr"].pk, 2026]),
        "todo": reverse("goals:todo"),
    }
    client = client_for(role)
    before = _count(client, urls[name])
    _grow(chain, world)
    after = _count(client, urls[name])
    assert after == before
    assert after <= ceiling


def test_the_goal_page_shows_indicators_commitments_and_the_assessment(
    world: World, chain: Chain, client_for: Any
) -> None:
    open_period(chain.periods["interim"])
    text = (
        client_for("medarbetare")
        .get(
            reverse("goals:goal", args=[chain.goals["aldre"].pk])
            + f"?period={chain.periods['interim'].pk}"
        )
        .content.decode()
    )
    assert "Brukarbedömning helhetssyn" in text and "Omsorgs- och socialnämnden" in text
    assert "Beräknat från indikatorerna" in text


def test_the_indicator_page_has_a_chart_with_a_text_alternative_and_a_table(
    world: World, chain: Chain, client_for: Any
) -> None:
    text = (
        client_for("medarbetare")
        .get(reverse("goals:indicator", args=[chain.indicators["nojdhet"].pk]))
        .content.decode()
    )
    assert "<svg" in text and "<title id=" in text and "<desc id=" in text
    assert "Kvinnor" in text and "Män" in text  # gender split
    assert "utfall och målvärde per år" in text


def test_an_activity_shows_its_whole_chain_up_to_the_vision(
    world: World, chain: Chain, client_for: Any
) -> None:
    text = (
        client_for("medarbetare")
        .get(reverse("goals:activity", args=[chain.activities["team"].pk]))
        .content.decode()
    )
    for expected in (
        "Världsvan &amp; hemkär",
        "Trygghet och hälsa",
        "Äldre upplever trygghet",
        "Öka kontinuiteten",
        "Hemtjänst Norr",
    ):
        assert expected in text


def test_the_enhetschef_edits_an_activity_in_place(
    world: World, chain: Chain, client_for: Any
) -> None:
    client = client_for("enhetschef")
    activity = chain.activities["team"]
    url = reverse("goals:activity_edit", args=[activity.pk])
    form = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert form.startswith("<tr") and "hx-post" in form
    response = client.post(
        url,
        {
            "title": activity.title,
            "commitment": activity.commitment_id,
            "state": "ongoing",
            "progress": "65",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and 'value="65"' in response.content.decode()
    activity.refresh_from_db()
    assert activity.progress == 65


def test_an_activity_cannot_end_before_it_starts(
    world: World, chain: Chain, client_for: Any
) -> None:
    activity = chain.activities["team"]
    response = client_for("enhetschef").post(
        reverse("goals:activity_edit", args=[activity.pk]),
        {
            "title": activity.title,
            "commitment": activity.commitment_id,
            "state": "ongoing",
            "progress": "10",
            "start": "2026-05-01",
            "end": "2026-03-01",
        },
    )
    assert response.status_code == 400
    assert "Slutdatum kan inte vara före startdatum." in response.content.decode()


def test_the_public_view_shows_only_published_goals_of_closed_periods(
    world: World, chain: Chain, client_for: Any
) -> None:
    close_february(world)
    anonymous = client_for("anonymous")
    text = anonymous.get(reverse("goals:public_overview") + "?ar=2026").content.decode()
    assert "Äldre upplever trygghet" in text
    assert "Barn växer upp tryggt" not in text  # not published
    assert (
        anonymous.get(reverse("goals:public_goal", args=[chain.goals["barn"].pk])).status_code
        == 404
    )
    text = anonymous.get(
        reverse("goals:public_goal", args=[chain.goals["aldre"].pk])
    ).content.decode()
    assert "Månadsrapport februari 2026" in text
