from __future__ import annotations

from django.contrib import admin

from redthread.core.admin import DomainAdmin
from redthread.cycle import models


@admin.register(models.ReportingPeriod)
class ReportingPeriodAdmin(DomainAdmin):
    list_display = ("__str__", "year", "kind", "end_date", "due_on", "state")
    list_filter = ("year", "kind", "state")


@admin.register(models.AnnualCycle)
class AnnualCycleAdmin(DomainAdmin):
    list_display = ("name", "municipality")


@admin.register(models.CycleStep)
class CycleStepAdmin(DomainAdmin):
    list_display = ("name", "key", "process", "responsible", "start_month", "end_month")
    list_filter = ("process", "responsible", "is_active")
    filter_horizontal = ("waits_for",)


@admin.register(models.CycleEvent)
class CycleEventAdmin(DomainAdmin):
    list_display = ("name", "year", "starts_on", "ends_on", "completed_on")
    list_filter = ("year", "step__process")


@admin.register(models.ReminderLog)
class ReminderLogAdmin(DomainAdmin):
    list_display = ("event", "person", "kind", "days", "due_on", "sent_at")


class MaterialInline(admin.TabularInline[models.DialogueMaterial, models.Dialogue]):
    model = models.DialogueMaterial
    extra = 0


class ActionInline(admin.TabularInline[models.DialogueAction, models.Dialogue]):
    model = models.DialogueAction
    extra = 0


@admin.register(models.Dialogue)
class DialogueAdmin(DomainAdmin):
    list_display = ("title", "kind", "held_on")
    list_filter = ("kind",)
    inlines = [MaterialInline, ActionInline]


class SourceInline(admin.TabularInline[models.ScanSource, models.EnvironmentScan]):
    model = models.ScanSource
    extra = 0


class ItemInline(admin.StackedInline[models.ScanItem, models.EnvironmentScan]):
    model = models.ScanItem
    extra = 0


@admin.register(models.EnvironmentScan)
class EnvironmentScanAdmin(DomainAdmin):
    list_display = ("title", "year", "status", "published_on")
    inlines = [SourceInline, ItemInline]
