"""The red thread read upwards: from any object to the vision it ultimately serves."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from redthread.goals.models import (
    Activity,
    Commitment,
    Indicator,
    Measure,
    MunicipalGoal,
    StrategicAction,
)


@dataclass
class Link:
    id: int
    kind: str
    title: str
    url: str | None


@dataclass
class Level:
    label: str | Promise
    links: list[Link] = field(default_factory=list)


def _link(obj: Any, kind: str) -> Link:
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None
    return Link(obj.pk, kind, str(obj), url)


def chain_of(obj: Any) -> list[Level]:
    """Levels from the vision down to ``obj``; a level may hold several objects (an åtagande
    can serve more than one kommunmål). Runs a handful of queries whatever the object."""
    levels: list[Level] = []
    goals: list[MunicipalGoal] = []
    if isinstance(obj, Activity):
        levels.append(Level(_("Aktivitet"), [_link(obj, "activity")]))
        levels.append(
            Level(
                _("Enhet"), [Link(obj.unit_id, "unit", str(obj.unit), obj.unit.get_absolute_url())]
            )
        )
        obj = obj.commitment
    if isinstance(obj, Measure):
        levels.append(Level(_("Mått"), [_link(obj, "measure")]))
        obj = obj.commitment
    if isinstance(obj, Commitment):
        levels.append(Level(_("Åtagande"), [_link(obj, "commitment")]))
        levels.append(
            Level(
                _("Nämnd"), [Link(obj.body_id, "body", str(obj.body), obj.body.get_absolute_url())]
            )
        )
        goals = list(obj.goals.select_related("area__vision"))
    if isinstance(obj, Indicator):
        levels.append(Level(_("Indikator"), [_link(obj, "indicator")]))
        goals = [obj.goal]
    if isinstance(obj, StrategicAction):
        levels.append(Level(_("Strategisk åtgärd"), [_link(obj, "strategic_action")]))
        goals = [obj.goal]
    if isinstance(obj, MunicipalGoal):
        goals = [obj]
    if goals:
        levels.append(Level(_("Kommunmål"), [_link(g, "goal") for g in goals]))
        areas = {g.area_id: g.area for g in goals}
        levels.append(
            Level(
                _("Strategiskt område"), [Link(a.pk, "area", str(a), None) for a in areas.values()]
            )
        )
        visions = {a.vision_id: a.vision for a in areas.values()}
        levels.append(
            Level(
                _("Vision"),
                [Link(v.pk, "vision", f"{v.title}: {v.statement}", None) for v in visions.values()],
            )
        )
    levels.reverse()
    return levels
