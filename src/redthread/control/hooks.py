"""What internal control adds to shared pages: search hits and a start-page panel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.control.models import (
    Action,
    AuditReport,
    ControlPlan,
    ControlPoint,
    ControlSettings,
    Risk,
    bodies_with_control,
    plan_status,
)
from redthread.control.scope import control_scope
from redthread.core.registry import register_start_panel
from redthread.core.search import model_search
from redthread.organisation.models import Municipality

model_search(
    Risk,
    fields=["title", "process"],
    kind=_("Risk"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: o.body.label,
    queryset=lambda: Risk.objects.select_related("body"),
)
model_search(
    ControlPoint,
    fields=["title"],
    kind=_("Kontrollmoment"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: str(o.plan),
    queryset=lambda: ControlPoint.objects.select_related("plan__body"),
)
model_search(
    AuditReport,
    fields=["title", "case_number"],
    kind=_("Revisionsrapport"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: o.issued_on.isoformat(),
)


@register_start_panel(60)
def control_panel(request: HttpRequest) -> tuple[str, dict[str, Any]] | None:
    """The user's open control actions, and their nämnder's plans that are late this year."""
    user: Any = request.user
    cs = control_scope(user)
    if not (cs.person_id and (cs.has_bodies or cs.is_writer)):
        return None
    today = timezone.localdate()
    actions = list(
        Action.objects.open()
        .filter(owner_id=cs.person_id)
        .select_related("body")
        .order_by("due_on")[:5]
    )
    late = []
    own = cs.staff_body_ids | cs.member_body_ids
    if own:
        municipality = Municipality.objects.filter(bodies__in=own).first()
        if municipality is not None:
            deadline = ControlSettings.for_municipality(municipality).plan_deadline(today.year)
            plans = {
                p.body_id: p
                for p in ControlPlan.objects.filter(body__in=own, year=today.year).select_related(
                    "decision"
                )
            }
            for body in bodies_with_control(municipality).filter(pk__in=own):
                status = plan_status(plans.get(body.pk), deadline, today)
                if status.is_late:
                    late.append((body, plans.get(body.pk), status))
    if not actions and not late:
        return None
    return (
        "control/_start_panel.html",
        {"actions": actions, "late": late, "today": today, "year": today.year},
    )
