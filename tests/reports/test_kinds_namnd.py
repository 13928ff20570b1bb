"""A nämnd's reports: verksamhetsberättelse and månadsrapport, and the internkontrollrapport."""

from __future__ import annotations

from decimal import Decimal

import pytest

from redthread.reports.document import NoData
from redthread.reports.kinds import internkontroll, manadsrapport, verksamhetsberattelse
from tests.control import factories as control
from tests.reports import kinds_fixtures
from tests.reports.kinds_fixtures import (
    ReportWorld,
    cell,
    key_figure,
    net_cost_kr,
    paragraphs,
    table,
)

rw = kinds_fixtures.rw
_swedish = kinds_fixtures._swedish

OSN = "Omsorgs- och socialnämnden"


def test_the_verksamhetsberattelse_has_the_namnds_commitments_economy_and_control(
    rw: ReportWorld,
) -> None:
    osn = rw.world.bodies["osn"]
    report = verksamhetsberattelse.build(rw.municipality, 2026, body=osn)
    assert report.body == OSN
    titles = [s.title for _level, s in report.walk()]
    for title in [
        "Åtaganden och måluppfyllelse",
        "Ekonomi",
        "Internkontroll",
        "Kvalitet",
        "Personal",
    ]:
        assert title in titles, title
    commitments = report.section("ataganden")
    assert key_figure(commitments, "Åtaganden") == 2
    assert cell(table(commitments), "Öka kontinuiteten i hemtjänsten", "Status") == "yellow"
    assert "Kontinuiteten har ökat men når inte målvärdet." in paragraphs(report)
    economy = report.section("ekonomi")
    assert key_figure(economy, "Utfall") == net_cost_kr("osn", 2026)
    per_activity = table(economy, "Driftredovisning per verksamhet")
    assert cell(per_activity, "Vård och omsorg om äldre", "Utfall") == net_cost_kr("osn", 2026)
    control_section = report.section("internkontroll")
    assert key_figure(control_section, "Avvikelser") == 1
    deviations = table(control_section, "Avvikelser och åtgärder")
    assert cell(deviations, "Attest av leverantörsfakturor", "Åtgärd") == "Utbilda attestanter"
    staff = table(report.section("personal"))
    assert [row.cells[0] for row in staff.rows] == ["Omsorgs- och socialförvaltningen"]
    assert cell(staff, "Omsorgs- och socialförvaltningen", "Årsarbetare") == Decimal("850.0")


def test_a_verksamhetsberattelse_needs_a_namnd_and_data(rw: ReportWorld) -> None:
    with pytest.raises(NoData, match="nämnd"):
        verksamhetsberattelse.build(rw.municipality, 2026)
    with pytest.raises(NoData, match="2031"):
        verksamhetsberattelse.build(rw.municipality, 2031, body=rw.world.bodies["osn"])


def test_the_manadsrapport_is_the_latest_month_with_outcome(rw: ReportWorld) -> None:
    report = manadsrapport.build(rw.municipality, 2026)
    assert report.title == "Månadsrapport oktober 2026"
    drift = table(report.section("ekonomi"))
    assert cell(drift, OSN, "Utfall") == net_cost_kr("osn", 2026, 10)
    assert cell(drift, "Utbildningsnämnden", "Utfall") == net_cost_kr("un", 2026, 10)
    assert cell(drift, OSN, "Årsbudget") == 1_000_000_000


def test_the_namnds_manadsrapport_has_its_verksamheter_and_forecast(rw: ReportWorld) -> None:
    period = rw.period("month", month=8)
    report = manadsrapport.build(rw.municipality, 2026, body=rw.world.bodies["osn"], period=period)
    assert report.title == "Månadsrapport augusti 2026"
    overview = report.section("oversikt")
    assert key_figure(overview, "Utfall hittills") == net_cost_kr("osn", 2026, 8)
    assert key_figure(overview, "Prognos helår") == 1_010_000_000
    per_activity = table(report.section("ekonomi"))
    assert cell(per_activity, "Vård och omsorg om äldre", "Utfall hittills") == net_cost_kr(
        "osn", 2026, 8
    )
    activities = table(report.section("aktiviteter"))
    assert cell(activities, "Fasta team runt varje brukare", "Genomfört") == 40


def test_a_manadsrapport_without_outcome_raises_nodata(rw: ReportWorld) -> None:
    with pytest.raises(NoData, match="2031"):
        manadsrapport.build(rw.municipality, 2031)


def test_the_internkontrollrapport_has_every_plan_the_common_points_and_ks_evaluation(
    rw: ReportWorld,
) -> None:
    control.common_point(rw.world)
    control.evaluation(rw.world)
    report = internkontroll.build(rw.municipality, 2026)
    titles = [s.title for _level, s in report.walk()]
    for title in [
        "Översikt",
        "Nämndernas internkontroll",
        "Kommunstyrelsens gemensamma kontrollmoment",
        "Kommunstyrelsens utvärdering",
    ]:
        assert title in titles, title
    overview = table(report.section("oversikt"))
    assert cell(overview, OSN, "Kontrollmoment") == 2  # its own and the common one
    assert cell(overview, OSN, "Avvikelser") == 1
    assert cell(overview, OSN, "Öppna åtgärder") == 1
    assert "Överlag god." in paragraphs(report)
    osn = rw.world.bodies["osn"]
    points = table(report.section(f"namnder.{osn.pk}.internkontroll"), "Kontrollmoment")
    assert cell(points, "Attest av leverantörsfakturor", "Status") == "green"


def test_an_internkontrollrapport_without_a_plan_raises_nodata(rw: ReportWorld) -> None:
    with pytest.raises(NoData, match="internkontrollplan för 2031"):
        internkontroll.build(rw.municipality, 2031)


def test_a_namnds_internkontrollrapport_has_its_plan_only(rw: ReportWorld) -> None:
    osn = rw.world.bodies["osn"]
    report = internkontroll.build(rw.municipality, 2026, body=osn)
    assert report.body == OSN
    assert [s.key for s in report.sections] == ["oversikt", "plan"]
    overview = table(report.section("oversikt"))
    assert [row.cells[0] for row in overview.rows] == [OSN]
    deviations = table(report.section("plan"), "Avvikelser och åtgärder")
    assert cell(deviations, "Attest av leverantörsfakturor", "Allvarlighet") == "betydande"
    assert cell(deviations, "Attest av leverantörsfakturor", "Läge") == "planerad"
