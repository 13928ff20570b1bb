from __future__ import annotations

from typing import Any

import pytest

from redthread.feedback.models import Category
from tests.feedback.factories import categories
from tests.world import World


@pytest.fixture
def cats(world: World) -> dict[str, Category]:
    return categories(world)


@pytest.fixture(autouse=True)
def _generous_limits(settings: Any) -> None:
    settings.REDTHREAD_FEEDBACK_RATE_LIMIT = "1000/h"
    settings.REDTHREAD_OPEN311_RATE_LIMIT = "1000/h"
