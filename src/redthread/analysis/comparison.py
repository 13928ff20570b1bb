"""Comparisons: the municipality against a group of similar municipalities, its county and
Riket, over time, with its rank and percentile.

A group's figure is the unweighted mean of its members that have a value (as Kolada's
"ovägt medel"). The county's figure is Kolada's own for the county id (e.g. 0005) when it is
synced; otherwise the unweighted mean of the county's kommuner that are synced, and it says
so. Ranks follow the indicator's direction when there is one (1 = best), else the highest
value first; ties share a place. The percentile is the share of the other municipalities
ranked below.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from redthread.analysis.models import (
    RIKET,
    KoladaGroup,
    KoladaKpi,
    KoladaMunicipality,
    KoladaValue,
    is_kommun,
)
from redthread.core.charts import Chart, Series
from redthread.goals.status import Direction
from redthread.organisation.models import Municipality

YEARS = 10
KOMMUNER = 290  # Sweden's municipalities
MEAN_PLACES = Decimal("0.000001")

Values = dict[int, Decimal | None]


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    if not known:
        return None
    return (sum(known, Decimal(0)) / len(known)).quantize(MEAN_PLACES)


@dataclass
class RankRow:
    code: str
    title: str
    value: Decimal
    rank: int
    is_own: bool
    is_generated: bool


@dataclass
class Ranking:
    """Municipalities with a value in one year, best (or highest) first."""

    rows: list[RankRow] = field(default_factory=list)
    own: RankRow | None = None

    @property
    def size(self) -> int:
        return len(self.rows)

    @property
    def percentile(self) -> int | None:
        """How many per cent of the others are ranked below the municipality."""
        if self.own is None or self.size < 2:
            return None
        below = sum(1 for row in self.rows if row.rank > self.own.rank)
        return round(100 * below / (self.size - 1))


def rank(
    values: dict[str, Decimal],
    own: str,
    direction: str | None,
    titles: dict[str, str],
    generated: set[str] | None = None,
) -> Ranking:
    lower_is_better = direction == Direction.LOWER
    ordered = sorted(values.items(), key=lambda item: item[1] if lower_is_better else -item[1])
    ranking = Ranking()
    for code, value in ordered:
        better = sum(1 for v in values.values() if (v < value if lower_is_better else v > value))
        row = RankRow(
            code=code,
            title=titles.get(code, code),
            value=value,
            rank=better + 1,
            is_own=code == own,
            is_generated=code in (generated or set()),
        )
        ranking.rows.append(row)
        if row.is_own:
            ranking.own = row
    return ranking


@dataclass
class YearRow:
    year: int
    own: Decimal | None
    women: Decimal | None
    men: Decimal | None
    group: Decimal | None
    group_count: int
    county: Decimal | None
    country: Decimal | None


@dataclass
class Comparison:
    """One key figure for the municipality and those it is compared with."""

    kpi_code: str
    kpi: KoladaKpi | None
    own_code: str
    own_title: str
    group: KoladaGroup | None
    county_code: str
    county_title: str
    county_computed: bool
    direction: str | None
    unit: str
    decimals: int
    years: list[int] = field(default_factory=list)
    rows: list[YearRow] = field(default_factory=list)
    year: int | None = None
    group_ranking: Ranking = field(default_factory=Ranking)
    all_ranking: Ranking = field(default_factory=Ranking)
    has_generated: bool = False
    has_gender: bool = False

    @property
    def title(self) -> str:
        return self.kpi.title if self.kpi else self.kpi_code

    @property
    def has_values(self) -> bool:
        return any(row.own is not None for row in self.rows)

    @property
    def latest(self) -> YearRow | None:
        return next((row for row in self.rows if row.year == self.year), None)

    @property
    def ranks_every_kommun(self) -> bool:
        return self.all_ranking.size >= KOMMUNER

    @property
    def group_size(self) -> int:
        return len(self.group.members) if self.group else 0

    def chart(self) -> Chart:
        series = [
            Series(
                self.own_title,
                [r.own for r in self.rows],
                style="solid",
                colour="#a3112a",
                marker="circle",
            )
        ]
        if self.group is not None:
            series.append(
                Series(
                    _("Jämförelsegruppen (medel)"),
                    [r.group for r in self.rows],
                    style="dashed",
                    colour="#1f4e8c",
                    marker="square",
                )
            )
        series.append(
            Series(
                self.county_title,
                [r.county for r in self.rows],
                style="dotted",
                colour="#2e6b30",
                marker="circle",
            )
        )
        series.append(
            Series(
                _("Riket"),
                [r.country for r in self.rows],
                style="dashed",
                colour="#4a4a4a",
                marker="none",
            )
        )
        return Chart(
            title=self.title,
            labels=[str(r.year) for r in self.rows],
            series=series,
            unit=self.unit,
            decimals=self.decimals,
        )


def compare(
    kpi_code: str,
    municipality: Municipality,
    *,
    group_code: str = "",
    county_code: str = "",
    year: int | None = None,
    direction: str | None = None,
    unit: str = "",
    decimals: int = 1,
    years: int = YEARS,
) -> Comparison:
    """The comparison of one key figure: at most six queries, however many municipalities."""
    own = municipality.code
    county = county_code or f"00{own[:2]}"
    kpi = KoladaKpi.objects.filter(code=kpi_code).first()
    group = KoladaGroup.objects.filter(code=group_code).first() if group_code else None
    members = group.members if group else []
    by_place: dict[str, dict[int, dict[str, KoladaValue]]] = defaultdict(lambda: defaultdict(dict))
    for value in KoladaValue.objects.filter(
        kpi=kpi_code, municipality__in={own, county, RIKET, *members}
    ):
        by_place[value.municipality][value.year][value.gender] = value

    def totals(code: str) -> Values:
        return {
            y: g[KoladaValue.Gender.TOTAL].value
            for y, g in by_place.get(code, {}).items()
            if KoladaValue.Gender.TOTAL in g
        }

    own_values, country_values = totals(own), totals(RIKET)
    county_values = totals(county)
    county_computed = False
    if not any(v is not None for v in county_values.values()):
        county_values = _county_mean(kpi_code, county)
        county_computed = bool(county_values)
    member_values = {code: totals(code) for code in members}
    all_years = sorted(
        {
            *own_values,
            *country_values,
            *county_values,
            *(y for v in member_values.values() for y in v),
        }
    )
    shown = all_years[-years:]
    rows = []
    for y in shown:
        genders = by_place.get(own, {}).get(y, {})
        women, men = genders.get(KoladaValue.Gender.WOMEN), genders.get(KoladaValue.Gender.MEN)
        in_group = [v[y] for v in member_values.values() if v.get(y) is not None]
        rows.append(
            YearRow(
                year=y,
                own=own_values.get(y),
                women=women.value if women else None,
                men=men.value if men else None,
                group=mean(in_group),
                group_count=len(in_group),
                county=county_values.get(y),
                country=country_values.get(y),
            )
        )
    with_own = [r.year for r in rows if r.own is not None]
    chosen = (
        year if year in shown else (with_own[-1] if with_own else (shown[-1] if shown else None))
    )
    comparison = Comparison(
        kpi_code=kpi_code,
        kpi=kpi,
        own_code=own,
        own_title=municipality.name.removesuffix(" kommun"),
        group=group,
        county_code=county,
        county_title="",
        county_computed=county_computed,
        direction=direction,
        unit=unit,
        decimals=decimals,
        years=shown,
        rows=rows,
        year=chosen,
        has_generated=any(
            v.is_generated
            for place in by_place.values()
            for g in place.values()
            for v in g.values()
        ),
        has_gender=any(r.women is not None or r.men is not None for r in rows),
    )
    all_values: dict[str, Decimal] = {}
    generated: set[str] = set()
    if chosen is not None:
        for value in KoladaValue.objects.total().filter(
            kpi=kpi_code, year=chosen, value__isnull=False
        ):
            if is_kommun(value.municipality):
                assert value.value is not None
                all_values[value.municipality] = value.value
                if value.is_generated:
                    generated.add(value.municipality)
    titles = dict(
        KoladaMunicipality.objects.filter(
            code__in={own, county, *members, *all_values}
        ).values_list("code", "title")
    )
    comparison.own_title = titles.get(own, comparison.own_title)
    county_name = (
        municipality.county_name
        if municipality.county_name and county == f"00{own[:2]}"
        else titles.get(county, county).removeprefix("Region ")
    )
    comparison.county_title = _county_title(county_name, county_computed)
    if chosen is not None:
        group_values = {code: all_values[code] for code in [own, *members] if code in all_values}
        comparison.group_ranking = rank(group_values, own, direction, titles, generated)
        comparison.all_ranking = rank(all_values, own, direction, titles, generated)
    return comparison


def _county_mean(kpi_code: str, county: str) -> Values:
    """The unweighted mean of the county's kommuner that are synced (kommunkod starts with it)."""
    by_year: dict[int, list[Decimal | None]] = defaultdict(list)
    for value in KoladaValue.objects.total().filter(
        kpi=kpi_code, municipality__startswith=county[2:]
    ):
        if is_kommun(value.municipality):
            by_year[value.year].append(value.value)
    return {year: mean(values) for year, values in by_year.items()}


def _county_title(name: str, computed: bool) -> str:
    if computed:
        return _("Kommunerna i %(county)s (medel)") % {"county": name}
    return name


@dataclass
class Summary:
    """The latest year of one key figure, for lists: own value, group mean, rank in the group."""

    kpi_code: str
    kpi: KoladaKpi | None
    year: int | None
    own: Decimal | None
    group: Decimal | None
    group_ranking: Ranking
    is_generated: bool


def summaries(
    kpi_codes: Sequence[str],
    municipality: Municipality,
    *,
    group_code: str = "",
    directions: dict[str, str] | None = None,
) -> list[Summary]:
    """Summaries of many key figures in four queries."""
    if not kpi_codes:
        return []
    own = municipality.code
    group = KoladaGroup.objects.filter(code=group_code).first() if group_code else None
    members = group.members if group else []
    catalogue = {k.code: k for k in KoladaKpi.objects.filter(code__in=kpi_codes)}
    values: dict[str, dict[int, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    generated: dict[str, set[str]] = defaultdict(set)
    for value in KoladaValue.objects.total().filter(
        kpi__in=kpi_codes, municipality__in={own, *members}, value__isnull=False
    ):
        assert value.value is not None
        values[value.kpi][value.year][value.municipality] = value.value
        if value.is_generated:
            generated[value.kpi].add(value.municipality)
    titles = dict(
        KoladaMunicipality.objects.filter(code__in={own, *members}).values_list("code", "title")
    )
    result = []
    for code in kpi_codes:
        years = [y for y, places in values.get(code, {}).items() if own in places]
        year = max(years) if years else None
        places = values[code][year] if year is not None else {}
        ranking = rank(
            {c: v for c, v in places.items() if c in {own, *members}},
            own,
            (directions or {}).get(code),
            titles,
        )
        result.append(
            Summary(
                kpi_code=code,
                kpi=catalogue.get(code),
                year=year,
                own=places.get(own),
                group=mean(v for c, v in places.items() if c in members),
                group_ranking=ranking,
                is_generated=bool(generated.get(code)),
            )
        )
    return result
