"""What the feedback app adds to shared pages: search by reference and a start-page panel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.registry import register_shell, register_start_panel
from redthread.core.search import model_search
from redthread.feedback.models import ServiceRequest
from redthread.feedback.rules import handles_something

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


@register_shell
def public_links(request: HttpRequest) -> dict[str, Any]:
    """The public start page's card for the form (added to any other app's cards)."""
    links: list[dict[str, Any]] = request.__dict__.setdefault("_public_links", [])
    if not any(link.get("key") == "feedback" for link in links):
        links.append(
            {
                "key": "feedback",
                "url": reverse("feedback:submit"),
                "label": _("Lämna synpunkt eller felanmälan"),
                "text": _("Beröm, klagomål, förslag, eller ett fel på gata, park eller belysning."),
            }
        )
    return {"public_links": links}
