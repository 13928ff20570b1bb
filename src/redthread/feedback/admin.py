"""Configuration in the admin site: categories, answer templates and Open311 keys."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from redthread.core.admin import DomainAdmin
from redthread.feedback import models


@admin.register(models.Category)
class CategoryAdmin(DomainAdmin):
    list_display = ("name", "code", "unit", "response_days", "open311_type", "is_active")
    list_filter = ("is_active", "group")
    search_fields = ("name", "code", "keywords")
    filter_horizontal = ("handlers",)
    autocomplete_fields = ()


@admin.register(models.AnswerTemplate)
class AnswerTemplateAdmin(DomainAdmin):
    list_display = ("name", "category", "is_active")
    list_filter = ("is_active", "category")


@admin.register(models.Open311Key)
class Open311KeyAdmin(DomainAdmin):
    """A new key is shown once, when it is created; only its hash is kept."""

    list_display = ("name", "prefix", "contact", "is_active", "is_demo", "created_at", "last_used")
    readonly_fields = ("version", "prefix", "created_at", "last_used")
    fields = (
        "name",
        "contact",
        "is_active",
        "is_demo",
        "prefix",
        "created_at",
        "last_used",
        "version",
    )

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        key = None if change else obj.set_key()
        super().save_model(request, obj, form, change)
        if key:
            messages.warning(
                request,
                _("Nyckeln är %(key)s. Kopiera den nu: den visas bara en gång.") % {"key": key},
            )


@admin.register(models.ServiceRequest)
class ServiceRequestAdmin(DomainAdmin):
    list_display = ("reference", "received_at", "kind", "category", "unit", "state")
    list_filter = ("state", "kind", "category", "channel")
    search_fields = ("reference",)
    readonly_fields = (
        "version",
        "reference",
        "received_at",
        "due_on",
        "responded_at",
        "closed_at",
        "erased_at",
    )
    raw_id_fields = ("duplicate_of", "assigned_to", "registered_by", "api_key")


@admin.register(models.ErasureRecord)
class ErasureRecordAdmin(DomainAdmin):
    list_display = ("reference", "erased_at", "erased_by", "fields", "photos", "notes", "answers")
    readonly_fields = tuple(f.name for f in models.ErasureRecord._meta.fields if f.name != "id")
