"""The base of every admin class: object permissions from ``rules`` and the history view."""

from __future__ import annotations

from rules.contrib.admin import ObjectPermissionsModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin


class DomainAdmin(ObjectPermissionsModelAdminMixin, SimpleHistoryAdmin):  # type: ignore[misc]
    """Admin that asks the same rules as the pages, so a locked object is locked here too."""

    readonly_fields: tuple[str, ...] = ("version",)
