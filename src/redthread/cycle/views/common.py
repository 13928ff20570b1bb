"""Small helpers the årshjul's views share."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from redthread.organisation.models import Municipality

MIN_YEAR, MAX_YEAR = 2000, 2100


def municipality() -> Municipality:
    return Municipality.objects.current()


def requested_year(request: HttpRequest, name: str = "ar") -> int:
    """The year in the query string, or this year; a year out of range is this year."""
    value = request.GET.get(name, "")
    if value.isdigit() and MIN_YEAR <= int(value) <= MAX_YEAR:
        return int(value)
    return timezone.localdate().year
