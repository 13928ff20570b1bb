from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "redthread.feedback"
    label = "feedback"
    verbose_name = _("Synpunkter och felanmälan")

    def ready(self) -> None:
        from redthread.core import areas
        from redthread.feedback import hooks  # noqa: F401  (registers search and the start panel)

        areas.activate("feedback", "feedback:inbox")
