"""Open311 GeoReport v2 output: XML (required) and JSON (the Spark convention of that XML).

A response is described once as nested Python values; ``Items`` marks a list and names
the element of each item, so the XML gets ``<services><service>…`` while the JSON is a
bare array. ``None`` is an empty element in XML and ``null`` in JSON, as in the spec.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse
from django.utils import timezone

XML_TYPE = "text/xml; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
FORMATS = ("xml", "json")


@dataclass
class Items:
    item: str
    values: list[Any]


def w3c(moment: dt.datetime | None) -> str | None:
    """A W3C datetime with its zone: 2026-03-04T10:15:30+01:00."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _xml(parent: ET.Element, tag: str, value: Any) -> None:
    element = ET.SubElement(parent, tag)
    _fill(element, value)


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, Items):
        for item in value.values:
            _xml(element, value.item, item)
    elif isinstance(value, dict):
        for key, child in value.items():
            _xml(element, key, child)
    else:
        element.text = _text(value)


def to_xml(root: str, value: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, value)
    body = ET.tostring(element, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode()


def _plain(value: Any) -> Any:
    if isinstance(value, Items):
        return [_plain(v) for v in value.values]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return float(value)
    return value


def to_json(value: Any) -> bytes:
    return json.dumps(_plain(value), ensure_ascii=False).encode()


def respond(fmt: str, root: str, value: Any, status: int = 200) -> HttpResponse:
    if fmt == "json":
        return HttpResponse(to_json(value), content_type=JSON_TYPE, status=status)
    return HttpResponse(to_xml(root, value), content_type=XML_TYPE, status=status)


def errors(fmt: str, status: int, *messages: str, code: int | None = None) -> HttpResponse:
    """``<errors><error><code/><description/></error></errors>``, or a JSON array of them."""
    items = Items("error", [{"code": code or status, "description": m} for m in messages])
    return respond(fmt if fmt in FORMATS else "xml", "errors", items, status=status)
