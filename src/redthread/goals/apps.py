from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "redthread.goals"
    label = "goals"
    verbose_name = _("Röda tråden")

    def ready(self) -> None:
        from redthread.core import areas
        from redthread.goals import hooks  # noqa: F401  (registers search, start panel, public link)

        areas.activate("goals", "goals:overview")
