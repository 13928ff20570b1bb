from __future__ import annotations

from typing import Any

from django.urls import reverse

from redthread.goals.models import Activity, Commitment, Indicator, Measure, MunicipalGoal, Target
from redthread.goals.rollover import roll_over
from tests.goals.factories import Chain
from tests.world import World


def test_rollover_carries_the_chain_into_the_next_year_with_history_linked(
    world: World, chain: Chain
) -> None:
    carried = roll_over(world.municipality, 2026)
    new_goal = MunicipalGoal.objects.get(year=2027, title="Äldre upplever trygghet")
    assert new_goal.previous == chain.goals["aldre"]
    assert new_goal.lineage == chain.goals["aldre"].lineage
    assert not MunicipalGoal.objects.filter(
        year=2027, title="Barn växer upp tryggt"
    ).exists()  # ends 2026
    new_commitment = Commitment.objects.get(year=2027, title="Öka kontinuiteten i hemtjänsten")
    assert list(new_commitment.goals.all()) == [new_goal]
    assert Indicator.objects.filter(year=2027, goal=new_goal).count() == 2
    assert Measure.objects.filter(year=2027, commitment=new_commitment).count() == 2
    assert carried["goals"] == 2 and carried["commitments"] == 1


def test_only_unfinished_activities_are_carried(world: World, chain: Chain) -> None:
    roll_over(world.municipality, 2026)
    titles = set(Activity.objects.filter(year=2027).values_list("title", flat=True))
    assert titles == {
        "Fasta team runt varje brukare",
        "Kontaktmannen först",
    }  # "Schemaläggning" is done
    carried = Activity.objects.get(year=2027, title="Fasta team runt varje brukare")
    assert carried.plan.year == 2027 and carried.progress == 40


def test_the_closed_year_is_left_unchanged(world: World, chain: Chain) -> None:
    before = {g.pk: (g.title, g.version) for g in MunicipalGoal.objects.filter(year=2026)}
    roll_over(world.municipality, 2026)
    after = {g.pk: (g.title, g.version) for g in MunicipalGoal.objects.filter(year=2026)}
    assert before == after


def test_targets_decided_for_the_new_year_follow_the_indicator(world: World, chain: Chain) -> None:
    Target.objects.create(
        indicator=chain.indicators["nojdhet"], year=2027, kind="preliminary", value=89
    )
    roll_over(world.municipality, 2026)
    new = Indicator.objects.get(year=2027, lineage=chain.indicators["nojdhet"].lineage)
    assert list(new.targets.values_list("year", "kind")) == [(2027, "preliminary")]


def test_running_it_twice_carries_nothing_more(world: World, chain: Chain) -> None:
    roll_over(world.municipality, 2026)
    again = roll_over(world.municipality, 2026)
    assert sum(again.values()) == 0
    assert MunicipalGoal.objects.filter(year=2027).count() == 2


def test_the_kvalitetsstrateg_rolls_over_in_the_ui(
    world: World, chain: Chain, client_for: Any
) -> None:
    client = client_for("kvalitetsstrateg")
    preview = client.get(reverse("goals:new_year") + "?fran=2026").content.decode()
    assert "Nytt planeringsår 2027" in preview
    response = client.post(reverse("goals:new_year"), {"from_year": "2026"})
    assert response.status_code == 302
    assert MunicipalGoal.objects.filter(year=2027).exists()
