"""What quality work adds to shared pages: search, the start panel, public links, linkable objects."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from redthread.core.registry import (
    PublicLink,
    register_public_link,
    register_shell,
    register_start_panel,
)
from redthread.core.search import model_search
from redthread.documents.links import register_linkable
from redthread.goals.models import Vision
from redthread.goals.periods import planning_year
from redthread.organisation.models import Municipality
from redthread.quality.models import (
    OPEN_STAGES,
    CoreValue,
    ImprovementProposal,
    Process,
    ServiceDeclaration,
    Stage,
    Survey,
)

model_search(
    ServiceDeclaration,
    fields=["service", "code"],
    kind=_("Kvalitetsdeklaration"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: o.body.label,
    queryset=lambda: ServiceDeclaration.objects.select_related("body"),
)
model_search(
    ImprovementProposal,
    fields=["title"],
    kind=_("Förbättringsförslag"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: f"{o.unit.name}, {o.get_stage_display()}",
    queryset=lambda: ImprovementProposal.objects.select_related("unit"),
)
model_search(
    Process,
    fields=["title", "customer"],
    kind=_("Process"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: f"{o.get_kind_display()}, {o.unit.name}",
    queryset=lambda: Process.objects.select_related("unit"),
)
model_search(
    Survey,
    fields=["title", "audience"],
    kind=_("Undersökning"),
    url=lambda o: o.get_absolute_url(),
    detail=lambda o: str(o.year),
)

register_linkable(Process, _("Process"))
register_linkable(ServiceDeclaration, _("Kvalitetsdeklaration"))

register_public_link(
    PublicLink(
        _("Kvalitetsdeklarationer"),
        "quality:public_declarations",
        _("Vad du kan förvänta dig av kommunens tjänster, och om vi håller det vi lovar."),
        order=20,
    )
)
register_public_link(
    PublicLink(
        _("Vision och värdegrund"),
        "quality:public_values",
        _("Vart kommunen är på väg och hur vi ska bemöta dig."),
        order=25,
    )
)


@register_shell
def public_vision(request: HttpRequest) -> dict[str, Any]:
    """The vision on the public start page (its template asks for ``vision``); nowhere else."""
    if (
        request.path != "/"
        or getattr(request, "user", None) is None
        or request.user.is_authenticated
    ):
        return {}
    try:
        municipality = Municipality.objects.current()
    except Municipality.DoesNotExist:
        return {}
    vision = Vision.for_year(municipality, planning_year(municipality))
    return {"vision": f"{vision.title}: {vision.statement}"} if vision else {}


@register_start_panel(5)
def values_panel(request: HttpRequest) -> tuple[str, dict[str, Any]] | None:
    """The vision and the värdegrund where everyone starts."""
    user: Any = request.user
    if not user.has_perm("quality.open_area"):
        return None
    municipality = Municipality.objects.current()
    values = list(CoreValue.objects.filter(municipality=municipality))
    vision = Vision.for_year(municipality, planning_year(municipality))
    if not values and vision is None:
        return None
    return "quality/_values_panel.html", {"vision": vision, "values": values}


@register_start_panel(15)
def proposals_panel(request: HttpRequest) -> tuple[str, dict[str, Any]] | None:
    """Proposals waiting for the manager to take them on, and those the user owns."""
    user: Any = request.user
    if not user.has_perm("quality.open_area"):
        return None
    scope = user.scope
    waiting: list[ImprovementProposal] = []
    owned: list[ImprovementProposal] = []
    if scope.managed_paths:
        under = Q(pk__in=[])
        for path in scope.managed_paths:
            under |= Q(unit__path__startswith=path)
        waiting = list(
            ImprovementProposal.objects.filter(under, stage=Stage.NEW)
            .select_related("unit")
            .order_by("submitted_on")[:5]
        )
    if scope.person_id:
        owned = list(
            ImprovementProposal.objects.filter(owner_id=scope.person_id, stage__in=OPEN_STAGES)
            .exclude(stage=Stage.NEW)
            .select_related("unit")
            .order_by("submitted_on")[:5]
        )
    if not waiting and not owned:
        return None
    return "quality/_proposals_panel.html", {"waiting": waiting, "owned": owned}
