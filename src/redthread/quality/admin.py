from __future__ import annotations

from django.contrib import admin

from redthread.core.admin import DomainAdmin
from redthread.quality import models


@admin.register(models.CoreValue)
class CoreValueAdmin(DomainAdmin):
    list_display = ("title", "order", "municipality")


@admin.register(models.SurveyIndex)
class SurveyIndexAdmin(DomainAdmin):
    list_display = ("code", "title", "kind", "indicator")
    list_filter = ("kind",)
    search_fields = ("code", "title")
    raw_id_fields = ("indicator",)


@admin.register(models.ServiceDeclaration)
class ServiceDeclarationAdmin(DomainAdmin):
    list_display = ("service", "code", "body", "state")
    list_filter = ("state", "body")
    search_fields = ("service", "code")


@admin.register(models.Process)
class ProcessAdmin(DomainAdmin):
    list_display = ("title", "kind", "unit", "owner")
    list_filter = ("kind",)
    search_fields = ("title",)
    filter_horizontal = ("risks", "activities", "declarations")


@admin.register(models.Survey)
class SurveyAdmin(DomainAdmin):
    list_display = ("title", "kind", "year", "month", "unit", "state")
    list_filter = ("kind", "year", "state")


@admin.register(models.ImprovementProposal)
class ImprovementProposalAdmin(DomainAdmin):
    list_display = ("title", "unit", "stage", "submitted_on")
    list_filter = ("stage",)
    search_fields = ("title",)


@admin.register(models.QualityReport)
class QualityReportAdmin(DomainAdmin):
    list_display = ("body", "year", "decision")
    list_filter = ("year",)
