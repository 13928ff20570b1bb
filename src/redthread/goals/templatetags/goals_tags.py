"""Template helpers of the goal chain."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from redthread.core.formatting import number
from redthread.goals.status import Status

register = template.Library()


@register.simple_tag
def status(value: str | None, suffix: str = "") -> SafeString:
    """A status as colour and word, the colour never alone: ``{% status "red" "förra gången" %}``."""
    current = Status(value or Status.NONE)
    label = f"{str(current.label).capitalize()} {suffix}".strip()
    return format_html('<span class="status status-{}">{}</span>', current.value, label)


@register.filter
def metric_value(value: Any, metric: Any) -> str:
    """A value in the metric's unit and number of decimals: '87,5 %'."""
    if value is None:
        return "–"
    text = number(value, metric.decimals)
    return f"{text}\u00a0{metric.unit_label}" if metric.unit_label else text


@register.filter
def get(mapping: Any, key: Any) -> Any:
    if mapping is None:
        return None
    return mapping.get(key)
