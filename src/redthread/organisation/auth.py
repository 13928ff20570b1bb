"""Sign-in rules: demo accounts only in demo mode; the admin site for the municipality-wide roles."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class AccountBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        if getattr(user, "is_demo", False) and not settings.DEMO_MODE:
            return False
        return super().user_can_authenticate(user)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        from redthread.organisation.models import RoleGrant

        # The admin site is a working tool for the municipality-wide roles that configure
        # (administratör), keep the goal structure (kvalitetsstrateg) or the finances (ekonom);
        # what each may do there is decided by the same rules as in the pages.
        roles = (
            RoleGrant.Role.ADMINISTRATOR,
            RoleGrant.Role.QUALITY_STRATEGIST,
            RoleGrant.Role.ECONOMIST,
        )
        return bool(
            user_obj.is_active
            and user_obj.is_staff
            and any(user_obj.scope.has_role(role) for role in roles)
        )
