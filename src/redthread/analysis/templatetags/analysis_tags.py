"""Template helpers of the analysis area."""

from __future__ import annotations

from typing import Any

from django import template

from redthread.core.formatting import number

register = template.Library()


@register.filter
def figure(value: Any, comparison: Any) -> str:
    """A value in the comparison's unit and decimals: '33 610', '87,5 %', '–' when missing."""
    if value is None:
        return "–"
    text = number(value, comparison.decimals)
    return f"{text}\u00a0{comparison.unit}" if comparison.unit else text


@register.filter
def plain(value: Any, decimals: int = 1) -> str:
    """A Kolada value without a unit, '–' when missing."""
    return "–" if value is None else number(value, decimals)
