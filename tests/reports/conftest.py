from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import translation

from redthread.reports import registry
from redthread.reports.document import NoData, Report
from tests.reports.samples import sample_report

EMPTY_YEAR = 1999


@pytest.fixture(autouse=True)
def _swedish() -> Iterator[None]:
    with translation.override("sv"):
        yield


def stub_build(kind: str) -> Callable[..., Report]:
    def build(municipality: Any, year: int, body: Any = None, period: Any = None) -> Report:
        if year == EMPTY_YEAR:
            raise NoData(f"Det finns inga uppgifter för {year}.")
        report = sample_report()
        report.kind = kind
        report.year = year
        report.municipality = municipality.name
        report.body = body.name if body is not None else ""
        return report

    return build


@pytest.fixture
def stub_builders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every kind builds the sample report, so the engine is tested without the builders."""
    monkeypatch.setattr(
        registry.ReportKind, "builder", lambda self: stub_build(self.kind), raising=True
    )
