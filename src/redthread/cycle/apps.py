from __future__ import annotations

from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "redthread.cycle"
    label = "cycle"
