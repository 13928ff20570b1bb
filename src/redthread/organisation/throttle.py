"""Throttling of sign-in: a few wrong passwords, then a pause, per account and per address.

Failures are kept in the database so the limit holds across every server process.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from redthread.organisation.models import FailedLogin

WINDOW_MINUTES = 15
PER_ACCOUNT = 5
PER_ADDRESS = 20


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def is_throttled(username: str, ip: str | None) -> bool:
    recent = FailedLogin.objects.recent(WINDOW_MINUTES)
    if username and recent.filter(username__iexact=username).count() >= PER_ACCOUNT:
        return True
    return bool(ip and recent.filter(ip=ip).count() >= PER_ADDRESS)


@receiver(user_login_failed)
def record_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    FailedLogin.objects.create(
        username=str(credentials.get("username", ""))[:150], ip=client_ip(request)
    )


@receiver(user_logged_in)
def forget_failures(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    FailedLogin.objects.filter(username__iexact=user.get_username()).delete()
