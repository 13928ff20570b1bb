"""A promise's result each period is its measure's actual against its target, by the goal chain's rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from redthread.cycle.models import ReportingPeriod
from redthread.goals.evaluation import metric_states
from redthread.goals.models import Actual, Measure
from redthread.goals.status import Status
from redthread.quality.models import ServicePromise
from redthread.quality.promises import latest_results, promise_results, results_table
from tests.goals.factories import period
from tests.quality.factories import a_declaration
from tests.world import World


def _promises(world: World) -> list[ServicePromise]:
    return list(a_declaration(world).promises.select_related("measure"))


def test_it_reads_the_measure_against_its_target_as_the_goal_chain_does(world: World) -> None:
    kept, _team = _promises(world)
    chain = world.extra["chain"]
    results = promise_results([kept], world.municipality)[kept.pk]
    assert [r.period for r in results] == [chain.periods["interim"]]
    result = results[0]
    # "Besök av kontaktmannen": 66,9 % against 70 %, within the 5 % band: yellow.
    assert result.actual.value == Decimal("66.9")
    assert result.target is not None and result.target.value == Decimal("70")
    assert result.status == Status.YELLOW
    assert result.label == "Löftet hölls nästan"
    goals_view = metric_states([chain.measures["besok"]], chain.periods["interim"], Decimal("0.05"))
    assert goals_view[("measure", chain.measures["besok"].pk)].status == result.status


@pytest.mark.parametrize(
    ("value", "status", "label"),
    [("72", Status.GREEN, "Löftet hölls"), ("60", Status.RED, "Löftet hölls inte")],
)
def test_each_period_says_whether_the_promise_was_kept(
    world: World, value: str, status: Status, label: str
) -> None:
    kept, _team = _promises(world)
    september = period(world, "month", dt.date(2026, 9, 30))
    Actual.objects.create(measure=kept.measure, period=september, value=Decimal(value))
    newest = latest_results([kept], world.municipality)[kept.pk]
    assert newest is not None
    assert newest.period == september
    assert (newest.status, newest.label) == (status, label)


def test_the_measures_own_tolerance_counts_as_on_the_goal_pages(world: World) -> None:
    kept, _team = _promises(world)
    Measure.objects.filter(pk=kept.measure_id).update(tolerance=Decimal("0"))
    kept.refresh_from_db()
    result = latest_results([kept], world.municipality)[kept.pk]
    assert result is not None and result.status == Status.RED


def test_a_promise_without_an_actual_or_a_measure_is_not_measured_yet(world: World) -> None:
    kept, team = _promises(world)
    ServicePromise.objects.create(declaration=kept.declaration, text="Vi ler.", order=30)
    promises = list(kept.declaration.promises.select_related("measure"))
    latest = latest_results(promises, world.municipality)
    assert latest[team.pk] is None
    assert latest[promises[-1].pk] is None
    assert latest[kept.pk] is not None


def test_the_promise_follows_its_measure_into_other_years(world: World) -> None:
    """Linked to the 2026 mått, the promise also reads the 2025 version of the same lineage."""
    kept, _team = _promises(world)
    measure = kept.measure
    assert measure is not None
    earlier = Measure.objects.create(
        commitment=measure.commitment,
        year=2025,
        title=measure.title,
        unit_label="%",
        lineage=measure.lineage,
    )
    interim25 = world.extra["chain"].periods["interim25"]
    Actual.objects.create(measure=earlier, period=interim25, value=Decimal("61"))
    periods = [r.period for r in promise_results([kept], world.municipality)[kept.pk]]
    assert periods == [world.extra["chain"].periods["interim"], interim25]


def test_the_public_reading_keeps_to_closed_periods(world: World) -> None:
    kept, _team = _promises(world)
    assert promise_results([kept], world.municipality, closed_only=True)[kept.pk] == []
    interim = world.extra["chain"].periods["interim"]
    interim.state = ReportingPeriod.State.CLOSED
    interim.save()
    assert [
        r.period for r in promise_results([kept], world.municipality, closed_only=True)[kept.pk]
    ] == [interim]


def test_periods_ending_the_same_day_share_a_column_and_the_delar_counts(world: World) -> None:
    kept, team = _promises(world)
    august = period(world, "month", dt.date(2026, 8, 31))
    Actual.objects.create(measure=kept.measure, period=august, value=Decimal("50"))
    Actual.objects.create(measure=team.measure, period=august, value=Decimal("91"))
    promises = [kept, team]
    table = results_table(promises, promise_results(promises, world.municipality))
    assert [p.kind for p in table["columns"]] == ["interim"]
    (_first, [kept_cell]), (_second, [team_cell]) = table["rows"]
    assert kept_cell.period.kind == "interim"  # the delår's 66,9, not the month's 50
    assert team_cell.period.kind == "month"  # only the month report has the fast team's figure
