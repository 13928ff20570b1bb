from __future__ import annotations

from django.contrib import admin

from redthread.core.admin import DomainAdmin
from redthread.goals import models


@admin.register(models.Vision)
class VisionAdmin(DomainAdmin):
    list_display = ("title", "statement", "first_year", "last_year")


@admin.register(models.StrategicArea)
class StrategicAreaAdmin(DomainAdmin):
    list_display = ("title", "vision", "is_internal", "order")


@admin.register(models.MunicipalGoal)
class MunicipalGoalAdmin(DomainAdmin):
    list_display = ("__str__", "year", "area", "owner", "is_published")
    list_filter = ("year", "area")
    search_fields = ("title",)


@admin.register(models.Indicator)
class IndicatorAdmin(DomainAdmin):
    list_display = ("title", "year", "goal", "source", "kolada_kpi", "owner")
    list_filter = ("year", "source")
    search_fields = ("title", "kolada_kpi")


@admin.register(models.Commitment)
class CommitmentAdmin(DomainAdmin):
    list_display = ("title", "year", "body", "unit", "decision")
    list_filter = ("year", "body")
    search_fields = ("title",)
    filter_horizontal = ("goals",)


@admin.register(models.Measure)
class MeasureAdmin(DomainAdmin):
    list_display = ("title", "year", "commitment", "unit", "owner")
    list_filter = ("year",)
    search_fields = ("title",)


@admin.register(models.Target)
class TargetAdmin(DomainAdmin):
    list_display = ("__str__", "year", "kind", "value", "decision")
    list_filter = ("year", "kind")


@admin.register(models.Actual)
class ActualAdmin(DomainAdmin):
    list_display = ("__str__", "period", "value", "source")
    list_filter = ("source",)


@admin.register(models.OperationalPlan)
class OperationalPlanAdmin(DomainAdmin):
    list_display = ("__str__", "unit", "year", "state")


@admin.register(models.Activity)
class ActivityAdmin(DomainAdmin):
    list_display = ("title", "year", "unit", "commitment", "state", "progress")
    list_filter = ("year", "state")
    search_fields = ("title",)


@admin.register(models.StrategicAction)
class StrategicActionAdmin(DomainAdmin):
    list_display = ("title", "year", "network", "goal", "progress")


@admin.register(models.FollowUp)
class FollowUpAdmin(DomainAdmin):
    list_display = ("__str__", "period", "status", "state", "author")
    list_filter = ("state", "status", "period")
    readonly_fields = ("version", "computed_status", "submitted_at", "reviewed_by", "reviewed_at")


@admin.register(models.FulfilmentThreshold)
class FulfilmentThresholdAdmin(DomainAdmin):
    list_display = ("year", "share", "decision")


@admin.register(models.GoalSettings)
class GoalSettingsAdmin(DomainAdmin):
    list_display = ("municipality", "tolerance")
