"""Response headers of a public-sector web application, and a request id for every log line.

- Content-Security-Policy without ``unsafe-inline``: scripts and styles only from our own
  static files; no inline script or style anywhere in the templates.
- Permissions-Policy: no camera, microphone or payment; geolocation only for our own pages
  (felanmälan may ask where the fault is).
- Every request gets an id (or keeps the ``X-Request-ID`` the proxy gave it), returned in the
  response and attached to every log line, so a user's report can be found in the logs.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_local = threading.local()
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id() -> str:
    return getattr(_local, "request_id", "-")


def content_security_policy() -> str:
    extra_img = " ".join(getattr(settings, "CSP_EXTRA_IMG_SOURCES", []))
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src 'self' data: {extra_img}".strip(),
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


PERMISSIONS_POLICY = "camera=(), microphone=(), payment=(), usb=(), geolocation=(self)"


def security_headers(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    policy = content_security_policy()

    def middleware(request: HttpRequest) -> HttpResponse:
        supplied = request.headers.get("X-Request-ID", "")
        request_id = supplied if REQUEST_ID_PATTERN.match(supplied) else uuid.uuid4().hex
        _local.request_id = request_id
        request.request_id = request_id  # type: ignore[attr-defined]
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers["X-Request-ID"] = request_id
        return response

    return middleware


def forget_request_id(**kwargs: Any) -> None:
    """Connected to ``request_finished``: the id does not leak into the next job of the thread."""
    _local.request_id = "-"


def install_record_factory() -> None:
    """Every log record, whichever handler sees it first, carries the request id."""
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.request_id = current_request_id()
        return record

    logging.setLogRecordFactory(factory)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request id, message, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
