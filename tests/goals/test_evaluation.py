from __future__ import annotations

from decimal import Decimal
from typing import Any

from redthread.goals.evaluation import evaluate, stewardship_verdict
from redthread.goals.models import FollowUp, Indicator, MunicipalGoal, Target
from redthread.goals.status import Status
from tests.goals.factories import Chain, open_period
from tests.world import World


def _evaluate(world: World, chain: Chain, period: Any) -> Any:
    goals = list(MunicipalGoal.objects.filter(year=2026))
    return goals, evaluate(
        world.municipality,
        period,
        goals=goals,
        indicators=list(Indicator.objects.filter(goal__in=goals)),
    )


def test_an_indicator_is_measured_against_the_final_target_not_the_preliminary(
    world: World, chain: Chain
) -> None:
    _goals, evaluation = _evaluate(world, chain, chain.periods["interim"])
    state = evaluation.metric(chain.indicators["nojdhet"])
    assert state.target.kind == Target.Kind.FINAL and state.target.value == Decimal(88)
    assert state.status == Status.GREEN


def test_a_goal_rolls_up_its_indicators(world: World, chain: Chain) -> None:
    _goals, evaluation = _evaluate(world, chain, chain.periods["interim"])
    rollup = evaluation.goal_rollups[chain.goals["aldre"].pk]
    assert (rollup.green, rollup.red) == (1, 1)  # 90 % against 88; 17 staff against 14
    assert evaluation.goal_status(chain.goals["aldre"]) == Status.YELLOW
    assert (
        evaluation.goal_status(chain.goals["personal"]) == Status.YELLOW
    )  # 6.7 % against 6.5, lower is better


def test_a_written_assessment_counts_over_the_computed_status(world: World, chain: Chain) -> None:
    FollowUp.objects.create(
        period=chain.periods["interim"],
        goal=chain.goals["aldre"],
        status=Status.RED,
        computed_status=Status.YELLOW,
        deviation_reason="Brukarna är nöjda, men kontinuiteten har försämrats kraftigt.",
        author=world.users["kvalitetsstrateg"],
    )
    _goals, evaluation = _evaluate(world, chain, chain.periods["interim"])
    assert evaluation.goal_status(chain.goals["aldre"]) == Status.RED


def test_the_stewardship_verdict_compares_the_share_of_green_goals_with_kfs_threshold(
    world: World, chain: Chain
) -> None:
    goals, evaluation = _evaluate(world, chain, chain.periods["interim"])
    verdict = stewardship_verdict(
        world.municipality, 2026, chain.periods["interim"], evaluation, goals
    )
    assert (verdict.fulfilled, verdict.total, verdict.required_share) == (0, 3, Decimal("0.5"))
    assert verdict.achieved is False
    for goal in (chain.goals["aldre"], chain.goals["personal"]):
        FollowUp.objects.create(
            period=chain.periods["interim"],
            goal=goal,
            status=Status.GREEN,
            author=world.users["kvalitetsstrateg"],
        )
    goals, evaluation = _evaluate(world, chain, chain.periods["interim"])
    verdict = stewardship_verdict(
        world.municipality, 2026, chain.periods["interim"], evaluation, goals
    )
    assert verdict.fulfilled == 2
    assert verdict.achieved is True  # 2 of 3 against 50 %


def test_without_a_threshold_there_is_no_verdict(world: World, chain: Chain) -> None:
    goals, evaluation = _evaluate(world, chain, chain.periods["interim"])
    verdict = stewardship_verdict(
        world.municipality, 2027, chain.periods["interim"], evaluation, goals
    )
    assert verdict.achieved is None


def test_the_overview_shows_the_verdict_and_explains_the_rollup(
    world: World, chain: Chain, client_for: Any
) -> None:
    open_period(chain.periods["interim"])
    text = (
        client_for("politiker")
        .get(f"/mal/?ar=2026&period={chain.periods['interim'].pk}")
        .content.decode()
    )
    assert "God ekonomisk hushållning" in text
    assert "0 av 3 kommunmål är uppfyllda" in text
    assert "1 gröna, 0 gula, 1 röda" in text


def test_god_ekonomisk_hushallning_needs_the_financial_goals_too(
    world: World, chain: Chain, client_for: Any
) -> None:
    from redthread.core.audit import acting_as
    from redthread.finance.models import FinancialGoal

    for goal in chain.goals.values():
        FollowUp.objects.create(
            period=chain.periods["interim"],
            goal=goal,
            status=Status.GREEN,
            author=world.users["kvalitetsstrateg"],
        )
    with acting_as(world.users["ekonom"]):
        FinancialGoal.objects.create(
            municipality=world.municipality,
            year=2026,
            title="Soliditet",
            metric=FinancialGoal.Metric.MANUAL,
            comparison=FinancialGoal.Comparison.AT_LEAST,
            target=Decimal(30),
            manual_actual=Decimal("27.5"),
            decision=world.decisions["ledningssystem"],
        )
    goals, evaluation = _evaluate(world, chain, chain.periods["interim"])
    verdict = stewardship_verdict(
        world.municipality, 2026, chain.periods["interim"], evaluation, goals
    )
    assert verdict.achieved is True
    assert [g["title"] for g in verdict.financial_goals] == ["Soliditet"]
    assert verdict.financial_achieved is False
    assert verdict.overall is False

    open_period(chain.periods["interim"])
    text = (
        client_for("politiker")
        .get(f"/mal/?ar=2026&period={chain.periods['interim'].pk}")
        .content.decode()
    )
    assert "God ekonomisk hushållning uppnås inte." in text
    assert "Soliditet: 27,5 %" in text
