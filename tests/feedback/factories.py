"""The feedback app's test data: two categories, cases in them, an Open311 key.

``gatubelysning`` is answered by Kommunstyrelsens förvaltning and handled by the
handläggare at Kontaktcenter; ``omsorg`` is answered by Hemtjänst Norr, whose
enhetschef (and the förvaltningschef above) handle it without being named.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from redthread.core.audit import acting_as
from redthread.feedback.models import (
    AnswerTemplate,
    Category,
    Kind,
    Open311Key,
    ServiceRequest,
)
from redthread.feedback.models.case import Channel
from tests.world import World

OPEN311_KEY = "test-open311-key"


def categories(world: World) -> dict[str, Category]:
    m = world.municipality
    light, created = Category.objects.get_or_create(
        code="gatubelysning",
        defaults={
            "municipality": m,
            "name": "Gatubelysning",
            "group": "Gata och park",
            "unit": world.units["ksf"],
            "response_days": 5,
            "order": 1,
        },
    )
    if created:
        light.handlers.set([world.people["handlaggare"]])
    care, _ = Category.objects.get_or_create(
        code="omsorg",
        defaults={
            "municipality": m,
            "name": "Omsorg",
            "unit": world.units["norr"],
            "response_days": 10,
            "order": 2,
        },
    )
    other, _ = Category.objects.get_or_create(
        code="ovrigt",
        defaults={
            "municipality": m,
            "name": "Övrigt",
            "unit": world.units["kc"],
            "open311_type": Category.Open311Type.BATCH,
            "order": 3,
        },
    )
    AnswerTemplate.objects.get_or_create(
        name="Åtgärdat",
        defaults={
            "subject": "Ditt ärende {referens}",
            "body": "Hej {namn}! Felet i {kategori} är åtgärdat.",
        },
    )
    return {"light": light, "care": care, "other": other}


def make_case(
    world: World,
    category: str = "light",
    *,
    received_at: dt.datetime | None = None,
    **values: Any,
) -> ServiceRequest:
    cats = categories(world)
    defaults: dict[str, Any] = {
        "municipality": world.municipality,
        "kind": Kind.FAULT,
        "category": cats[category],
        "description": "Lampan vid busshållplatsen är trasig.",
        "address": "Storgatan 12, Mjölby",
        "latitude": Decimal("58.324500"),
        "longitude": Decimal("15.131000"),
        "channel": Channel.WEB,
        "received_at": received_at or timezone.now(),
    }
    defaults.update(values)
    with acting_as(world.users["admin"]):
        case = ServiceRequest(**defaults)
        case.save()
    return case


def case_for(world: World, key: str = "light") -> ServiceRequest:
    """One case per category, made once per test (the access matrix uses these)."""
    cached = world.extra.get(f"case_{key}")
    if cached is None:
        cached = world.extra[f"case_{key}"] = make_case(
            world,
            key,
            wants_answer=True,
            contact_name="Sven Svensson",
            contact_email="sven@example.se",
            contact_phone="070-123 45 67",
            consent_at=timezone.now(),
        )
    return cached


def open311_key(world: World) -> str:
    if not Open311Key.objects.filter(name="Testapp").exists():
        key = Open311Key(name="Testapp")
        key.set_key(OPEN311_KEY)
        key.save()
    return OPEN311_KEY
