"""Helpers for htmx partial updates: one place decides whether a request wants a fragment."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """True for a request made by htmx (django-htmx sets ``request.htmx``)."""
    return bool(getattr(request, "htmx", False))
