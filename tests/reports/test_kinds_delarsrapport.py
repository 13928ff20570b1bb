"""The delårsrapport per 31 August: the period's figures, the forecast and the follow-up."""

from __future__ import annotations

import pytest

from redthread.reports.document import NoData
from redthread.reports.kinds import delarsrapport
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

rw = kinds_fixtures.rw
_swedish = kinds_fixtures._swedish


def test_it_covers_january_to_august_with_the_required_sections(rw: ReportWorld) -> None:
    report = delarsrapport.build(rw.municipality, 2026)
    assert report.period_label == "1 januari–31 augusti 2026"
    titles = [s.title for _level, s in report.walk()]
    for title in [
        "Förenklad förvaltningsberättelse",
        "Prognos för helåret",
        "Uppföljning av kommunmål",
        "Resultaträkning",
        "Balansräkning",
        "Driftredovisning och helårsprognos",
        "Personal",
        "Kvalitet",
        "Internkontroll",
        "Omsorgs- och socialnämnden",
    ]:
        assert title in titles, title


def test_the_result_is_the_ledgers_until_august(rw: ReportWorld) -> None:
    report = delarsrapport.build(rw.municipality, 2026)
    expected = result_kr(2026, 8)
    assert expected != result_kr(2026)  # October's bookings are not in the delår
    overview = report.section("forvaltningsberattelse.oversikt")
    assert key_figure(overview, "Årets resultat") == expected
    rr = table(report.section("resultatrakning"))
    assert next(r for r in rr.rows if r.cells[0] == "Årets resultat").cells[1] == expected


def test_the_forecast_is_the_budgeted_result_adjusted_by_the_namnders_forecasts(
    rw: ReportWorld,
) -> None:
    report = delarsrapport.build(rw.municipality, 2026)
    prognosis = report.section("forvaltningsberattelse.prognos")
    budgeted = rw.fw.budget_year.budgeted_result()
    # OSN forecasts 1 010 mnkr against its budget of 1 000 mnkr; UN has no forecast.
    assert key_figure(prognosis, "Prognos årets resultat") == budgeted - 10_000_000
    # UN, without a forecast, counts as forecasting its budget: only OSN deviates.
    assert key_figure(prognosis, "Nämndernas prognostiserade avvikelse") == -10_000_000
    drift = table(report.section("driftredovisning"))
    osn = "Omsorgs- och socialnämnden"
    assert cell(drift, osn, "Prognos helår") == 1_010_000_000
    assert cell(drift, osn, "Avvikelse mot budget") == -10_000_000
    assert cell(drift, "Summa nämnder", "Avvikelse mot budget") == -10_000_000
    assert cell(drift, osn, "Utfall") == net_cost_kr("osn", 2026, 8)
    assert cell(drift, osn, "Budget hittills") == 1_000_000_000 * 8 // 12
    assert "Ökade kostnader för hemtjänsten." in paragraphs(report)


def test_the_goal_follow_up_is_the_delar_period(rw: ReportWorld) -> None:
    report = delarsrapport.build(rw.municipality, 2026)
    goals = report.section("malupfoljning")
    # In the delår only the indicators count: äldre yellow, personal yellow, barn not assessed.
    assert key_figure(goals, "Uppfyllda") == 0
    assert key_figure(goals, "Inte bedömda") == 1
    assert "Fler barn får tidigt stöd än året innan." not in paragraphs(report)  # helår text


def test_a_year_without_data_raises_nodata(rw: ReportWorld) -> None:
    with pytest.raises(NoData):
        delarsrapport.build(rw.municipality, 2031)
