from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "redthread.finance"
    label = "finance"
    verbose_name = _("Ekonomi")

    def ready(self) -> None:
        from redthread.core import areas
        from redthread.finance import hooks  # noqa: F401  (registers search and start panel)

        areas.activate("finance", "finance:home")
