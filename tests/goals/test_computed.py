from __future__ import annotations

import datetime as dt
from decimal import Decimal

from redthread.goals.computed import COMPUTATIONS, compute_actuals, register_computation
from redthread.goals.models import Actual, Source
from tests.goals.factories import Chain, close_february, open_period
from tests.world import World


def _register(value: str | None) -> None:
    register_computation(
        "test_value", "Testvärde", lambda m, start, end: None if value is None else Decimal(value)
    )


def test_a_computed_indicator_gets_its_actual_in_the_open_period(
    world: World, chain: Chain
) -> None:
    _register("81.256")
    indicator = chain.indicators["sjuk"]
    indicator.source, indicator.computation = Source.COMPUTED, "test_value"
    indicator.save()
    open_period(chain.periods["nov"])
    report = compute_actuals(world.municipality, 2026, today=dt.date(2026, 11, 28))
    actual = Actual.objects.get(indicator=indicator, period=chain.periods["nov"])
    assert (actual.value, actual.source) == (Decimal("81.3"), Source.COMPUTED)
    assert report.written >= 1
    again = compute_actuals(world.municipality, 2026, today=dt.date(2026, 11, 28))
    assert again.written == 0 and again.unchanged >= 1
    COMPUTATIONS.pop("test_value")


def test_a_manual_actual_is_never_overwritten_and_a_closed_period_never_written(
    world: World, chain: Chain
) -> None:
    _register("50")
    indicator = chain.indicators["sjuk"]
    indicator.source, indicator.computation = Source.COMPUTED, "test_value"
    indicator.save()
    open_period(chain.periods["nov"])
    february = close_february(world)
    Actual.objects.create(
        indicator=indicator, period=chain.periods["nov"], value=Decimal("7.1"), source=Source.MANUAL
    )
    report = compute_actuals(world.municipality, 2026, today=dt.date(2026, 12, 31))
    assert report.kept_manual == 2  # November, and the delår actual of the test world
    assert Actual.objects.get(indicator=indicator, period=chain.periods["nov"]).value == Decimal(
        "7.1"
    )
    assert not Actual.objects.filter(indicator=indicator, period=february).exists()  # closed
    COMPUTATIONS.pop("test_value")


def test_the_synpunkt_statistics_are_registered_as_a_computation() -> None:
    assert "feedback_answered_in_5_days" in COMPUTATIONS
