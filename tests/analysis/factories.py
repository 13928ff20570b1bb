"""Kolada figures and waiting values in the test world."""

from __future__ import annotations

from decimal import Decimal

from redthread.analysis.models import KoladaGroup, KoladaMunicipality, KoladaValue, PendingValue
from redthread.cycle.models import ReportingPeriod
from redthread.goals.models import Indicator, Source
from tests.goals.factories import load_chain
from tests.world import World

MEMBERS = ["0662", "0882", "1082", "1267", "1491", "1493", "2184"]


def from_kolada(indicator: Indicator, kpi: str = "U21468") -> Indicator:
    indicator.source = Source.KOLADA
    indicator.kolada_kpi = kpi
    indicator.save()
    return indicator


def figure(
    kpi: str,
    municipality: str,
    year: int,
    value: str | None,
    gender: str = "T",
    *,
    generated: bool = False,
) -> KoladaValue:
    return KoladaValue.objects.create(
        kpi=kpi,
        municipality=municipality,
        year=year,
        gender=gender,
        value=Decimal(value) if value is not None else None,
        is_generated=generated,
    )


def group(code: str = "G37466", members: list[str] | None = None) -> KoladaGroup:
    KoladaMunicipality.objects.bulk_create(
        [
            KoladaMunicipality(code=code_, title=f"Kommun {code_}", kind="K")
            for code_ in (members or MEMBERS)
        ]
        + [
            KoladaMunicipality(code="0586", title="Mjölby", kind="K"),
            KoladaMunicipality(code="0005", title="Region Östergötland", kind="L"),
            KoladaMunicipality(code="0000", title="Riket", kind="L"),
        ],
        ignore_conflicts=True,
    )
    return KoladaGroup.objects.create(
        code=code,
        title="Liknande kommuner, övergripande, Mjölby, 2025",
        member_codes=" ".join(members or MEMBERS),
    )


def annual(world: World, year: int) -> ReportingPeriod:
    return ReportingPeriod.objects.get(municipality=world.municipality, kind="annual", year=year)


def waiting(world: World, reason: str = PendingValue.Reason.MANUAL) -> PendingValue:
    """A Kolada figure for Brukarbedömning helhetssyn, helår 2026, waiting for a decision."""
    chain = load_chain(world)
    indicator = from_kolada(chain.indicators["nojdhet"])
    return PendingValue.objects.create(
        indicator=indicator,
        period=annual(world, 2026),
        kpi="U21468",
        value=Decimal("85.3"),
        reason=reason,
    )
