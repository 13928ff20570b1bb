"""Mål och budget: KF's document, its figures read from the budget and the goal chain."""

from __future__ import annotations

from decimal import Decimal

import pytest

from redthread.finance.models import CapitalBudget, OperatingFrame, ProjectCode
from redthread.reports.document import NoData
from redthread.reports.kinds import mal_och_budget
from tests.reports import kinds_fixtures
from tests.reports.kinds_fixtures import ReportWorld, cell, key_figure, table

rw = kinds_fixtures.rw
_swedish = kinds_fixtures._swedish


def test_it_has_vision_goals_economy_frames_and_investments(rw: ReportWorld) -> None:
    report = mal_och_budget.build(rw.municipality, 2026)
    assert report.title == "Mål och budget 2026"
    assert report.subtitle == "med plan för 2027–2029"
    titles = [s.title for _level, s in report.walk()]
    for title in [
        "Vision",
        "Kommunmål och indikatorer",
        "Trygghet och hälsa",
        "Ekonomiska förutsättningar",
        "God ekonomisk hushållning",
        "Driftramar per nämnd",
        "Investeringsbudget",
    ]:
        assert title in titles, title
    vision = report.section("vision")
    assert any("Världsvan & hemkär" in getattr(b, "text", "") for b in vision.blocks)


def test_the_driftramar_are_the_frames_for_the_budget_year_and_plan_years(
    rw: ReportWorld,
) -> None:
    frames = table(mal_och_budget.build(rw.municipality, 2026).section("driftramar"))
    assert [c.label for c in frames.columns] == ["Nämnd", "2026", "2027", "2028", "2029"]
    for frame in OperatingFrame.objects.filter(budget_year=rw.fw.budget_year).select_related(
        "body"
    ):
        assert cell(frames, frame.body.name, str(frame.year)) == frame.amount
    assert cell(frames, "Summa driftramar", "2027") == 1_020_000_000 + 920_000_000
    assert frames.unit == "tkr"


def test_skattesats_and_the_budgeted_result_come_from_the_budget_year(rw: ReportWorld) -> None:
    economy = mal_och_budget.build(rw.municipality, 2026).section("ekonomi")
    assert key_figure(economy, "Skattesats (kr per 100 kr)") == Decimal("21.64")
    # 1 500 + 500 - 10 - (1 000 + 900) - 40 mnkr
    assert key_figure(economy, "Budgeterat resultat") == 50_000_000
    assert cell(table(economy), "Budgeterat resultat", "2026") == 50_000_000


def test_the_indicators_carry_their_target_values_per_year(rw: ReportWorld) -> None:
    report = mal_och_budget.build(rw.municipality, 2026)
    area = rw.world.extra["chain"].goals["aldre"].area
    targets = table(report.section(f"kommunmal.{area.pk}"))
    assert cell(targets, "Brukarbedömning helhetssyn", "2026") == Decimal("88")
    assert cell(targets, "Personal per brukare", "2026") == Decimal("14")
    assert cell(targets, "Brukarbedömning helhetssyn", "2027") is None


def test_the_financial_goals_and_the_required_share_are_kfs(rw: ReportWorld) -> None:
    section = mal_och_budget.build(rw.municipality, 2026).section("god_ekonomisk_hushallning")
    assert key_figure(section, "Andel kommunmål som ska vara uppfyllda") == Decimal("0.5")
    goals = table(section, "Finansiella mål")
    assert cell(goals, "Resultatet ska vara minst 2 procent av skatter och bidrag", "Målvärde") == 2


def test_the_investeringsbudget_sums_per_project_and_year(rw: ReportWorld) -> None:
    project = ProjectCode.objects.create(
        municipality=rw.municipality, code="P100", name="Ny förskola i Mantorp"
    )
    for year, amount in ((2026, 30_000_000), (2027, 45_000_000)):
        CapitalBudget.objects.create(
            budget_year=rw.fw.budget_year, project=project, year=year, amount=amount
        )
    capital = table(mal_och_budget.build(rw.municipality, 2026).section("investeringsbudget"))
    assert cell(capital, "P100 Ny förskola i Mantorp", "2027") == 45_000_000
    assert cell(capital, "Summa investeringar", "2026") == 30_000_000


def test_a_year_without_budget_or_goals_raises_nodata(rw: ReportWorld) -> None:
    with pytest.raises(NoData, match="Det finns ingen budget och inga kommunmål för 2031"):
        mal_och_budget.build(rw.municipality, 2031)
