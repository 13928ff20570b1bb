"""What the analysis area adds to shared pages: search in Kolada's catalogue, a start panel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from redthread.analysis.models import KoladaKpi, PendingValue
from redthread.core.registry import register_start_panel
from redthread.core.search import model_search

model_search(
    KoladaKpi,
    fields=["code", "title"],
    kind=_("Nyckeltal i Kolada"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: o.operating_area,
)


@register_start_panel(60)
def pending_panel(request: HttpRequest) -> tuple[str, dict[str, Any]] | None:
    """Kolada figures waiting for a decision, for those who may decide them."""
    user = request.user
    if not user.has_perm("analysis.change_pendingvalue"):
        return None
    waiting = [
        p
        for p in PendingValue.objects.open().select_related("indicator", "period")
        if user.has_perm("analysis.change_pendingvalue", p)
    ]
    if not waiting:
        return None
    return "analysis/_start_panel.html", {"waiting": waiting}
