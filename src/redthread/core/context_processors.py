from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from redthread.core.areas import AREAS
from redthread.core.registry import shell_providers


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs on every page: the areas and the municipality."""
    context: dict[str, Any] = {"nav_areas": list(AREAS.values())}
    for provider in shell_providers:
        context.update(provider(request))
    return context
