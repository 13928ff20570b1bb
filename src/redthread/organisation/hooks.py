"""What the organisation app contributes to shared pages: search and the page shell."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from redthread.core.registry import register_shell
from redthread.core.search import model_search
from redthread.organisation.models import Body, Decision, Municipality, Person, Unit, WorkingGroup

model_search(
    Body, fields=["name", "short_name"], kind=_("Organ"), url=lambda o: o.get_absolute_url()
)
model_search(
    Unit, fields=["name", "short_name"], kind=_("Enhet"), url=lambda o: o.get_absolute_url()
)
model_search(
    Person,
    fields=["first_name", "last_name", "title"],
    kind=_("Person"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: o.title,
)
model_search(
    Decision,
    fields=["title", "case_number", "paragraph"],
    kind=_("Beslut"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: o.title,
    queryset=lambda: Decision.objects.select_related("body"),
)
model_search(
    WorkingGroup, fields=["name"], kind=_("Arbetsgrupp"), url=lambda o: o.get_absolute_url()
)

DEMO_LOGINS = [
    ("admin", _("administratör")),
    ("kvalitetsstrateg", _("kvalitetsstrateg: målstruktur, årshjul, mallar")),
    ("ekonom", _("ekonom: budget, utfall och prognoser")),
    ("revisor", _("revisor: läser allt, ändrar inget")),
    ("politiker", _("förtroendevald, ledamot i kommunstyrelsen")),
    ("forvaltningschef", _("förvaltningschef, omsorgs- och socialförvaltningen")),
    ("enhetschef", _("enhetschef för en hemtjänstenhet")),
    ("medarbetare", _("medarbetare i samma enhet")),
    ("handlaggare", _("handläggare av synpunkter och felanmälan")),
]


@register_shell
def municipality_shell(request: HttpRequest) -> dict[str, Any]:
    """The municipality's name on every page, and the demo logins in demo mode."""
    municipality = getattr(request, "_municipality", None)
    if municipality is None:
        try:
            municipality = Municipality.objects.filter(
                code=settings.REDTHREAD_MUNICIPALITY_CODE
            ).first()
        except DatabaseError:
            municipality = None
        request._municipality = municipality  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "municipality": municipality,
        "demo_mode": settings.DEMO_MODE,
        "sso_enabled": bool(settings.OIDC_ISSUER),
    }
    if settings.DEMO_MODE:
        context["demo_logins"] = [{"username": u, "description": d} for u, d in DEMO_LOGINS]
    return context
