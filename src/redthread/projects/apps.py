from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "redthread.projects"
    label = "projects"
    verbose_name = _("Projekt")

    def ready(self) -> None:
        from redthread.core import areas
        from redthread.projects import hooks  # noqa: F401  (registers search and the start panel)

        areas.activate("projects", "projects:portfolio")
