"""Every report kind builds on the demo municipality, and its headline figures are the data's.

The demo is Mjölby-sized (a smaller ledger of the same shape), so this is where a builder
meets real-shaped data: every nämnd, the whole goal chain, internal control and quality.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import translation

from redthread.finance import demo_ledger, figures
from redthread.organisation.models import Body, Municipality
from redthread.reports.document import KINDS, ChartBlock, Report
from redthread.reports.kinds import (
    arsredovisning,
    delarsrapport,
    internkontroll,
    mal_och_budget,
    manadsrapport,
    verksamhetsberattelse,
)
from tests.reports.kinds_fixtures import key_figure


@pytest.fixture
def demo(
    transactional_db: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Municipality]:
    call_command("flush", interactive=False, verbosity=0)
    settings.DEMO_MODE = True
    monkeypatch.setattr(demo_ledger, "LEDGER_SCALE", 0.03)  # a small ledger; the shape is the same
    # The ledger first: the goal chain's demo closes 2025 and a closed year takes no ledger.
    call_command("load_demo", "--only", "organisation", "cycle", "finance", verbosity=0)
    call_command("load_demo", verbosity=0)
    with translation.override("sv"):
        yield Municipality.objects.current()


def test_every_kind_builds_on_the_demo_with_the_ledgers_figures(demo: Municipality) -> None:
    osn = Body.objects.get(municipality=demo, name="Omsorgs- och socialnämnden")
    reports: dict[str, Report] = {
        "mal-och-budget": mal_och_budget.build(demo, 2026),
        "delarsrapport": delarsrapport.build(demo, 2026),
        "arsredovisning": arsredovisning.build(demo, 2025),
        "verksamhetsberattelse": verksamhetsberattelse.build(demo, 2025, body=osn),
        "manadsrapport": manadsrapport.build(demo, 2026),
        "internkontroll": internkontroll.build(demo, 2026),
    }
    assert set(reports) == set(KINDS)
    for report in reports.values():
        keys = [s.key for _level, s in report.walk()]
        assert len(keys) == len(set(keys)), report.kind
        assert all(s.blocks or s.children for _level, s in report.walk()), report.kind
    annual = reports["arsredovisning"]
    overview = annual.section("forvaltningsberattelse.oversikt")
    assert key_figure(overview, "Årets resultat") == figures.result_to_date(demo, 2025)
    interim = reports["delarsrapport"].section("forvaltningsberattelse.oversikt")
    assert key_figure(interim, "Årets resultat") == figures.result_to_date(demo, 2026, 8)
    bodies = {s.title for s in annual.section("namnder").children}
    assert "Omsorgs- och socialnämnden" in bodies and len(bodies) >= 5
    assert reports["manadsrapport"].title == "Månadsrapport oktober 2026"
    goals = reports["delarsrapport"].section("malupfoljning")
    chart = next(b.chart for b in goals.blocks if isinstance(b, ChartBlock))
    assert chart.labels[-2:] == ["2025", "2026"]
    share = key_figure(goals, "Andel uppfyllda kommunmål")
    assert chart.series[0].values[-1] == share * 100
