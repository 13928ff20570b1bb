"""Indicators fed from Kolada: figures become actuals, and nothing is overwritten silently."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from redthread.analysis import feed
from redthread.analysis.models import KoladaKpi, PendingValue
from redthread.core.audit import acting_as
from redthread.cycle.models import PeriodClosed, ReportingPeriod
from redthread.goals.models import Actual, Source
from tests.analysis.factories import annual, figure, from_kolada
from tests.goals.factories import Chain
from tests.world import World

TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def fed(chain: Chain, world: World) -> Chain:
    """Brukarbedömning helhetssyn (2026, split by gender) fed from Kolada's U21468."""
    from_kolada(chain.indicators["nojdhet"])
    return chain


def _actual(chain: Chain, world: World, year: int) -> Actual | None:
    return Actual.objects.filter(
        indicator=chain.indicators["nojdhet"], period=annual(world, year)
    ).first()


def test_a_kolada_figure_becomes_the_helar_actual_with_women_men_source_and_date(
    fed: Chain, world: World
) -> None:
    KoladaKpi.objects.create(
        code="U21468",
        title="Brukarbedömning hemtjänst äldreomsorg - helhetssyn, andel (%)",
        publ_period="2025",
        publication_date=dt.date(2026, 4, 28),
    )
    figure("U21468", "0586", 2025, "85.3")
    figure("U21468", "0586", 2025, "87.1", "K")
    figure("U21468", "0586", 2025, "82.9", "M")
    figure("U21468", "0180", 2025, "91")  # another municipality: not ours

    result = feed.feed(world.municipality, today=TODAY)

    actual = _actual(fed, world, 2025)
    assert actual is not None and result.written == 1
    assert (actual.value, actual.value_women, actual.value_men) == (
        Decimal("85.3"),
        Decimal("87.1"),
        Decimal("82.9"),
    )
    assert actual.source == Source.KOLADA
    assert actual.published_on == dt.date(2026, 4, 28)
    assert actual.note == "Kolada U21468"


def test_years_before_the_indicator_go_on_its_first_version_within_five_years(
    fed: Chain, world: World
) -> None:
    figure("U21468", "0586", 2022, "80")
    figure("U21468", "0586", 2021, "79")

    feed.feed(world.municipality, today=TODAY)

    assert _actual(fed, world, 2022) is not None  # its helår period is created
    assert not ReportingPeriod.objects.filter(municipality=world.municipality, year=2021).exists()


def test_a_manual_actual_is_never_silently_overwritten(fed: Chain, world: World) -> None:
    Actual.objects.create(
        indicator=fed.indicators["nojdhet"], period=annual(world, 2025), value=Decimal("80")
    )
    figure("U21468", "0586", 2025, "85.3")

    result = feed.feed(world.municipality, today=TODAY)
    feed.feed(world.municipality, today=TODAY)

    actual = _actual(fed, world, 2025)
    assert actual is not None and actual.value == Decimal("80") and actual.source == Source.MANUAL
    [pending] = PendingValue.objects.all()
    assert result.pending == 1
    assert pending.reason == PendingValue.Reason.MANUAL and pending.state == "open"
    assert pending.value == Decimal("85.3")


def test_accepting_a_waiting_figure_writes_it_as_the_actual(fed: Chain, world: World) -> None:
    Actual.objects.create(
        indicator=fed.indicators["nojdhet"], period=annual(world, 2025), value=Decimal("80")
    )
    figure("U21468", "0586", 2025, "85.3")
    feed.feed(world.municipality, today=TODAY)
    pending = PendingValue.objects.get()

    with acting_as(world.users["kvalitetsstrateg"]):
        feed.accept(pending, world.users["kvalitetsstrateg"])

    actual = _actual(fed, world, 2025)
    assert actual is not None and actual.value == Decimal("85.3")
    assert actual.source == Source.KOLADA
    assert actual.history.first().history_user == world.users["kvalitetsstrateg"]  # type: ignore[attr-defined]
    pending.refresh_from_db()
    assert pending.state == PendingValue.State.ACCEPTED
    assert pending.resolved_by == world.users["kvalitetsstrateg"]


def test_a_closed_period_is_never_written_and_the_figure_waits(fed: Chain, world: World) -> None:
    period = annual(world, 2025)
    period.close()
    figure("U21468", "0586", 2025, "85.3")

    feed.feed(world.municipality, today=TODAY)

    assert _actual(fed, world, 2025) is None
    pending = PendingValue.objects.get()
    assert pending.reason == PendingValue.Reason.CLOSED
    with pytest.raises(PeriodClosed):
        feed.accept(pending, world.users["kvalitetsstrateg"])
    assert _actual(fed, world, 2025) is None


def test_after_the_period_is_reopened_the_waiting_figure_can_be_accepted(
    fed: Chain, world: World
) -> None:
    period = annual(world, 2025)
    period.close()
    figure("U21468", "0586", 2025, "85.3")
    feed.feed(world.municipality, today=TODAY)
    period.reopen(world.decisions["ledningssystem"])

    feed.accept(PendingValue.objects.get(), world.users["kvalitetsstrateg"])

    actual = _actual(fed, world, 2025)
    assert actual is not None and actual.value == Decimal("85.3")


def test_a_dismissed_figure_is_not_proposed_again_until_kolada_changes_it(
    fed: Chain, world: World
) -> None:
    Actual.objects.create(
        indicator=fed.indicators["nojdhet"], period=annual(world, 2025), value=Decimal("80")
    )
    value = figure("U21468", "0586", 2025, "85.3")
    feed.feed(world.municipality, today=TODAY)
    feed.dismiss(PendingValue.objects.get(), world.users["kvalitetsstrateg"])

    feed.feed(world.municipality, today=TODAY)
    assert not PendingValue.objects.open().exists()

    value.value = Decimal("85.9")
    value.save()
    feed.feed(world.municipality, today=TODAY)
    assert PendingValue.objects.open().get().value == Decimal("85.9")


def test_a_figure_equal_to_the_actual_changes_nothing(fed: Chain, world: World) -> None:
    actual = Actual.objects.create(
        indicator=fed.indicators["nojdhet"], period=annual(world, 2025), value=Decimal("85.3")
    )
    figure("U21468", "0586", 2025, "85.3")

    result = feed.feed(world.municipality, today=TODAY)

    assert result.unchanged == 1 and result.written == result.updated == result.pending == 0
    assert actual.history.count() == 1  # type: ignore[attr-defined]


def test_a_revised_kolada_figure_updates_a_kolada_actual_in_an_open_period(
    fed: Chain, world: World
) -> None:
    actual = Actual.objects.create(
        indicator=fed.indicators["nojdhet"],
        period=annual(world, 2025),
        value=Decimal("85"),
        source=Source.KOLADA,
    )
    figure("U21468", "0586", 2025, "86")

    result = feed.feed(world.municipality, today=TODAY)

    actual.refresh_from_db()
    assert result.updated == 1 and actual.value == Decimal("86")
    assert [h.value for h in actual.history.order_by("history_date")] == [  # type: ignore[attr-defined]
        Decimal("85"),
        Decimal("86"),
    ]


def test_a_waiting_figure_retires_when_the_actual_comes_to_agree(fed: Chain, world: World) -> None:
    actual = Actual.objects.create(
        indicator=fed.indicators["nojdhet"], period=annual(world, 2025), value=Decimal("80")
    )
    figure("U21468", "0586", 2025, "85.3")
    feed.feed(world.municipality, today=TODAY)
    actual.value = Decimal("85.3")
    actual.save()

    feed.feed(world.municipality, today=TODAY)

    assert PendingValue.objects.get().state == PendingValue.State.OBSOLETE


def test_an_indicator_whose_actuals_come_from_elsewhere_is_not_fed(
    chain: Chain, world: World
) -> None:
    indicator = chain.indicators["nojdhet"]
    indicator.kolada_kpi = "U21468"
    indicator.source = Source.SURVEY
    indicator.save()
    figure("U21468", "0586", 2025, "85.3")

    feed.feed(world.municipality, today=TODAY)

    assert _actual(chain, world, 2025) is None
    assert not PendingValue.objects.exists()


def test_a_generated_figure_says_so_in_the_actual(fed: Chain, world: World) -> None:
    figure("U21468", "0586", 2025, "85.3", generated=True)

    feed.feed(world.municipality, today=TODAY)

    actual = _actual(fed, world, 2025)
    assert actual is not None and "genererat för demonstration" in actual.note
