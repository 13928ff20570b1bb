"""How a value in a ``Report`` is printed, one rule for every renderer.

Amounts are held in kronor, as the data holds them, and printed in the unit of their
table: ``tkr`` divides by 1 000 and ``mnkr`` by 1 000 000, any other unit prints them as
they are. Numbers print with their column's decimals, percent values are 0–100, shares
0–1, and a status (green/yellow/red/none) prints as words, so the report reads in black
and white. The XLSX renderer writes ``scaled`` numbers, the others ``display`` text.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from redthread.core import formatting
from redthread.reports.document import Column, ColumnKind, KeyFigure, Table, Value

DIVISORS = {"tkr": Decimal(1000), "mnkr": Decimal(1_000_000)}


def status_label(value: Value) -> str:
    labels = {
        "green": _("Uppfyllt"),
        "yellow": _("Delvis uppfyllt"),
        "red": _("Ej uppfyllt"),
        "none": _("Ej bedömt"),
    }
    return labels.get(str(value or "none"), str(value))


def to_decimal(value: Value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def scaled(value: Value, kind: ColumnKind, unit: str = "", decimals: int = 0) -> Decimal | None:
    """The number as printed (amounts in the table's unit, shares as per cent), or None."""
    if kind in ("text", "status"):
        return None
    number = to_decimal(value)
    if number is None:
        return None
    if kind == "amount":
        number = number / DIVISORS.get(unit, Decimal(1))
    elif kind == "share":
        number = number * 100
    quantum = Decimal(1).scaleb(-decimals)
    return number.quantize(quantum)


def display(value: Value, kind: ColumnKind, unit: str = "", decimals: int = 0) -> str:
    """The value as text, Swedish style: ``1 235``, ``12,5 %``, ``Uppfyllt``, ``–``."""
    if kind == "text":
        return "" if value is None else str(value)
    if kind == "status":
        return status_label(value)
    if value is None or value == "":
        return "–"
    if isinstance(value, str) and to_decimal(value) is None:
        return value
    if kind == "amount":
        return formatting.number(scaled(value, kind, unit, decimals), decimals)
    if kind in ("percent", "share"):
        return formatting.percent(scaled(value, kind, unit, decimals), decimals)
    return formatting.number(value, decimals)


def cell(table: Table, column: Column, value: Value) -> str:
    return display(value, column.kind, table.unit, column.decimals)


def key_figure(item: KeyFigure) -> str:
    """A key figure with its unit: ``1 235 tkr``, ``12,5 %``, ``4 321 personer``."""
    text = display(item.value, item.kind, item.unit, item.decimals)
    if item.kind in ("percent", "share", "status", "text") or not item.unit or text == "–":
        return text
    return f"{text}{formatting.NBSP}{item.unit}"


def is_numeric(kind: ColumnKind) -> bool:
    return kind in ("amount", "number", "percent", "share")
