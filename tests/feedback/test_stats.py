"""Statistics and the figures that feed indicators."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from redthread.feedback import stats
from redthread.feedback.models.case import State
from tests.feedback.factories import make_case
from tests.world import World

MONDAY = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)


def _answered(world: World, category: str, days_later: int) -> Any:
    case = make_case(world, category, received_at=MONDAY)
    case.record_response(MONDAY + dt.timedelta(days=days_later))
    return case


def test_share_answered_within_five_working_days(world: World) -> None:
    _answered(world, "light", 2)  # Wednesday: 2 working days
    _answered(world, "light", 7)  # next Monday: 5 working days
    _answered(world, "light", 8)  # next Tuesday: 6 working days
    make_case(world, "light", received_at=MONDAY)  # never answered, time ran out
    share = stats.share_answered_within(
        5, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31), today=dt.date(2026, 4, 1)
    )
    assert share == 0.5


def test_a_case_that_can_still_make_it_does_not_count(world: World) -> None:
    _answered(world, "light", 1)
    make_case(world, "light", received_at=MONDAY)
    share = stats.share_answered_within(
        5, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31), today=dt.date(2026, 3, 4)
    )
    assert share == 1.0
    assert (
        stats.share_answered_within(5, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)) is None
    )


def test_figures_per_unit_include_the_units_below(world: World) -> None:
    _answered(world, "care", 1)  # Hemtjänst Norr
    _answered(world, "light", 30)  # Kommunstyrelsens förvaltning
    period = {"start": dt.date(2026, 3, 1), "end": dt.date(2026, 3, 31)}
    assert stats.share_answered_within(5, unit=world.units["osf"], **period) == 1.0
    assert stats.received_count(unit=world.units["osf"], **period) == 1
    assert stats.median_response_days(**period) == 11.5


def test_the_report_counts_per_category_month_kind_and_state(world: World) -> None:
    _answered(world, "light", 2)
    closed = make_case(world, "care", received_at=MONDAY + dt.timedelta(days=31), kind="complaint")
    closed.move_to(State.CLOSED, now=MONDAY + dt.timedelta(days=40))
    report = stats.report(dt.date(2026, 1, 1), dt.date(2026, 12, 31), today=dt.date(2026, 6, 1))
    assert report.total.received == 2 and report.total.closed == 1
    assert [(r.label, r.received) for r in report.by_category] == [
        ("Gatubelysning", 1),
        ("Omsorg", 1),
    ]
    assert [r.label for r in report.by_month] == ["2026-03", "2026-04"]
    assert dict(report.by_state)["avslutad"] == 1
    assert {r.label for r in report.by_kind} == {"felanmälan", "klagomål"}
    assert report.by_category[1].median_handling == closed.handling_days


@time_machine.travel(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC), tick=False)
def test_the_statistics_page_and_exports(world: World, client_for: Any) -> None:
    case = _answered(world, "light", 2)
    client = client_for("politiker")
    page = client.get(reverse("feedback:statistics"), {"ar": 2026}).content.decode()
    assert "Gatubelysning" in page and "100,0" in page
    response = client.get(reverse("feedback:statistics_export", args=["csv"]), {"ar": 2026})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Referens" and rows[1][0] == case.reference
    assert "sven" not in response.content.decode().lower()
    response = client.get(reverse("feedback:statistics_export", args=["xlsx"]), {"ar": 2026})
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Ärenden", "Per kategori", "Per enhet", "Per månad"]
    assert book["Ärenden"]["A2"].value == case.reference
    assert client.get(reverse("feedback:statistics_export", args=["pdf"])).status_code == 404


def test_the_statistics_page_runs_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    for day in range(20):
        make_case(world, received_at=MONDAY + dt.timedelta(days=day))
    client = client_for("politiker")
    with django_assert_max_num_queries(14):
        client.get(reverse("feedback:statistics"), {"ar": 2026})
