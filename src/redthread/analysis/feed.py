"""Indicators fed from Kolada: synced figures become the indicators' yearly actuals.

An indicator with source Kolada and a Kolada id gets, for each year Kolada has a figure for
the municipality, an ``Actual`` in the helår period of that year (with women and men when the
indicator is split by gender), marked with source Kolada and the publication date. Years
from four before the indicator's first planning year to its last are fed: the history the
goal chain's charts show. The figure goes on the indicator version of that year, or on the
first version for the years before it.

Two things stop a figure, and then it becomes a ``PendingValue`` for a person to decide:

- an actual that did not come from Kolada (entered by hand, from a survey) says something
  else – a manual actual is never silently overwritten;
- the helår period is closed or locked – nothing is written into a closed period. The figure
  waits, visible on the indicator's analysis page; once the period is reopened (a recorded
  decision) it can be accepted there.

A figure that matches the actual already there changes nothing, and a figure that was
dismissed is not proposed again unless Kolada publishes a different one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from redthread.analysis.models import KoladaKpi, KoladaValue, PendingValue
from redthread.cycle.models import ReportingPeriod, ensure_periods
from redthread.goals.models import Actual, Indicator, Source
from redthread.organisation.models import Municipality

HISTORY_YEARS = 5
PLACES = Decimal("0.0001")

Figures = tuple[Decimal | None, Decimal | None, Decimal | None]


class Action:
    SAME = "same"
    WRITE = "write"
    UPDATE = "update"
    MANUAL = "manual"
    CLOSED = "closed"
    DISMISSED = "dismissed"

    LABELS = {
        SAME: gettext_lazy("samma som utfallet"),
        WRITE: gettext_lazy("blir utfall vid nästa hämtning"),
        UPDATE: gettext_lazy("Kolada har ändrat värdet; utfallet uppdateras vid nästa hämtning"),
        MANUAL: gettext_lazy("väntar: ett annat utfall är inlagt"),
        CLOSED: gettext_lazy("väntar: perioden är stängd"),
        DISMISSED: gettext_lazy("avvisat, utfallet behålls"),
    }


@dataclass
class Proposal:
    """What a Kolada figure means for one indicator in one year."""

    indicator: Indicator
    year: int
    kpi: str
    figures: Figures
    published_on: dt.date | None
    note: str
    is_generated: bool
    period: ReportingPeriod | None
    actual: Actual | None
    pending: PendingValue | None
    action: str

    @property
    def label(self) -> str:
        return str(Action.LABELS[self.action])

    @property
    def waits(self) -> bool:
        return self.action in (Action.MANUAL, Action.CLOSED)


@dataclass
class FeedResult:
    written: int = 0
    updated: int = 0
    unchanged: int = 0
    pending: int = 0
    proposals: list[Proposal] = field(default_factory=list)


def fed_indicators(municipality: Municipality) -> Any:
    return Indicator.objects.filter(
        goal__area__vision__municipality=municipality, source=Source.KOLADA
    ).exclude(kolada_kpi="")


def _q(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(PLACES)


def _figures_of(obj: Any, split: bool) -> Figures:
    if split:
        return (_q(obj.value), _q(obj.value_women), _q(obj.value_men))
    return (_q(obj.value), None, None)


def _published(
    kpi: KoladaKpi | None, year: int, fetched: dt.date, today: dt.date
) -> tuple[dt.date, bool]:
    """The publication date of a year's figure, and whether it is preliminary."""
    if kpi is not None and kpi.publ_period == str(year):
        if kpi.publication_date and kpi.publication_date <= today:
            return kpi.publication_date, False
        if kpi.prel_publication_date and kpi.prel_publication_date <= today:
            return kpi.prel_publication_date, True
    return fetched, False


def plan(
    municipality: Municipality,
    indicators: Sequence[Indicator] | None = None,
    *,
    kpis: Iterable[str] | None = None,
    today: dt.date | None = None,
) -> list[Proposal]:
    """What feeding would do, without doing it: a fixed number of queries for any number."""
    today = today or timezone.localdate()
    if indicators is None:
        query = fed_indicators(municipality)
        if kpis is not None:
            query = query.filter(kolada_kpi__in=list(kpis))
        indicators = list(query)
    fed = [i for i in indicators if i.source == Source.KOLADA and i.kolada_kpi]
    if not fed:
        return []
    lineages: dict[Any, list[Indicator]] = defaultdict(list)
    for indicator in Indicator.objects.filter(
        lineage__in={i.lineage for i in fed}, source=Source.KOLADA
    ).exclude(kolada_kpi=""):
        lineages[indicator.lineage].append(indicator)
    versions = [v for group in lineages.values() for v in group]
    codes = {v.kolada_kpi for v in versions}
    catalogue = {k.code: k for k in KoladaKpi.objects.filter(code__in=codes)}
    values: dict[tuple[str, int], dict[str, KoladaValue]] = defaultdict(dict)
    for value in KoladaValue.objects.filter(kpi__in=codes, municipality=municipality.code):
        values[(value.kpi, value.year)][value.gender] = value
    actuals: dict[tuple[Any, int], Actual] = {}
    for actual in Actual.objects.filter(
        indicator__in=versions, period__kind=ReportingPeriod.Kind.ANNUAL
    ).select_related("period", "indicator"):
        assert actual.indicator is not None
        actuals[(actual.indicator.lineage, actual.period.year)] = actual
    pendings: dict[tuple[Any, int], list[PendingValue]] = defaultdict(list)
    for pending in (
        PendingValue.objects.filter(indicator__in=versions)
        .exclude(state__in=[PendingValue.State.ACCEPTED, PendingValue.State.OBSOLETE])
        .select_related("period", "indicator")
    ):
        pendings[(pending.indicator.lineage, pending.period.year)].append(pending)
    periods = {
        p.year: p
        for p in ReportingPeriod.objects.filter(
            municipality=municipality, kind=ReportingPeriod.Kind.ANNUAL
        )
    }
    proposals = []
    for lineage, group in lineages.items():
        by_year = {v.year: v for v in group}
        first, last = min(by_year), max(by_year)
        for year in range(first - (HISTORY_YEARS - 1), last + 1):
            version = by_year.get(year) or (by_year[first] if year < first else None)
            if version is None:
                continue
            found = values.get((version.kolada_kpi, year), {})
            total = found.get(KoladaValue.Gender.TOTAL)
            if total is None or total.value is None:
                continue
            split = version.gender_split
            women, men = found.get(KoladaValue.Gender.WOMEN), found.get(KoladaValue.Gender.MEN)
            figures: Figures = (
                _q(total.value),
                _q(women.value) if split and women else None,
                _q(men.value) if split and men else None,
            )
            kpi = catalogue.get(version.kolada_kpi)
            published, preliminary = _published(kpi, year, total.fetched_on, today)
            note = f"Kolada {version.kolada_kpi}"
            if preliminary:
                note += ", " + _("preliminärt")
            if total.is_generated:
                note += ", " + _("genererat för demonstration")
            found_actual = actuals.get((lineage, year))
            period = found_actual.period if found_actual else periods.get(year)
            open_pending = next(
                (p for p in pendings[(lineage, year)] if p.state == PendingValue.State.OPEN), None
            )
            dismissed = [
                p for p in pendings[(lineage, year)] if p.state == PendingValue.State.DISMISSED
            ]
            if found_actual is not None and _figures_of(found_actual, split) == figures:
                action = Action.SAME
            elif any(_figures_of(p, split) == figures for p in dismissed):
                action = Action.DISMISSED
            elif found_actual is not None and found_actual.source != Source.KOLADA:
                action = Action.MANUAL
            elif period is not None and not period.is_writable:
                action = Action.CLOSED
            else:
                action = Action.UPDATE if found_actual is not None else Action.WRITE
            proposals.append(
                Proposal(
                    indicator=found_actual.indicator
                    if found_actual and found_actual.indicator
                    else version,
                    year=year,
                    kpi=version.kolada_kpi,
                    figures=figures,
                    published_on=published,
                    note=note[:255],
                    is_generated=total.is_generated,
                    period=period,
                    actual=found_actual,
                    pending=open_pending,
                    action=action,
                )
            )
    proposals.sort(key=lambda p: (p.indicator.lineage.hex, p.year))
    return proposals


def feed(
    municipality: Municipality,
    indicators: Sequence[Indicator] | None = None,
    *,
    kpis: Iterable[str] | None = None,
    today: dt.date | None = None,
) -> FeedResult:
    """Write what ``plan`` proposes: actuals where allowed, pending values where not."""
    result = FeedResult()
    with transaction.atomic():
        proposals = plan(municipality, indicators, kpis=kpis, today=today)
        result.proposals = proposals
        for proposal in proposals:
            if proposal.action in (Action.SAME, Action.DISMISSED):
                result.unchanged += 1
                if proposal.pending is not None:
                    _retire(proposal.pending)
                continue
            if proposal.waits:
                _wait(proposal)
                result.pending += 1
                continue
            if proposal.pending is not None:
                _retire(proposal.pending)
            _write(municipality, proposal)
            if proposal.action == Action.WRITE:
                result.written += 1
            else:
                result.updated += 1
    return result


def _retire(pending: PendingValue) -> None:
    pending.state = PendingValue.State.OBSOLETE
    pending.resolved_at = timezone.now()
    pending.save()


def _wait(proposal: Proposal) -> None:
    reason = (
        PendingValue.Reason.MANUAL
        if proposal.action == Action.MANUAL
        else PendingValue.Reason.CLOSED
    )
    value, women, men = proposal.figures
    pending = proposal.pending
    if pending is None:
        assert proposal.period is not None
        PendingValue.objects.create(
            indicator=proposal.indicator,
            period=proposal.period,
            kpi=proposal.kpi,
            value=value,
            value_women=women,
            value_men=men,
            published_on=proposal.published_on,
            is_generated=proposal.is_generated,
            reason=reason,
        )
        return
    if (pending.value, pending.value_women, pending.value_men, pending.reason) != (
        value,
        women,
        men,
        reason,
    ):
        pending.value, pending.value_women, pending.value_men = value, women, men
        pending.reason, pending.published_on = reason, proposal.published_on
        pending.save()


def _write(municipality: Municipality, proposal: Proposal) -> Actual:
    period = proposal.period
    if period is None:
        ensure_periods(municipality, proposal.year)
        period = ReportingPeriod.objects.get(
            municipality=municipality, kind=ReportingPeriod.Kind.ANNUAL, year=proposal.year
        )
    actual = proposal.actual or Actual(indicator=proposal.indicator, period=period)
    write_figures(actual, proposal.figures, proposal.published_on, proposal.note)
    return actual


def write_figures(
    actual: Actual, figures: Figures, published_on: dt.date | None, note: str
) -> None:
    """Save Kolada's figures as the actual (the period must take writes)."""
    actual.value, actual.value_women, actual.value_men = figures
    actual.source = Source.KOLADA
    actual.published_on = published_on
    actual.note = note
    actual.full_clean()
    actual.save()


def accept(pending: PendingValue, user: Any) -> Actual:
    """Write a waiting figure as the actual, replacing what is there; the period must be open."""
    if pending.state != PendingValue.State.OPEN:
        raise ValidationError(_("Värdet är redan hanterat."))
    pending.period.ensure_writable()
    with transaction.atomic():
        actual = Actual.objects.filter(
            indicator__lineage=pending.indicator.lineage, period=pending.period
        ).first() or Actual(indicator=pending.indicator, period=pending.period)
        note = f"Kolada {pending.kpi}"
        if pending.is_generated:
            note += ", " + _("genererat för demonstration")
        write_figures(actual, pending.figures, pending.published_on, note)
        pending.state = PendingValue.State.ACCEPTED
        pending.resolved_by = user
        pending.resolved_at = timezone.now()
        pending.save()
    return actual


def dismiss(pending: PendingValue, user: Any) -> None:
    """Keep the actual as it is; the same figure will not be proposed again."""
    if pending.state != PendingValue.State.OPEN:
        raise ValidationError(_("Värdet är redan hanterat."))
    pending.state = PendingValue.State.DISMISSED
    pending.resolved_by = user
    pending.resolved_at = timezone.now()
    pending.save()
