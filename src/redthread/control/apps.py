from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ControlConfig(AppConfig):
    name = "redthread.control"
    label = "control"
    verbose_name = _("Internkontroll")

    def ready(self) -> None:
        from redthread.control import hooks  # noqa: F401  (registers search and start panel)
        from redthread.core import areas

        areas.activate("control", "control:index")
