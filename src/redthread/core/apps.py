from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "redthread.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.core.signals import request_finished

        from redthread.core.security import forget_request_id, install_record_factory

        install_record_factory()
        request_finished.connect(forget_request_id, dispatch_uid="redthread-request-id")
