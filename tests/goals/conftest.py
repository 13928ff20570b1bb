from __future__ import annotations

import pytest

from tests.goals.factories import Chain, load_chain
from tests.world import World


@pytest.fixture
def chain(world: World) -> Chain:
    return load_chain(world)
