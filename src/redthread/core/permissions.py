"""Access checks for views: 404 for what a user may not see, 403 for what they may not do."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404

M = TypeVar("M", bound=models.Model)


def perm_name(model: type[models.Model] | models.Model, action: str) -> str:
    meta = model._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


def get_visible_or_404(user: Any, queryset: models.QuerySet[M] | type[M], **lookup: Any) -> M:
    """The object, if ``user`` may see it; otherwise a 404, never a hint that it exists."""
    obj = get_object_or_404(queryset, **lookup)
    if not user.has_perm(perm_name(obj, "view"), obj):
        raise Http404
    return obj


def require(user: Any, perm: str, obj: Any = None) -> None:
    """Refuse (403) an action the user may not take."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied
