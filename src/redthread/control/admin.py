from __future__ import annotations

from django.contrib import admin

from redthread.control import models
from redthread.core.admin import DomainAdmin


@admin.register(models.ControlSettings)
class ControlSettingsAdmin(DomainAdmin):
    list_display = ("municipality", "yellow_from", "red_from", "common_points_per_year")


@admin.register(models.RiskStep)
class RiskStepAdmin(DomainAdmin):
    list_display = ("municipality", "axis", "level", "name")
    list_filter = ("axis",)


@admin.register(models.Risk)
class RiskAdmin(DomainAdmin):
    list_display = ("title", "body", "category")
    list_filter = ("category", "body")
    search_fields = ("title", "process")


@admin.register(models.ControlPlan)
class ControlPlanAdmin(DomainAdmin):
    list_display = ("body", "year", "decision")
    list_filter = ("year",)


@admin.register(models.CommonControlPoint)
class CommonControlPointAdmin(DomainAdmin):
    list_display = ("title", "year", "decision")
    list_filter = ("year",)


@admin.register(models.AuditReport)
class AuditReportAdmin(DomainAdmin):
    list_display = ("title", "issued_on", "case_number")
