from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from tests.finance.factories import FinanceWorld, finance_world
from tests.world import World


@pytest.fixture(autouse=True)
def _swedish() -> Iterator[None]:
    """Messages are Swedish, whatever language an earlier test left active in the thread."""
    with translation.override("sv"):
        yield


@pytest.fixture
def fw(world: World) -> FinanceWorld:
    return finance_world(world)


@pytest.fixture
def municipality(world: World) -> Any:
    return world.municipality
