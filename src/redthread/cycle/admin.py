from __future__ import annotations

from django.contrib import admin

from redthread.core.admin import DomainAdmin
from redthread.cycle.models import ReportingPeriod


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(DomainAdmin):
    list_display = ("__str__", "year", "kind", "end_date", "due_on", "state")
    list_filter = ("year", "kind", "state")
