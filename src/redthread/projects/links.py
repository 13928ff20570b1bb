"""The kommunmål a project's effect goals can serve, once the goals app offers them.

The goals app is built alongside this one; until its ``MunicipalGoal`` model exists the
effect goals stand on their own. Looking the model up by name (not importing it) keeps this
app working either way; it may import goals directly once that app is in place.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

GOAL_MODEL = ("goals", "MunicipalGoal")


def goal_model() -> type[models.Model] | None:
    try:
        return apps.get_model(*GOAL_MODEL)
    except LookupError:
        return None


def goal_choices(user: Any) -> list[tuple[str, str]]:
    """``("<content type id>:<id>", title)`` for every kommunmål the user may see."""
    model = goal_model()
    if model is None:
        return []
    ct = ContentType.objects.get_for_model(model)
    perm = f"{model._meta.app_label}.view_{model._meta.model_name}"
    return [
        (f"{ct.pk}:{goal.pk}", str(goal))
        for goal in model._default_manager.all()[:500]
        if user.has_perm(perm, goal)
    ]
