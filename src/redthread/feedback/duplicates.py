"""Likely duplicates: the same category, close in place and in time.

A street light reported by three neighbours is one fault. Candidates come from one
indexed query (category, a window of days, a box around the point); the distance is
then computed exactly.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from django.db.models import Q

if TYPE_CHECKING:
    from redthread.feedback.models import ServiceRequest

WINDOW = dt.timedelta(days=14)
RADIUS_M = 150
EARTH_RADIUS_M = 6_371_000


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres between two (lat, long) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def _normalised(address: str) -> str:
    return " ".join(address.lower().replace(",", " ").split())


def likely_duplicates(
    case: ServiceRequest, limit: int = 5
) -> list[tuple[ServiceRequest, int | None]]:
    """Other cases of the same category within 14 days and 150 m (or at the same address).

    Returns (case, distance in metres or None when matched by address), nearest first.
    """
    from redthread.feedback.models import ServiceRequest, State

    point = case.point
    if point is None and not case.address:
        return []
    near = Q()
    if point is not None:
        dlat = RADIUS_M / 111_320
        dlon = RADIUS_M / (111_320 * max(math.cos(math.radians(point[0])), 0.01))
        near |= Q(
            latitude__range=(point[0] - dlat, point[0] + dlat),
            longitude__range=(point[1] - dlon, point[1] + dlon),
        )
    words = _normalised(case.address).split()
    if words:
        # A loose filter in the database (the longest word), the exact comparison below.
        near |= Q(address__icontains=max(words, key=len))
    candidates = (
        ServiceRequest.objects.filter(
            category_id=case.category_id,
            received_at__gte=case.received_at - WINDOW,
            received_at__lte=case.received_at + WINDOW,
        )
        .filter(near)
        .exclude(pk=case.pk)
        .exclude(state=State.DUPLICATE)
        .select_related("category")[:50]
    )
    found: list[tuple[ServiceRequest, int | None]] = []
    for other in candidates:
        other_point = other.point
        if point is not None and other_point is not None:
            metres = distance_m(point, other_point)
            if metres <= RADIUS_M:
                found.append((other, round(metres)))
                continue
        if case.address and _normalised(other.address) == _normalised(case.address):
            found.append((other, None))
    found.sort(key=lambda item: (item[1] is None, item[1] or 0, item[0].received_at))
    return found[:limit]
