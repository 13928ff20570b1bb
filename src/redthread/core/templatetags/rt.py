"""Template filters and tags shared by every page (loaded as a builtin)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from redthread.core import formatting

register = template.Library()


@register.filter
def kr(value: formatting.Number) -> str:
    return formatting.kr(value)


@register.filter
def tkr(value: formatting.Number) -> str:
    return formatting.tkr(value)


@register.filter
def mnkr(value: formatting.Number) -> str:
    return formatting.mnkr(value)


@register.filter
def percent(value: formatting.Number, decimals: int = 1) -> str:
    return formatting.percent(value, decimals)


@register.filter
def share(value: formatting.Number, decimals: int = 1) -> str:
    return formatting.share(value, decimals)


@register.filter
def num(value: formatting.Number, decimals: int = 0) -> str:
    return formatting.number(value, decimals)


@register.filter
def isodate(value: dt.date | dt.datetime | None) -> str:
    return formatting.date(value)


@register.simple_tag
def history_url(obj: Any) -> str:
    meta = obj._meta
    return reverse("core:history", args=[f"{meta.app_label}.{meta.model_name}", obj.pk])


@register.simple_tag(takes_context=True)
def nav_current(context: template.Context, prefix: str) -> SafeString:
    """``aria-current="page"`` on the navigation link of the area being shown."""
    request: HttpRequest | None = context.get("request")
    if request is not None and prefix and request.path.startswith(prefix):
        return mark_safe('aria-current="page"')
    return mark_safe("")


@register.simple_tag(takes_context=True)
def can(context: template.Context, perm: str, obj: Any = None) -> bool:
    """``{% can "organisation.add_decision" body as allowed %}``."""
    user = context.get("user")
    return bool(user is not None and user.has_perm(perm, obj))
