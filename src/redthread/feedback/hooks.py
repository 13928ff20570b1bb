"""What the feedback app adds to shared pages: search by reference and a start-page panel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.registry import (
    PublicLink,
    register_public_link,
    register_start_panel,
)
from redthread.core.search import model_search
from redthread.feedback.models import ServiceRequest
from redthread.feedback.rules import handles_something
from redthread.goals.computed import register_computation

model_search(
    ServiceRequest,
    fields=["reference", "address"],
    kind=_("Synpunkt/felanmälan"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: f"{o.category} – {o.get_state_display()}",
    queryset=lambda: ServiceRequest.objects.select_related("category", "unit"),
)


@register_start_panel(40)
def inbox_panel(request: HttpRequest) -> tuple[str, dict[str, Any]] | None:
    """A handläggare's open and overdue cases, on the start page."""
    user: Any = request.user
    if not user.is_authenticated or not handles_something(user):
        return None
    cases = ServiceRequest.objects.handled_by(user).open()
    return (
        "feedback/_start_panel.html",
        {
            "open": cases.count(),
            "new": cases.filter(state="new").count(),
            "overdue": cases.overdue(timezone.localdate()).count(),
        },
    )


register_public_link(
    PublicLink(
        _("Lämna synpunkt eller felanmälan"),
        "feedback:submit",
        _("Beröm, klagomål, förslag, eller ett fel på gata, park eller belysning."),
        order=5,
    )
)


def _share_answered_in_five(municipality: Any, start: Any, end: Any) -> Any:
    from decimal import Decimal

    from redthread.feedback.stats import share_answered_within

    share = share_answered_within(days=5, start=start, end=end, today=end)
    return None if share is None else Decimal(str(round(share * 100, 2)))


register_computation(
    "feedback_answered_in_5_days",
    _("Andel synpunkter besvarade inom 5 arbetsdagar (synpunktsstatistiken)"),
    _share_answered_in_five,
)
