"""What a styrdokument can be linked to: models registered by the apps that own them.

An app further down the red thread (goals, quality) registers its models in its
``AppConfig.ready``::

    from redthread.documents.links import register_linkable
    register_linkable(MunicipalGoal, _("Kommunmål"))

and shows the documents that govern one of its objects with
``GoverningDocument.objects.governing(obj)`` or ``{% governing_documents obj as docs %}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.functional import Promise

from redthread.core.permissions import perm_name

MAX_CHOICES_PER_MODEL = 500


@dataclass(frozen=True)
class Linkable:
    model: type[models.Model]
    label: str | Promise
    queryset: Callable[[], models.QuerySet[Any]] | None = None

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    def objects(self) -> models.QuerySet[Any]:
        qs = self.queryset() if self.queryset else self.model._default_manager.all()
        return qs[:MAX_CHOICES_PER_MODEL]


LINKABLE: dict[str, Linkable] = {}


def register_linkable(
    model: type[models.Model],
    label: str | Promise,
    queryset: Callable[[], models.QuerySet[Any]] | None = None,
) -> None:
    """Let styrdokument be linked to objects of ``model``."""
    linkable = Linkable(model, label, queryset)
    LINKABLE[linkable.key] = linkable


def choices_for(user: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices ``("<content type id>:<object id>", label)`` of what the user may see."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for linkable in LINKABLE.values():
        ct = ContentType.objects.get_for_model(linkable.model)
        perm = perm_name(linkable.model, "view")
        options = [
            (f"{ct.pk}:{obj.pk}", str(obj))
            for obj in linkable.objects()
            if user.has_perm(perm, obj)
        ]
        if options:
            groups.append((str(linkable.label), options))
    return groups


def label_for(model: type[models.Model]) -> str:
    linkable = LINKABLE.get(model._meta.label_lower)
    return str(linkable.label if linkable else model._meta.verbose_name).capitalize()


def visible_targets(user: Any, links: Iterable[Any]) -> list[dict[str, Any]]:
    """Each link's target as the user may see it: label, title and URL (hidden if not visible)."""
    rows = []
    for link in links:
        target = link.target
        if target is None or not user.has_perm(perm_name(type(target), "view"), target):
            continue
        url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else ""
        rows.append(
            {"link": link, "label": label_for(type(target)), "title": str(target), "url": url}
        )
    return rows
