from __future__ import annotations

from typing import Any

import pytest

from tests.finance.factories import FinanceWorld, finance_world
from tests.world import World


@pytest.fixture
def fw(world: World) -> FinanceWorld:
    return finance_world(world)


@pytest.fixture
def municipality(world: World) -> Any:
    return world.municipality
