from __future__ import annotations

from django.contrib import admin

from redthread.analysis import models
from redthread.core.admin import DomainAdmin


@admin.register(models.ComparisonSettings)
class ComparisonSettingsAdmin(DomainAdmin):
    list_display = ("municipality", "group_code", "county_code")


@admin.register(models.KoladaKpi)
class KoladaKpiAdmin(DomainAdmin):
    list_display = ("code", "title", "operating_area", "publ_period")
    search_fields = ("code", "title")
    list_filter = ("municipality_type", "perspective")


@admin.register(models.KoladaMunicipality)
class KoladaMunicipalityAdmin(DomainAdmin):
    list_display = ("code", "title", "kind")
    search_fields = ("code", "title")


@admin.register(models.KoladaGroup)
class KoladaGroupAdmin(DomainAdmin):
    list_display = ("code", "title")
    search_fields = ("code", "title")


@admin.register(models.PendingValue)
class PendingValueAdmin(DomainAdmin):
    list_display = ("indicator", "period", "value", "reason", "state")
    list_filter = ("state", "reason")
    readonly_fields = ("version", "resolved_by", "resolved_at")
