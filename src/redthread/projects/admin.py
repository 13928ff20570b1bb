from __future__ import annotations

from django.contrib import admin

from redthread.core.admin import DomainAdmin
from redthread.projects import models


class ModelPhaseInline(admin.TabularInline[models.ModelPhase, models.ProjectModel]):
    model = models.ModelPhase
    extra = 0


@admin.register(models.ProjectModel)
class ProjectModelAdmin(DomainAdmin):
    list_display = ("name", "is_default", "municipality")
    inlines = [ModelPhaseInline]


class TollgateInline(admin.TabularInline[models.Tollgate, models.Project]):
    model = models.Tollgate
    extra = 0
    fields = ("order", "name", "planned_date", "outcome", "decided_on", "decided_by", "decision")
    readonly_fields = ("order", "name", "outcome", "decided_on", "decided_by", "decision")
    can_delete = False


@admin.register(models.Project)
class ProjectAdmin(DomainAdmin):
    list_display = ("name", "code", "unit", "owner", "manager", "state")
    list_filter = ("state",)
    search_fields = ("name", "code", "investment_code")
    inlines = [TollgateInline]
