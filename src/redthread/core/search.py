"""A search provider built from a model's title fields, for apps to register."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import reduce
from operator import or_
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.functional import Promise

from redthread.core.permissions import perm_name
from redthread.core.registry import SearchHit, SearchProvider, register_search


def model_search(
    model: type[models.Model],
    *,
    fields: Sequence[str],
    kind: str | Promise,
    url: Callable[[Any], str],
    detail: Callable[[Any], str] = lambda obj: "",
    queryset: Callable[[], models.QuerySet[Any]] | None = None,
) -> SearchProvider:
    """Register a search over ``fields`` of ``model``; hits are filtered by view permission."""

    def provider(request: HttpRequest, query: str, limit: int) -> Iterable[SearchHit]:
        qs = queryset() if queryset else model._default_manager.all()
        condition = reduce(or_, (models.Q(**{f"{f}__icontains": query}) for f in fields))
        perm = perm_name(model, "view")
        hits = []
        for obj in qs.filter(condition)[: limit * 2]:
            if request.user.has_perm(perm, obj):
                hits.append(SearchHit(title=str(obj), kind=kind, url=url(obj), detail=detail(obj)))
            if len(hits) >= limit:
                break
        return hits

    return register_search(provider)
