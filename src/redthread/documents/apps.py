from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "redthread.documents"
    label = "documents"
    verbose_name = _("Styrdokument")

    def ready(self) -> None:
        from redthread.core import areas
        from redthread.documents import hooks  # noqa: F401  (registers search, panels, links)

        areas.activate("documents", "documents:register")
