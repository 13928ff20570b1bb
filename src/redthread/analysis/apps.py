from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "redthread.analysis"
    label = "analysis"
    verbose_name = _("Analys och jämförelser")

    def ready(self) -> None:
        from redthread.analysis import hooks  # noqa: F401  (registers search and the start panel)
        from redthread.core import areas

        areas.activate("analysis", "analysis:overview")
