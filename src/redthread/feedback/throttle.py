"""Rate limits per client, held in the database so they hold across every process.

A limit is written ``"N/h"`` (or ``/m``, ``/d``): N submissions per window. The
client is an HMAC of its address (never the address itself); behind a reverse proxy
set ``REDTHREAD_PROXY_COUNT`` so the address comes from ``X-Forwarded-For``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils import timezone

from redthread.feedback.models import RateLimitBucket

UNITS = {"m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Limit:
    count: int
    window: dt.timedelta

    @classmethod
    def parse(cls, text: str) -> Limit:
        try:
            number, unit = text.strip().split("/")
            return cls(int(number), dt.timedelta(seconds=UNITS[unit.strip()]))
        except (ValueError, KeyError):
            raise ImproperlyConfigured(
                f"A rate limit is written like 20/h (per m, h or d), not {text!r}."
            ) from None


def client_address(request: HttpRequest) -> str:
    proxies = settings.REDTHREAD_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return str(forwarded[-proxies])
    return str(request.META.get("REMOTE_ADDR", ""))


def client_key(text: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def allow(scope: str, client: str, limit: Limit, now: dt.datetime | None = None) -> bool:
    """Count this submission; False when the client is over its limit for the window."""
    moment = now or timezone.now()
    count = RateLimitBucket.hit(scope, client_key(client), limit.window, moment)
    return count <= limit.count


def allow_request(request: HttpRequest, scope: str, limit_text: str) -> bool:
    return allow(scope, client_address(request), Limit.parse(limit_text))
