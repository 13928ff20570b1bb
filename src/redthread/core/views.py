"""Pages every area shares: the start page, search, area placeholders and Historik."""

from __future__ import annotations

import logging
import sys
from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from redthread.core.areas import AREAS
from redthread.core.audit import history_of
from redthread.core.permissions import get_visible_or_404
from redthread.core.registry import SearchHit, public_links, search_providers, start_panels

SEARCH_LIMIT = 10
logger = logging.getLogger(__name__)


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
    """A Swedish error page that needs nothing of the database; 503 when the database is away."""
    from django.db import InterfaceError, OperationalError
    from django.template.loader import render_to_string

    exception = sys.exc_info()[1]
    if isinstance(exception, OperationalError | InterfaceError):
        logger.error("database unavailable: %s", exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)


def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer and monitoring: the database and the task queue."""
    from django.db import DatabaseError, connection

    checks: dict[str, str] = {}
    status = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except DatabaseError:
        checks["database"] = "unavailable"
        status = 503
    if status == 200:
        checks["tasks"] = _task_queue_state()
    return JsonResponse(
        {"status": "ok" if status == 200 else "unavailable", **checks}, status=status
    )


def _task_queue_state() -> str:
    """ "stale" when tasks have waited more than ten minutes: no worker is taking them."""
    import datetime as dt

    from django.db import DatabaseError
    from django.utils import timezone

    try:
        from django_tasks_db.models import DBTaskResult

        cutoff = timezone.now() - dt.timedelta(minutes=10)
        waiting = DBTaskResult.objects.filter(status="READY", enqueued_at__lt=cutoff).count()
    except (DatabaseError, ImportError):
        return "unavailable"
    return "ok" if waiting == 0 else f"stale ({waiting} waiting)"
