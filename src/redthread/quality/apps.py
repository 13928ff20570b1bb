from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "redthread.quality"
    label = "quality"
    verbose_name = _("Kvalitet och utveckling")

    def ready(self) -> None:
        from redthread.core import areas
        from redthread.quality import hooks  # noqa: F401  (search, panels, public links)

        areas.activate("quality", "quality:overview")
