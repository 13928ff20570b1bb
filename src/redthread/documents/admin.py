from __future__ import annotations

from django.contrib import admin

from redthread.core.admin import DomainAdmin
from redthread.documents import models


class DocumentFileInline(admin.TabularInline[models.DocumentFile, models.GoverningDocument]):
    model = models.DocumentFile
    extra = 0
    fields = ("number", "original_name", "comment", "uploaded_at", "uploaded_by")
    readonly_fields = fields
    can_delete = False


class DocumentLinkInline(admin.TabularInline[models.DocumentLink, models.GoverningDocument]):
    model = models.DocumentLink
    extra = 0


@admin.register(models.GoverningDocument)
class GoverningDocumentAdmin(DomainAdmin):
    list_display = ("title", "kind", "category", "state", "valid_from", "review_by", "owner")
    list_filter = ("kind", "category", "state")
    search_fields = ("title", "reference", "summary")
    raw_id_fields = ("decision", "revoked_by", "replaces")
    inlines = [DocumentFileInline, DocumentLinkInline]


@admin.register(models.ReviewReminder)
class ReviewReminderAdmin(DomainAdmin):
    list_display = ("document", "review_by", "stage", "recipient", "sent_at")
    readonly_fields = ("version", "document", "review_by", "stage", "recipient", "sent_at")
