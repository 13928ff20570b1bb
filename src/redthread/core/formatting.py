"""One place for how numbers, money and dates are written, Swedish style.

``1 234 567 kr``, ``1 235 tkr``, ``1,2 mnkr``, ``12,5 %``, ``2026-11-28``. The
thousands separator is a no-break space so a figure never wraps across lines.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NBSP = "\u00a0"
MINUS = "\u2212"

Number = int | float | Decimal | str | None


def _to_decimal(value: Number) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def number(value: Number, decimals: int = 0) -> str:
    """A number with Swedish separators; '–' for a missing value."""
    d = _to_decimal(value)
    if d is None:
        return "–"
    quantum = Decimal(1).scaleb(-decimals)
    d = d.quantize(quantum, rounding=ROUND_HALF_UP)
    negative = d < 0
    text = f"{abs(d):,.{decimals}f}"
    text = text.replace(",", NBSP).replace(".", ",")
    if negative and d != 0:
        text = MINUS + text
    return text


def kr(value: Number, decimals: int = 0) -> str:
    d = _to_decimal(value)
    return "–" if d is None else f"{number(d, decimals)}{NBSP}kr"


def tkr(value: Number, decimals: int = 0) -> str:
    """Kronor shown in thousands: 1 234 567 -> '1 235 tkr'."""
    d = _to_decimal(value)
    return "–" if d is None else f"{number(d / 1000, decimals)}{NBSP}tkr"


def mnkr(value: Number, decimals: int = 1) -> str:
    """Kronor shown in millions: 2 412 000 000 -> '2 412,0 mnkr'."""
    d = _to_decimal(value)
    return "–" if d is None else f"{number(d / 1_000_000, decimals)}{NBSP}mnkr"


def percent(value: Number, decimals: int = 1) -> str:
    """A percentage given in per cent units: 12.5 -> '12,5 %'."""
    d = _to_decimal(value)
    return "–" if d is None else f"{number(d, decimals)}{NBSP}%"


def share(value: Number, decimals: int = 1) -> str:
    """A share given as a fraction: 0.125 -> '12,5 %'."""
    d = _to_decimal(value)
    return "–" if d is None else percent(d * 100, decimals)


def date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()
