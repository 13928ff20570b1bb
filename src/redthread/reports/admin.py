"""The report templates are kept in the admin site; snapshots are shown, never edited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from redthread.core.admin import DomainAdmin
from redthread.reports import models


@admin.register(models.ReportTemplate)
class ReportTemplateAdmin(DomainAdmin):
    list_display = ("kind", "municipality")
    list_filter = ("kind",)


@admin.register(models.SectionText)
class SectionTextAdmin(DomainAdmin):
    list_display = ("section_key", "kind", "year", "body", "state", "written_by", "approved_by")
    list_filter = ("kind", "year", "state")
    readonly_fields = ("approved_text", "approved_by", "approved_at")


@admin.register(models.ReportSnapshot)
class ReportSnapshotAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "year", "body", "format", "created_by", "created_at", "sha256")
    list_filter = ("kind", "year", "format")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
