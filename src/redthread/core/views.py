"""Pages every area shares: the start page, search, area placeholders and Historik."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from redthread.core.areas import AREAS
from redthread.core.audit import history_of
from redthread.core.permissions import get_visible_or_404
from redthread.core.registry import SearchHit, public_links, search_providers, start_panels

SEARCH_LIMIT = 10


def home(request: HttpRequest) -> HttpResponse:
    """The start page: for a signed-in user, the panels of every app; else the public start."""
    if not request.user.is_authenticated:
        return render(request, "core/public_home.html", {"public_links": public_links})
    panels = []
    for _order, panel in start_panels:
        result = panel(request)
        if result is not None:
            panels.append(result)
    return render(request, "core/home.html", {"panels": panels})


@login_required
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    hits: list[SearchHit] = []
    if len(query) >= 2:
        for provider in search_providers:
            hits.extend(provider(request, query, SEARCH_LIMIT))
    return render(
        request,
        "core/search.html",
        {"query": query, "hits": hits, "too_short": 0 < len(query) < 2},
    )


@login_required
def area(request: HttpRequest, key: str) -> HttpResponse:
    """The page of an area that is not built yet: what will come there."""
    area = AREAS.get(key)
    if area is None:
        raise Http404
    return render(request, "core/area.html", {"area": area})


@login_required
def history(request: HttpRequest, model_label: str, pk: int) -> HttpResponse:
    """Historik: who changed the object, when, and every field before -> after."""
    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        raise Http404 from None
    if not hasattr(model, "history"):
        raise Http404
    obj = get_visible_or_404(request.user, model, pk=pk)
    context: dict[str, Any] = {
        "object": obj,
        "model_name": model._meta.verbose_name,
        "entries": history_of(obj),
        "back_url": obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None,
        "title": _("Historik: %(object)s") % {"object": obj},
    }
    return render(request, "core/history.html", context)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
