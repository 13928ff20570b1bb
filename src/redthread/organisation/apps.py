from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "redthread.organisation"
    label = "organisation"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from redthread.core import areas
        from redthread.organisation import hooks, throttle, twofactor  # noqa: F401  (signals)

        areas.activate("organisation", "organisation:chart")
