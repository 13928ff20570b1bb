"""What the documents app contributes to shared pages: search, a start panel, linkable models."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redthread.core.registry import PublicLink, register_public_link, register_start_panel
from redthread.core.search import model_search
from redthread.documents.links import register_linkable
from redthread.documents.models import GoverningDocument
from redthread.documents.rules import keeps_register
from redthread.organisation.models import Body, Unit

model_search(
    GoverningDocument,
    fields=["title", "summary", "reference", "decision__case_number"],
    kind=_("Styrdokument"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: f"{o.get_category_display()}, {o.get_state_display()}",
    queryset=lambda: GoverningDocument.objects.select_related("decision__body", "unit"),
)

register_public_link(
    PublicLink(
        label=_("Styrdokument"),
        url_name="documents:register",
        text=_("Policyer, program, planer, riktlinjer och reglementen som kommunen har beslutat."),
        order=30,
    )
)

# Reglementen govern bodies, ägardirektiv a company, rutiner a unit. Goals and processes
# are registered by their own apps.
register_linkable(Body, _("Organ"))
register_linkable(Unit, _("Förvaltning eller enhet"))


@register_start_panel(60)
def review_panel(request: HttpRequest) -> tuple[str, dict[str, Any]] | None:
    """Styrdokument the user answers for that are due for aktualitetsprövning."""
    user: Any = request.user
    if not user.is_authenticated:
        return None
    scope = user.scope
    due = GoverningDocument.objects.filter(
        municipality__code=settings.REDTHREAD_MUNICIPALITY_CODE
    ).due_for_review()
    own = list(
        due.filter(owner_id=scope.person_id).order_by("review_by")[:10] if scope.person_id else []
    )
    register_count = due.count() if keeps_register(user) else None
    if not own and not register_count:
        return None
    today = timezone.localdate()
    return (
        "documents/_panel.html",
        {
            "own": [{"document": d, "review": d.review_status(today)} for d in own],
            "register_count": register_count,
        },
    )
