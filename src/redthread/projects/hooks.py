"""What the projects app contributes to shared pages: search and a start panel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.registry import register_start_panel
from redthread.core.search import model_search
from redthread.projects.models import Project

model_search(
    Project,
    fields=["name", "code", "purpose", "investment_code"],
    kind=_("Projekt"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: o.unit.name,
    queryset=lambda: Project.objects.select_related("unit"),
)


@register_start_panel(70)
def projects_panel(request: HttpRequest) -> tuple[str, dict[str, Any]] | None:
    """The user's own projects: where each is, and any tollgate past its planned date."""
    user: Any = request.user
    if not user.is_authenticated or not user.scope.person_id:
        return None
    projects = list(
        Project.objects.active().for_person(user.scope.person_id).for_portfolio().order_by("name")
    )
    if not projects:
        return None
    today = timezone.localdate()
    rows = [
        {
            "project": p,
            "next": p.next_tollgate,
            "late": bool(p.late_tollgates(today)),
            "status": p.latest_status,
        }
        for p in projects[:10]
    ]
    return "projects/_panel.html", {"rows": rows}
