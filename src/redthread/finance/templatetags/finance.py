"""Template filters for finance tables: amounts in millions without a unit on every cell."""

from __future__ import annotations

from decimal import Decimal

from django import template

from redthread.core import formatting

register = template.Library()


@register.filter
def mn(value: formatting.Number) -> str:
    """Kronor shown as millions with one decimal and no unit: 2 412 000 000 -> '2 412,0'."""
    if value is None or value == "":
        return "–"
    return formatting.number(Decimal(str(value)) / 1_000_000, 1)
