"""Comparisons: group means, the county, Riket, ranks and percentiles, the chart and Excel."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from redthread.analysis import excel
from redthread.analysis.comparison import compare, rank, summaries
from tests.analysis.factories import MEMBERS, figure, group
from tests.world import World


def _mjolby_and_group(year: int = 2025) -> None:
    group()
    figure("N00097", "0586", year, "1.6")
    for code, value in zip(MEMBERS, ["0.5", "1.0", "2.0", "3.0", "-0.5", "1.6", None], strict=True):
        if value is not None:
            figure("N00097", code, year, value)
    figure("N00097", "0000", year, "0")


def test_the_group_value_is_the_unweighted_mean_of_members_with_a_value(world: World) -> None:
    _mjolby_and_group()

    comparison = compare("N00097", world.municipality, group_code="G37466")

    [row] = comparison.rows
    assert row.own == Decimal("1.6") and row.country == Decimal("0")
    assert row.group == Decimal("1.266667") and row.group_count == 6  # 7.6 / 6
    assert comparison.group_size == 7


def test_the_county_is_koladas_own_figure_when_synced(world: World) -> None:
    _mjolby_and_group()
    figure("N00097", "0005", 2025, "0.9")

    comparison = compare("N00097", world.municipality, group_code="G37466")

    assert comparison.rows[0].county == Decimal("0.9")
    assert not comparison.county_computed
    assert comparison.county_title == "Östergötland"


def test_without_it_the_county_is_the_mean_of_its_kommuner_and_says_so(world: World) -> None:
    _mjolby_and_group()
    figure("N00097", "0513", 2025, "2.4")  # Kinda, also in Östergötland

    comparison = compare("N00097", world.municipality, group_code="G37466")

    assert comparison.rows[0].county == Decimal("2.0")
    assert comparison.county_computed
    assert comparison.county_title.startswith("Kommunerna i")


def test_ranks_follow_the_direction_and_ties_share_a_place(world: World) -> None:
    values = {"a": Decimal(3), "b": Decimal(1), "c": Decimal(3), "own": Decimal(2)}

    higher = rank(values, "own", "higher", {})
    lower = rank(values, "own", "lower", {})

    assert [(r.code, r.rank) for r in higher.rows] == [("a", 1), ("c", 1), ("own", 3), ("b", 4)]
    assert higher.own is not None and higher.own.rank == 3 and higher.percentile == 33
    assert lower.own is not None and lower.own.rank == 2 and lower.percentile == 67


def test_the_comparison_ranks_in_the_group_and_among_all_synced_kommuner(world: World) -> None:
    _mjolby_and_group()
    figure("N00097", "0180", 2025, "-2.0")  # Stockholm: not in the group
    figure("N00097", "0005", 2025, "9")  # a region is never ranked among kommuner

    comparison = compare("N00097", world.municipality, group_code="G37466", direction="lower")

    assert comparison.group_ranking.size == 7 and comparison.all_ranking.size == 8
    own = comparison.group_ranking.own
    assert own is not None and own.rank == 4  # -0.5, 0.5, 1.0 are lower
    assert comparison.all_ranking.own is not None and comparison.all_ranking.own.rank == 5


def test_the_time_series_covers_the_last_ten_years_and_the_chart_matches_the_table(
    world: World,
) -> None:
    group()
    for year in range(2012, 2026):
        figure("N01951", "0586", year, str(30000 + year))
        figure("N01951", "0662", year, str(29000 + year))

    comparison = compare("N01951", world.municipality, group_code="G37466", decimals=0)
    chart = comparison.chart()

    assert comparison.years == list(range(2016, 2026)) and comparison.year == 2025
    assert chart.rows()[0][:3] == ["2016", "32\u00a0016", "31\u00a0016"]
    assert "Mjölby" in chart.svg() and "<title" in chart.svg()


def test_a_year_without_a_value_for_the_municipality_is_said_plainly(world: World) -> None:
    group()
    figure("N01951", "0662", 2025, "29000")

    comparison = compare("N01951", world.municipality, group_code="G37466")

    assert comparison.group_ranking.own is None and not comparison.has_values


def test_the_excel_export_has_the_series_the_ranking_and_the_source(world: World) -> None:
    _mjolby_and_group()
    figure("N00097", "0586", 2024, "2.1", generated=True)

    comparison = compare("N00097", world.municipality, group_code="G37466", direction="lower")
    workbook = load_workbook(BytesIO(excel.export(comparison)))

    assert workbook.sheetnames == [
        "Tidsserie",
        "Jämförelsegruppen 2025",
        "Alla kommuner 2025",
        "Om uppgifterna",
    ]
    series = list(workbook["Tidsserie"].values)
    assert series[0][:2] == ("År", "Mjölby") and series[2][:2] == (2025, 1.6)
    ranking = list(workbook["Jämförelsegruppen 2025"].values)
    assert ranking[1][:3] == (1, "Kommun 1491", -0.5)
    about = "\n".join(str(v) for row in workbook["Om uppgifterna"].values for v in row)
    assert "Kolada" in about and "genererade för demonstration" in about


def test_summaries_give_the_latest_year_of_many_key_figures(
    world: World, django_assert_max_num_queries: object
) -> None:
    _mjolby_and_group()
    figure("N01951", "0586", 2024, "33490")

    with django_assert_max_num_queries(4):  # type: ignore[operator]
        found = {
            s.kpi_code: s
            for s in summaries(["N00097", "N01951"], world.municipality, group_code="G37466")
        }

    assert found["N00097"].year == 2025 and found["N00097"].group_ranking.size == 7
    assert found["N01951"].own == Decimal("33490") and found["N01951"].group is None
