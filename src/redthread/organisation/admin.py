from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from redthread.core.admin import DomainAdmin
from redthread.organisation import models


@admin.register(models.User)
class UserAdmin(ObjectPermissionsModelAdminMixin, BaseUserAdmin[models.User]):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Röda tråden", {"fields": ("is_demo",)}))  # type: ignore[misc]
    list_display = ("username", "first_name", "last_name", "email", "is_active", "is_demo")


@admin.register(models.Municipality)
class MunicipalityAdmin(DomainAdmin):
    list_display = ("name", "code", "county_name")


@admin.register(models.Body)
class BodyAdmin(DomainAdmin):
    list_display = ("name", "short_name", "kind", "parent", "external_municipality")
    list_filter = ("kind",)
    search_fields = ("name", "short_name")


@admin.register(models.Unit)
class UnitAdmin(DomainAdmin):
    list_display = ("name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name",)
    filter_horizontal = ("serves",)


class AssignmentInline(admin.TabularInline[models.Assignment, models.Person]):
    model = models.Assignment
    extra = 0


class MembershipInline(admin.TabularInline[models.Membership, models.Person]):
    model = models.Membership
    extra = 0


class RoleGrantInline(admin.TabularInline[models.RoleGrant, models.Person]):
    model = models.RoleGrant
    extra = 0


@admin.register(models.Person)
class PersonAdmin(DomainAdmin):
    list_display = ("last_name", "first_name", "title", "email", "user")
    search_fields = ("first_name", "last_name", "title", "email")
    inlines = [AssignmentInline, MembershipInline, RoleGrantInline]


@admin.register(models.Term)
class TermAdmin(DomainAdmin):
    list_display = ("__str__", "election_date")


@admin.register(models.Decision)
class DecisionAdmin(DomainAdmin):
    list_display = ("date", "body", "paragraph", "case_number", "title")
    list_filter = ("body",)
    search_fields = ("title", "case_number")
    date_hierarchy = "date"


class WorkingGroupMemberInline(admin.TabularInline[models.WorkingGroupMember, models.WorkingGroup]):
    model = models.WorkingGroupMember
    extra = 0


@admin.register(models.WorkingGroup)
class WorkingGroupAdmin(DomainAdmin):
    list_display = ("name", "kind", "lead", "reports_to")
    inlines = [WorkingGroupMemberInline]


@admin.register(models.ApiToken)
class ApiTokenAdmin(DomainAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used")
    readonly_fields = ("version", "prefix", "created_at", "last_used")


@admin.register(models.SecurityPolicy)
class SecurityPolicyAdmin(DomainAdmin):
    list_display = ("municipality", "two_factor")


@admin.register(models.TwoFactorDevice)
class TwoFactorDeviceAdmin(
    ObjectPermissionsModelAdminMixin, admin.ModelAdmin[models.TwoFactorDevice]
):
    """Only to remove a lost device; a device is set up by its user."""

    list_display = ("user", "confirmed_at")
    fields = ("user", "confirmed_at")
    readonly_fields = ("user", "confirmed_at")

    def has_add_permission(self, request: Any) -> bool:
        return False
