"""Helpers every finance view shares."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from redthread.core.permissions import require
from redthread.finance.models import BudgetYear
from redthread.organisation.models import Body, Municipality


def municipality_of(request: HttpRequest) -> Municipality:
    cached = getattr(request, "_municipality", None)
    if cached is None:
        cached = Municipality.objects.current()
        request._municipality = cached  # type: ignore[attr-defined]
    return cached


def budget_year_or_404(request: HttpRequest, year: int) -> BudgetYear:
    require(request.user, "finance.view_budgetyear")
    return get_object_or_404(BudgetYear, municipality=municipality_of(request), year=year)


def body_or_404(request: HttpRequest, pk: int) -> Body:
    body = get_object_or_404(Body, pk=pk, municipality=municipality_of(request))
    if not request.user.has_perm("organisation.view_body", body):
        raise Http404
    return body


def current_year() -> int:
    return timezone.localdate().year


def may(request: HttpRequest, perm: str, obj: Any = None) -> bool:
    return bool(request.user.has_perm(perm, obj))
