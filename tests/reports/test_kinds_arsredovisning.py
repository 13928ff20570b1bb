"""The årsredovisning: LKBR's headings, and the numbers equal what the data says."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redthread.reports.document import NoData
from redthread.reports.kinds import arsredovisning
from tests.reports import kinds_fixtures
from tests.reports.kinds_fixtures import (
    ReportWorld,
    cell,
    key_figure,
    net_cost_kr,
    paragraphs,
    result_kr,
    table,
)

ARSREDOVISNING_QUERIES = 178

rw = kinds_fixtures.rw
_swedish = kinds_fixtures._swedish


def build(rw: ReportWorld) -> Any:
    return arsredovisning.build(rw.municipality, 2026)


def test_it_has_the_lkbr_headings_and_the_seeds_results(rw: ReportWorld) -> None:
    report = build(rw)
    titles = [s.title for _level, s in report.walk()]
    for title in [
        "Förvaltningsberättelse",
        "Översikt över verksamhetens utveckling",
        "Styrning och uppföljning",
        "God ekonomisk hushållning",
        "Balanskravsresultat",
        "Väsentliga personalförhållanden",
        "Förväntad utveckling",
        "Resultaträkning",
        "Balansräkning",
        "Kassaflödesanalys",
        "Noter",
        "Driftredovisning",
        "Investeringsredovisning",
        "Sammanställda räkenskaper",
        "Kommunmål",
        "Nämndernas åtaganden",
        "Internkontroll",
        "Personal",
        "Kvalitet",
        "Hållbar utveckling",
        "Omsorgs- och socialnämnden",
        "Utbildningsnämnden",
    ]:
        assert title in titles, title
    keys = [s.key for _level, s in report.walk()]
    assert len(keys) == len(set(keys))  # every section key is unique
    assert "forvaltningsberattelse.balanskravsresultat" in keys
    assert report.title == "Årsredovisning 2026"
    assert report.period_label == "1 januari–31 december 2026"


def test_arets_resultat_is_the_ledgers_in_the_overview_and_the_resultatrakning(
    rw: ReportWorld,
) -> None:
    report = build(rw)
    expected = result_kr(2026)
    assert expected == 2_000_000  # 205 mnkr taxes, grants and sales less 203 mnkr costs
    overview = report.section("forvaltningsberattelse.oversikt")
    assert key_figure(overview, "Årets resultat") == expected
    rr = table(report.section("resultatrakning"))
    result_row = next(r for r in rr.rows if r.cells[0] == "Årets resultat")
    assert result_row.cells[1] == expected
    assert result_row.style == "sum"
    assert rr.unit == "tkr"
    multi = table(overview, "Flerårsöversikt")
    assert cell(multi, "Årets resultat", "2026") == expected
    assert cell(multi, "Årets resultat", "2025") == result_kr(2025)


def test_the_balanskravsresultat_follows_the_utredning(rw: ReportWorld) -> None:
    section = build(rw).section("forvaltningsberattelse.balanskravsresultat")
    utredning = table(section, "Balanskravsutredning")
    result = result_kr(2026)
    assert cell(utredning, "Årets resultat", "2026") == result
    assert cell(utredning, "Samtliga realisationsvinster", "2026") == -2_000_000
    adjusted = result - 2_000_000 + 500_000
    assert cell(utredning, "Årets resultat efter balanskravsjusteringar", "2026") == adjusted
    assert cell(utredning, "Balanskravsresultat", "2026") == adjusted - 10_000_000


def test_the_share_of_kommunmal_fulfilled_counts_the_status_that_counts(
    rw: ReportWorld,
) -> None:
    report = build(rw)
    # Barn: a green follow-up; äldre: one green and one red indicator roll up to yellow;
    # personal: a red assessment. One of three is fulfilled.
    goals = report.section("resultat.kommunmal")
    assert key_figure(goals, "Uppfyllda") == 1
    assert key_figure(goals, "Kommunmål") == 3
    assert key_figure(goals, "Andel uppfyllda kommunmål") == Decimal(1) / Decimal(3)
    listing = table(goals, "Kommunmål 2026")
    assert cell(listing, "3.2", "Status") == "green"
    assert cell(listing, "3.1", "Status") == "yellow"
    assert cell(listing, "6.1", "Status") == "red"
    stewardship = report.section("forvaltningsberattelse.god_ekonomisk_hushallning")
    assert key_figure(stewardship, "Andel uppfyllda kommunmål") == Decimal(1) / Decimal(3)
    assert key_figure(stewardship, "Andel som ska uppfyllas enligt KF") == Decimal("0.5")
    financial = table(stewardship, "Finansiella mål")
    revenue = 200_000_000  # 150 + 30 + 20 mnkr taxes and grants
    assert cell(
        financial, "Resultatet ska vara minst 2 procent av skatter och bidrag", "Utfall"
    ) == (Decimal(result_kr(2026) * 100) / revenue).quantize(Decimal("0.01"))


def test_the_driftredovisning_has_budget_and_outcome_per_namnd(rw: ReportWorld) -> None:
    drift = table(build(rw).section("driftredovisning"))
    osn, un = "Omsorgs- och socialnämnden", "Utbildningsnämnden"
    assert cell(drift, osn, "Budget 2026") == 1_000_000_000
    assert cell(drift, un, "Budget 2026") == 900_000_000
    assert cell(drift, osn, "Utfall 2026") == net_cost_kr("osn", 2026)
    assert cell(drift, un, "Utfall 2026") == net_cost_kr("un", 2026)
    assert cell(drift, osn, "Avvikelse") == 1_000_000_000 - net_cost_kr("osn", 2026)
    assert cell(drift, osn, "Utfall 2025") == net_cost_kr("osn", 2025)


def test_each_namnd_has_its_section_with_its_own_figures(rw: ReportWorld) -> None:
    report = build(rw)
    osn = rw.world.bodies["osn"]
    section = report.section(f"namnder.{osn.pk}")
    economy = report.section(f"namnder.{osn.pk}.ekonomi")
    assert key_figure(economy, "Utfall") == net_cost_kr("osn", 2026)
    commitments = table(report.section(f"namnder.{osn.pk}.ataganden"))
    assert cell(commitments, "Öka kontinuiteten i hemtjänsten", "Status") == "yellow"
    control = report.section(f"namnder.{osn.pk}.internkontroll")
    assert key_figure(control, "Avvikelser") == 1
    assert section.title == "Omsorgs- och socialnämnden"


def test_analyses_written_in_the_follow_up_are_in_but_drafts_are_not(rw: ReportWorld) -> None:
    texts = paragraphs(build(rw))
    assert "Fler barn får tidigt stöd än året innan." in texts
    assert "Kontinuiteten har ökat men når inte målvärdet." in texts
    assert "Utkast som inte ska synas." not in texts


def test_a_year_without_data_raises_nodata_with_a_swedish_message(rw: ReportWorld) -> None:
    with pytest.raises(NoData, match="2031"):
        arsredovisning.build(rw.municipality, 2031)


def _add_namnd(rw: ReportWorld, index: int) -> None:
    """A nämnd like OSN: a frame and budget, an åtagande with a mått, a plan and a ledger row."""
    from redthread.control.models import ControlPlan
    from redthread.core.audit import acting_as
    from redthread.finance.models import BudgetChange, ChangeLine, OperatingFrame
    from redthread.goals.models import Commitment, Measure
    from redthread.organisation.models import Body

    w = rw.world
    body = Body.objects.create(
        municipality=rw.municipality,
        kind=Body.Kind.COMMITTEE,
        name=f"Extranämnd {index}",
        parent=w.bodies["kf"],
        order=50 + index,
    )
    with acting_as(w.users["ekonom"]):
        OperatingFrame.objects.create(
            budget_year=rw.fw.budget_year, body=body, year=2026, amount=10_000_000
        )
        BudgetChange.book(
            budget_year=rw.fw.budget_year,
            kind=BudgetChange.Kind.SUPPLEMENTARY_APPROPRIATION,
            decision=rw.fw.ks_decision,
            title=f"Anslag {index}",
            lines=[ChangeLine(body=body, amount=1_000_000)],
        )
    commitment = Commitment.objects.create(
        body=body, year=2026, title=f"Åtagande {index}", first_year=2026, last_year=2026
    )
    commitment.goals.set([w.extra["chain"].goals["aldre"]])
    Measure.objects.create(commitment=commitment, year=2026, title=f"Mått {index}")
    ControlPlan.objects.create(body=body, year=2026)


def test_the_number_of_queries_does_not_grow_with_the_number_of_namnder(
    rw: ReportWorld,
) -> None:
    with CaptureQueriesContext(connection) as few:
        build(rw)
    for index in range(3):
        _add_namnd(rw, index)
    with CaptureQueriesContext(connection) as more:
        report = build(rw)
    assert len(report.section("namnder").children) == 5
    assert len(more.captured_queries) == len(few.captured_queries)
    # Pinned: most are the finance statements (per note and statement); none are per nämnd.
    assert len(few.captured_queries) == ARSREDOVISNING_QUERIES


def test_personal_is_the_hr_figures_per_forvaltning_with_a_weighted_total(
    rw: ReportWorld,
) -> None:
    report = build(rw)
    per_unit = table(report.section("resultat.personal"))
    assert cell(per_unit, "Omsorgs- och socialförvaltningen", "Anställda") == 900
    assert cell(per_unit, "Kommunen totalt", "Anställda") == 2000
    # sick leave weighted by årsarbetare: (8.2 * 850 + 5.1 * 1000) / 1850
    weighted = (Decimal("8.2") * 850 + Decimal("5.1") * 1000) / 1850
    assert cell(per_unit, "Kommunen totalt", "Sjukfrånvaro (%)") == weighted.quantize(
        Decimal("0.01")
    )
    summary = table(report.section("forvaltningsberattelse.vasentliga_personalforhallanden"))
    assert [row.cells[0] for row in summary.rows] == ["Kommunen totalt"]


def test_the_sammanstallda_rakenskaper_add_the_companies_result(rw: ReportWorld) -> None:
    from redthread.finance.models import CompanyAccounts
    from redthread.organisation.models import Body

    company = Body.objects.create(
        municipality=rw.municipality, kind=Body.Kind.COMPANY, name="Mjölby Bostäder AB"
    )
    CompanyAccounts.objects.create(
        company=company, year=2026, revenue=50_000_000, costs=45_000_000, depreciation=2_000_000
    )
    group = table(build(rw).section("sammanstallda_rakenskaper"))
    assert "Mjölby Bostäder AB (100 %)" in [c.label for c in group.columns]
    assert cell(group, "Årets resultat", "Kommunen") == result_kr(2026)
    assert cell(group, "Årets resultat", "Mjölby Bostäder AB (100 %)") == 3_000_000
    assert cell(group, "Årets resultat", "Kommunkoncernen") == result_kr(2026) + 3_000_000
