from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "redthread.reports"
    label = "reports"
    verbose_name = _("Rapporter")

    def ready(self) -> None:
        from redthread.core import areas

        areas.activate("reports", "reports:index")
