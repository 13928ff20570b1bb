"""The status rules of the red thread, as pure functions.

Indicators and measures: the actual against the year's target, in the direction that is
better, with a tolerance band for yellow. Goals and commitments: rolled up from their
children. The same green/yellow/red language is used by every area.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_TOLERANCE = Decimal("0.05")


class Status(models.TextChoices):
    GREEN = "green", _("grön")
    YELLOW = "yellow", _("gul")
    RED = "red", _("röd")
    NONE = "none", _("ej bedömd")


class Direction(models.TextChoices):
    HIGHER = "higher", _("högre är bättre")
    LOWER = "lower", _("lägre är bättre")


def metric_status(
    actual: Decimal | None,
    target: Decimal | None,
    direction: str,
    tolerance: Decimal = DEFAULT_TOLERANCE,
) -> Status:
    """Green when the target is met; yellow within ``tolerance`` (a share of the target); red beyond.

    With a target of zero the band is ``tolerance`` in absolute terms, so "0 fall" with a
    tolerance of 0.05 makes 0.05 yellow and anything above red.
    """
    if actual is None or target is None:
        return Status.NONE
    band = abs(target) * tolerance if target != 0 else tolerance
    if direction == Direction.LOWER:
        if actual <= target:
            return Status.GREEN
        return Status.YELLOW if actual <= target + band else Status.RED
    if actual >= target:
        return Status.GREEN
    return Status.YELLOW if actual >= target - band else Status.RED


SCORES = {Status.GREEN: Decimal(1), Status.YELLOW: Decimal("0.5"), Status.RED: Decimal(0)}
GREEN_FROM = Decimal("0.75")
YELLOW_FROM = Decimal("0.4")


@dataclass(frozen=True)
class RollUp:
    """A parent's computed status and the counts it came from, so the page can explain it."""

    status: Status
    green: int = 0
    yellow: int = 0
    red: int = 0
    not_assessed: int = 0

    @property
    def assessed(self) -> int:
        return self.green + self.yellow + self.red


def roll_up(statuses: Iterable[str]) -> RollUp:
    """Score the assessed children (green 1, yellow ½, red 0): from ¾ green, from 0.4 yellow.

    Children not assessed are counted but do not pull the result either way; with no
    assessed child the parent is not assessed.
    """
    counts = Counter(statuses)
    green, yellow, red = counts[Status.GREEN], counts[Status.YELLOW], counts[Status.RED]
    assessed = green + yellow + red
    not_assessed = sum(counts.values()) - assessed
    if assessed == 0:
        return RollUp(Status.NONE, not_assessed=not_assessed)
    score = (green * SCORES[Status.GREEN] + yellow * SCORES[Status.YELLOW]) / assessed
    if score >= GREEN_FROM:
        status = Status.GREEN
    elif score >= YELLOW_FROM:
        status = Status.YELLOW
    else:
        status = Status.RED
    return RollUp(status, green, yellow, red, not_assessed)
