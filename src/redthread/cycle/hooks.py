"""What the årshjul contributes to shared pages: search and the start page's deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.registry import register_start_panel
from redthread.core.search import model_search
from redthread.cycle.deadlines import actions_of, deadlines_of
from redthread.cycle.models import Dialogue, EnvironmentScan
from redthread.organisation.models import Municipality

START_PANEL_DAYS = 30

model_search(
    Dialogue,
    fields=["title", "agenda", "notes"],
    kind=_("Dialog"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: f"{o.held_on:%Y-%m-%d}",
)
model_search(
    EnvironmentScan,
    fields=["title", "summary"],
    kind=_("Omvärldsanalys"),
    url=lambda o: o.get_absolute_url(),
)


@register_start_panel(20)
def deadlines_panel(request: HttpRequest) -> tuple[str, dict[str, Any]] | None:
    """The user's steps of the årshjul that are late or due within a month."""
    user = request.user
    if not user.has_perm("cycle.view_cycleevent"):
        return None
    try:
        place = Municipality.objects.current()
    except Municipality.DoesNotExist:
        return None
    today = timezone.localdate()
    events = list(
        deadlines_of(
            user, place, today - dt.timedelta(days=60), today + dt.timedelta(days=START_PANEL_DAYS)
        ).pending()
    )
    actions = actions_of(user, due_by=today + dt.timedelta(days=START_PANEL_DAYS))
    if not events and not actions:
        return None
    rows = [(e, e.state_label(today), e.status_css(today)) for e in events]
    return "cycle/_start_panel.html", {
        "rows": rows,
        "actions": [(a, a.is_overdue(today)) for a in actions],
        "days": START_PANEL_DAYS,
    }
