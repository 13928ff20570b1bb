"""Likely duplicates: same category, within 150 m or the same address, within 14 days."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone

from redthread.feedback.duplicates import distance_m
from tests.feedback.factories import make_case
from tests.world import World


def test_the_distance_between_two_points_in_mjolby() -> None:
    assert 105 < distance_m((58.3245, 15.1310), (58.3254, 15.1320)) < 120


def test_a_report_nearby_is_suggested_with_its_distance(world: World) -> None:
    first = make_case(world, address="")
    second = make_case(
        world, address="", latitude=Decimal("58.325400"), longitude=Decimal("15.132000")
    )
    found = second.likely_duplicates()
    assert [c.pk for c, _m in found] == [first.pk]
    assert 105 < found[0][1] < 120


def test_far_away_other_categories_and_old_cases_are_not_suggested(world: World) -> None:
    case = make_case(world, address="")
    make_case(world, address="", latitude=Decimal("58.340000"))  # about 1.7 km north
    make_case(world, "care", address="")
    make_case(world, address="", received_at=timezone.now() - dt.timedelta(days=30))
    assert case.likely_duplicates() == []


def test_the_same_address_is_suggested_without_coordinates(world: World) -> None:
    first = make_case(world, latitude=None, longitude=None, address="Storgatan 12, Mjölby")
    second = make_case(world, latitude=None, longitude=None, address="storgatan 12,  mjölby")
    assert second.likely_duplicates() == [(first, None)]


def test_a_case_marked_duplicate_is_not_suggested_again(world: World) -> None:
    first = make_case(world)
    second = make_case(world)
    third = make_case(world)
    second.move_to("duplicate", duplicate_of=first)
    assert [c for c, _m in third.likely_duplicates()] == [first]


def test_the_case_page_lists_the_likely_duplicates(world: World, client_for: Any) -> None:
    first = make_case(world)
    second = make_case(world)
    page = (
        client_for("handlaggare").get(reverse("feedback:case", args=[second.pk])).content.decode()
    )
    assert "Möjliga dubbletter" in page and first.reference in page and "0 m bort" in page
