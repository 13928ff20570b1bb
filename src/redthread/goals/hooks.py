"""What the goal chain adds to shared pages: search, the start page's to-do list, the public link."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from redthread.core.registry import PublicLink, register_public_link, register_start_panel
from redthread.core.search import model_search
from redthread.documents.links import register_linkable
from redthread.goals.models import Activity, Commitment, Indicator, Measure, MunicipalGoal
from redthread.goals.periods import planning_year
from redthread.goals.todo import start_page_news, todo_for
from redthread.organisation.models import Municipality

model_search(
    MunicipalGoal,
    fields=["title", "number"],
    kind=_("Kommunmål"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: str(o.year),
)
model_search(
    Indicator,
    fields=["title", "kolada_kpi"],
    kind=_("Indikator"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: str(o.year),
)
model_search(
    Commitment,
    fields=["title"],
    kind=_("Åtagande"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: f"{o.body} {o.year}",
    queryset=lambda: Commitment.objects.select_related("body"),
)
model_search(
    Measure,
    fields=["title"],
    kind=_("Mått"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: str(o.year),
)
model_search(
    Activity,
    fields=["title"],
    kind=_("Aktivitet"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: f"{o.unit} {o.year}",
    queryset=lambda: Activity.objects.select_related("unit"),
)

register_linkable(
    MunicipalGoal,
    _("Kommunmål"),
    queryset=lambda: MunicipalGoal.objects.filter(
        year__gte=planning_year(Municipality.objects.current())
    ),
)

register_public_link(
    PublicLink(
        _("Så går det för kommunen"),
        "goals:public_overview",
        _("Kommunmålen, hur det går och kommunens egen analys."),
        order=10,
    )
)


@register_start_panel(10)
def todo_panel(request: HttpRequest) -> tuple[str, dict[str, Any]] | None:
    user = request.user
    if not user.has_perm("goals.view_municipalgoal"):
        return None
    items = todo_for(user, Municipality.objects.current())
    news, since = start_page_news(user)
    return (
        "goals/_start_panel.html",
        {
            "items": items,
            "red_count": sum(1 for item in items if item.was_red),
            "news": news,
            "since": since,
            "may_review": user.has_perm("goals.review_followup"),
        },
    )
