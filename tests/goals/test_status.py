from __future__ import annotations

from decimal import Decimal as D

import pytest

from redthread.goals.status import Status, metric_status, roll_up


@pytest.mark.parametrize(
    ("actual", "target", "direction", "expected"),
    [
        ("88", "88", "higher", Status.GREEN),
        ("90", "88", "higher", Status.GREEN),
        ("83.6", "88", "higher", Status.YELLOW),  # exactly 5 % under: still within the band
        ("83.5", "88", "higher", Status.RED),
        ("14", "14", "lower", Status.GREEN),
        ("14.7", "14", "lower", Status.YELLOW),
        ("14.71", "14", "lower", Status.RED),
        ("0", "0", "lower", Status.GREEN),
        ("0.05", "0", "lower", Status.YELLOW),
        ("0.06", "0", "lower", Status.RED),
    ],
)
def test_a_metric_is_green_yellow_or_red_against_its_target(
    actual, target, direction, expected
) -> None:
    assert metric_status(D(actual), D(target), direction, D("0.05")) == expected


def test_a_metric_without_actual_or_target_is_not_assessed() -> None:
    assert metric_status(None, D(5), "higher") == Status.NONE
    assert metric_status(D(5), None, "higher") == Status.NONE


def test_a_wider_tolerance_makes_more_yellow() -> None:
    assert metric_status(D(80), D(88), "higher", D("0.05")) == Status.RED
    assert metric_status(D(80), D(88), "higher", D("0.10")) == Status.YELLOW


@pytest.mark.parametrize(
    ("children", "expected"),
    [
        (["green", "green", "green", "yellow"], Status.GREEN),  # score 0.875
        (["green", "yellow"], Status.GREEN),  # 0.75: the boundary is green
        (["green", "red"], Status.YELLOW),  # 0.5
        (["yellow", "red"], Status.RED),  # 0.25
        (["green", "red", "red"], Status.RED),  # 0.33
        (["green", "yellow", "red", "red"], Status.RED),  # 0.375, under 0.4
        (["green", "yellow", "yellow", "red"], Status.YELLOW),  # 0.5
        ([], Status.NONE),
        (["none", "none"], Status.NONE),
    ],
)
def test_a_parent_rolls_up_its_assessed_children(children, expected) -> None:
    assert roll_up(children).status == expected


def test_children_not_assessed_are_counted_but_do_not_pull() -> None:
    result = roll_up(["green", "none", "none"])
    assert result.status == Status.GREEN
    assert (result.green, result.not_assessed, result.assessed) == (1, 2, 1)
