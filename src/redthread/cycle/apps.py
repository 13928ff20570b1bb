from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "redthread.cycle"
    label = "cycle"
    verbose_name = _("Årshjul")

    def ready(self) -> None:
        from redthread.core import areas
        from redthread.cycle import hooks  # noqa: F401  (registers search and the start panel)

        areas.activate("cycle", "cycle:wheel")
