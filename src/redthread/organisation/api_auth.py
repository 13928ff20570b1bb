"""API authentication: a bearer token or the browser session (with CSRF)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from redthread.core.middleware import SAFE_METHODS
from redthread.organisation.models import ApiToken

LAST_USED_RESOLUTION = dt.timedelta(minutes=5)


def _refuse_read_only_writes(request: HttpRequest, user: Any) -> None:
    if request.method not in SAFE_METHODS and getattr(user, "is_read_only", False):
        raise HttpError(403, "Du har läsbehörighet och kan inte ändra något i systemet.")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = ApiToken.objects.for_key(token)
        if api_token is None:
            return None
        user = api_token.user
        if user.is_demo and not settings.DEMO_MODE:
            return None
        now = timezone.now()
        if api_token.last_used is None or now - api_token.last_used > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used=now)
        request.user = user
        _refuse_read_only_writes(request, user)
        return user


class ReadOnlyAwareSessionAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user:
            _refuse_read_only_writes(request, user)
        return user
