from __future__ import annotations

from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "redthread.goals"
    label = "goals"
