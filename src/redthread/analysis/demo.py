"""The analysis demo: Kolada's catalogue, fifteen key figures for Mjölby and its comparison
group G37466 over ten years (2016–2025), the county and Riket, fed into the indicators.

When Kolada's published files are at ``KOLADA_DATA_DIR`` (``../shared/data/kolada`` beside
the project), the whole catalogue (6 099 key figures, 312 municipalities and regions, 3 630
groups) and the real value series in them are loaded as they are. Every figure that is
missing there is generated and marked ``is_generated`` (shown as "genererat" in the pages).
Without the files the demo says so, uses the small built-in catalogue of ``demo_data`` and
generates every figure. Mjölby's generated figures for 2021–2025 are those the goal chain's
demo already has as actuals, except two that Kolada "revised" after the periods closed:
they wait for a decision instead of changing a closed period.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.conf import settings

from redthread.analysis import demo_data as data
from redthread.analysis import feed, store
from redthread.analysis.client import KoladaError, ValueRow
from redthread.analysis.comparison import Comparison, compare
from redthread.analysis.files import read_directory
from redthread.analysis.models import (
    RIKET,
    ComparisonSettings,
    KoladaSync,
    KoladaValue,
    PendingValue,
)
from redthread.analysis.templatetags.analysis_tags import figure
from redthread.core.demo_tools import DemoContext, upsert
from redthread.cycle.models import ReportingPeriod
from redthread.goals import demo_data as goal_data
from redthread.goals.evaluation import computed_status
from redthread.goals.models import FollowUp, Indicator
from redthread.organisation.models import Municipality

YEARS = list(range(2016, 2026))
GOAL_HISTORY = 2021  # the first year of the goal chain's demo history
STARTED = dt.datetime(2026, 11, 28, 6, 0, tzinfo=dt.UTC)


def load(context: DemoContext) -> None:
    # After the goal chain has closed its periods (an ``at_end`` step registered before
    # this one): a revised Kolada figure for a closed period waits for a decision.
    context.at_end.append(lambda: _load(context))


def _load(context: DemoContext) -> None:
    municipality: Municipality = context["municipality"]
    directory = settings.KOLADA_DATA_DIR
    real: list[ValueRow] = []
    files: list[str] = []
    try:
        catalogue = read_directory(directory) if directory.is_dir() else None
    except KoladaError as error:
        context.log.append(f"Kolada: the files in {directory} could not be read ({error}).")
        catalogue = None
    if catalogue is not None and catalogue.kpis:
        store.store_kpis(catalogue.kpis)
        store.store_municipalities(catalogue.municipalities)
        store.store_groups(catalogue.groups)
        real, files = catalogue.values, catalogue.files
        context.log.append(
            f"Kolada: read {len(catalogue.kpis)} key figures, {len(catalogue.municipalities)} "
            f"municipalities and regions, {len(catalogue.groups)} groups and {len(real)} real "
            f"values from {directory}."
        )
    else:
        store.store_kpis(
            {
                "id": code,
                "title": title,
                "operating_area": area,
                "perspective": perspective,
                "is_divided_by_gender": gender,
                "municipality_type": kind,
            }
            for code, title, area, perspective, gender, kind in data.KPIS
        )
        store.store_municipalities(
            {"id": code, "title": title, "type": kind} for code, title, kind in data.MUNICIPALITIES
        )
        store.store_groups(
            [{"id": data.GROUP, "title": data.GROUP_TITLE, "members": list(data.MEMBERS)}]
        )
        context.log.append(
            f"Kolada: no published files at {directory} (set KOLADA_DATA_DIR to use them); "
            f"using the built-in catalogue of {len(data.KPIS)} key figures and group {data.GROUP}, "
            "and every value is generated."
        )
    upsert(
        ComparisonSettings,
        {"municipality": municipality},
        group_code=data.GROUP,
        county_code=data.COUNTY,
    )
    sync = upsert(
        KoladaSync,
        {"source": KoladaSync.Source.DEMO},
        started_at=STARTED,
        finished_at=STARTED,
        state=KoladaSync.State.DONE,
        parameters={"files": files, "years": [YEARS[0], YEARS[-1]]},
        message="Demodata: verkliga värden ur Koladas publicerade filer där de finns, "
        "annars genererade.",
    )
    store.store_values(real, sync=sync)
    kept = set(
        KoladaValue.objects.filter(is_generated=False).values_list(
            "kpi", "municipality", "year", "gender"
        )
    )
    made = [
        row
        for row in _calibrated(generated_values())
        if (row.kpi, row.municipality, row.year, row.gender) not in kept
    ]
    store.store_values(made, sync=sync, generated=True)
    result = feed.feed(municipality, today=STARTED.date())
    _notes(municipality, context)
    values = KoladaValue.objects.count()
    counts = {"values_created": values, "actuals_written": result.written + result.updated}
    counts["pending"] = PendingValue.objects.open().count()
    if any(getattr(sync, name) != value for name, value in counts.items()):
        for name, value in counts.items():
            setattr(sync, name, value)
        sync.save()
    context.log.append(
        f"Kolada: {len(made)} generated values; {values} values in all; "
        f"{counts['pending']} figures wait for a decision."
    )


def _notes(municipality: Municipality, context: DemoContext) -> None:
    """The helår 2025 analyses of four indicators, with the comparison's own figures."""
    period = ReportingPeriod.objects.get(
        municipality=municipality, kind=ReportingPeriod.Kind.ANNUAL, year=2025
    )
    reviewer = context["people"]["kvalitetsstrateg"].user
    submitted = dt.datetime(2026, 2, 12, 15, 0, tzinfo=dt.UTC)
    for kpi, text in data.NOTES.items():
        indicator = Indicator.objects.filter(
            year=2025, kolada_kpi=kpi, goal__area__vision__municipality=municipality
        ).first()
        if indicator is None:
            continue
        found = compare(
            kpi,
            municipality,
            group_code=data.GROUP,
            county_code=data.COUNTY,
            year=2025,
            direction=indicator.direction,
            unit=indicator.unit_label,
            decimals=indicator.decimals,
        )
        row = found.latest
        if row is None or row.own is None:
            continue

        def shown(value: Decimal | None, comparison: Comparison = found) -> str:
            return figure(value, comparison)

        figures = (
            f"{found.own_title} {shown(row.own)} {row.year}; liknande kommuner i medel "
            f"{shown(row.group)}, riket {shown(row.country)}."
        )
        if found.group_ranking.own is not None:
            figures += (
                f" Plats {found.group_ranking.own.rank} av {found.group_ranking.size} "
                "i jämförelsegruppen."
            )
        status = computed_status(indicator, period)
        upsert(
            FollowUp,
            {"period": period, "indicator": indicator},
            status=status,
            computed_status=status,
            analysis=f"{figures} {text}",
            state=FollowUp.State.APPROVED,
            author=indicator.owner.user if indicator.owner and indicator.owner.user else reviewer,
            submitted_at=submitted,
            reviewed_by=reviewer,
            reviewed_at=submitted + dt.timedelta(days=1),
        )


def _own_series() -> dict[str, tuple[dict[int, Decimal | None], int, bool]]:
    """Mjölby per key figure: the goal chain's history where it has one, extended back."""
    series: dict[str, tuple[dict[int, Decimal | None], int, bool]] = {}
    for row in goal_data.INDICATORS:
        kpi, gender, history, decimals = row[6], row[7], row[9], row[3]
        if not kpi or kpi in series:
            continue
        points: list[Any] = list(history)  # type: ignore[call-overload]
        known = {GOAL_HISTORY + i: Decimal(str(v)) for i, v in enumerate(points) if v is not None}
        places = int(decimals)
        series[str(kpi)] = (_extend(str(kpi), known, places), places, bool(gender))
    for kpi, (last, step, decimals) in data.UNLINKED.items():
        values: dict[int, Decimal | None] = {
            year: _round(Decimal(str(last - step * (YEARS[-1] - year))), decimals) for year in YEARS
        }
        series[kpi] = (values, decimals, False)
    for (kpi, year), value in data.REVISED.items():
        values, decimals, gender = series[kpi]
        values[year] = Decimal(value)
    return series


def _extend(kpi: str, known: dict[int, Decimal], decimals: int) -> dict[int, Decimal | None]:
    """Years before the goal chain's history, along its trend; surveys every other year."""
    rng = random.Random(f"{kpi}-own")  # noqa: S311  (repeatable demo data)
    years = sorted(known)
    every = years[1] - years[0] if len(years) > 1 else 1
    step = (known[years[-1]] - known[years[0]]) / max(years[-1] - years[0], 1)
    values: dict[int, Decimal | None] = {}
    for year in YEARS:
        if year in known:
            values[year] = known[year]
        elif year < years[0] and (years[0] - year) % every == 0:
            noise = Decimal(str(rng.uniform(-0.6, 0.6))) * (abs(step) or Decimal("0.5"))
            values[year] = _round(known[years[0]] - step * (years[0] - year) + noise, decimals)
        else:
            values[year] = None
    return values


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals))


def _calibrated(rows: list[ValueRow]) -> list[ValueRow]:
    """Generated series of a place that has real figures, brought to the real level.

    Where Kolada's files hold real figures for a place (Karlshamn's gross regional product
    until 2023, say), its generated years continue from them instead of jumping.
    """
    real: dict[tuple[str, str, str], dict[int, Decimal]] = {}
    for value in KoladaValue.objects.filter(is_generated=False, value__isnull=False):
        assert value.value is not None
        real.setdefault((value.kpi, value.municipality, value.gender), {})[value.year] = value.value
    made: dict[tuple[str, str, str], dict[int, ValueRow]] = {}
    for row in rows:
        made.setdefault((row.kpi, row.municipality, row.gender), {})[row.year] = row
    result = []
    for key, by_year in made.items():
        known = real.get(key, {})
        ratios = [
            known[year] / row.value for year, row in by_year.items() if year in known and row.value
        ]
        ratio = sum(ratios, Decimal(0)) / len(ratios) if ratios else Decimal(1)
        for row in by_year.values():
            if row.value is None or ratio == 1:
                result.append(row)
                continue
            places = max(-(row.value.as_tuple().exponent), 0)  # type: ignore[operator]
            scaled = _round(row.value * ratio, int(places))
            result.append(ValueRow(row.kpi, row.municipality, row.year, row.gender, scaled, 1))
    return result


def _trend(own: dict[int, Decimal | None]) -> dict[int, Decimal]:
    """A straight line through Mjölby's known figures: what the others vary around."""
    points = [(year, float(v)) for year, v in own.items() if v is not None]
    n = len(points)
    mean_x = sum(x for x, _y in points) / n
    mean_y = sum(y for _x, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _y in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0
    return {year: Decimal(str(mean_y + slope * (year - mean_x))) for year in YEARS}


def generated_values() -> list[ValueRow]:
    """Every figure the demo makes: Mjölby (with women and men), the group, the county, Riket.

    The others follow half Mjölby's own year-to-year movement and half its trend, each at its
    own level and with its own noise, so the lines neither coincide nor ignore a shared year.
    """
    rows: list[ValueRow] = []
    for kpi, (own, decimals, gender) in _own_series().items():
        spread, county_factor, riket_factor = data.SPREAD.get(kpi, data.DEFAULT_SPREAD)
        rng = random.Random(f"{kpi}-others")  # noqa: S311  (repeatable demo data)
        levels = {code: rng.uniform(-1, 1) for code in data.MEMBERS}
        trend = _trend(own)
        for year in YEARS:
            value = own[year]
            if value is None:
                continue
            rows.append(ValueRow(kpi, data.OWN, year, "T", value, 1))
            if gender:
                for sex, share in (("K", "1.03"), ("M", "0.97")):
                    rows.append(
                        ValueRow(
                            kpi, data.OWN, year, sex, _round(value * Decimal(share), decimals), 1
                        )
                    )
            base = (value + trend[year]) / 2
            for code, (_name, size) in data.MEMBERS.items():
                factor = size if spread is None else 1 + spread * levels[code]
                noise = 1 + rng.uniform(-0.04, 0.04)
                member = _round(base * Decimal(str(factor * noise)), decimals + 1)
                rows.append(ValueRow(kpi, code, year, "T", member, 1))
            for code, level in ((data.COUNTY, county_factor), (RIKET, riket_factor)):
                if level is None:
                    continue
                noise = 1 + rng.uniform(-0.015, 0.015)
                figure = _round(base * Decimal(str(level * noise)), decimals + 1)
                rows.append(ValueRow(kpi, code, year, "T", figure, 1))
    return rows
