"""Building a report: the builder's figures, the template's order and intros, the texts.

``build_report`` is what the CLI, the preview, the background job and the snapshot use.
A preview shows every written text, marking unapproved ones as drafts; a final report
carries only approved words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from redthread.cycle.models import ReportingPeriod
from redthread.organisation.models import Body, Municipality
from redthread.reports import registry
from redthread.reports.document import NoData, Report, Section


class ReportRefused(Exception):
    """The report cannot be made as asked; the message says why and what to do."""


@dataclass
class Built:
    report: Report
    drafts: set[str] = field(default_factory=set)  # section keys whose text is unapproved


def period_for(
    municipality: Municipality, kind: str, year: int, month: int | None = None
) -> ReportingPeriod | None:
    """The reporting period a report of ``kind`` closes, or None for a plan (mål och budget).

    A month report is for ``month`` or, without one, the latest month of the year that has
    been closed (else the latest month that has begun).
    """
    info = registry.get(kind)
    if not info.period_kind:
        return None
    periods = ReportingPeriod.objects.filter(
        municipality=municipality, year=year, kind=info.period_kind
    )
    if info.period_kind == ReportingPeriod.Kind.MONTH:
        if month is not None:
            period = periods.filter(end_date__month=month).first()
        else:
            period = periods.closed().order_by("-end_date").first() or (
                periods.filter(opens_on__lte=timezone.localdate()).order_by("-end_date").first()
            )
    else:
        period = periods.order_by("-end_date").first()
    if period is None:
        raise NoData(
            _("Det finns ingen rapportperiod för %(name)s %(year)s. Välj ett annat år.")
            % {"name": info.name, "year": year}
        )
    return period


def check_body(kind: str, body: Body | None) -> None:
    info = registry.get(kind)
    if info.needs_body and body is None:
        raise ReportRefused(
            _("%(name)s görs per nämnd. Välj nämnd (i kommandot: --body ID).") % {"name": info.name}
        )
    if not info.takes_body and body is not None:
        raise ReportRefused(
            _("%(name)s görs för hela kommunen, inte för en nämnd. Ta bort nämnden.")
            % {"name": info.name}
        )


def _reorder(sections: list[Section], order: list[str]) -> list[Section]:
    rank = {key: i for i, key in enumerate(order)}
    ordered = sorted(
        enumerate(sections), key=lambda pair: (rank.get(pair[1].key, len(rank)), pair[0])
    )
    out = [section for _, section in ordered]
    for section in out:
        section.children = _reorder(section.children, order)
    return out


def texts_for(municipality: Municipality, kind: str, year: int, body: Body | None) -> list[Any]:
    from redthread.reports.models import SectionText

    scope = Q(body=body) if body is not None else Q(body__isnull=True)
    return list(SectionText.objects.filter(scope, municipality=municipality, kind=kind, year=year))


def merge_texts(
    report: Report,
    *,
    municipality: Municipality,
    body: Body | None,
    final: bool,
) -> set[str]:
    """Apply the template and the section texts to ``report``; return the draft keys."""
    from redthread.reports.models import ReportTemplate

    template = ReportTemplate.objects.filter(municipality=municipality, kind=report.kind).first()
    if template is not None:
        if template.section_order:
            report.sections = _reorder(report.sections, list(template.section_order))
        intros = dict(template.intros or {})
        for _level, section in report.walk():
            section.intro = str(intros.get(section.key, ""))
    drafts: set[str] = set()
    texts = {t.section_key: t for t in texts_for(municipality, report.kind, report.year, body)}
    for _level, section in report.walk():
        text = texts.get(section.key)
        if text is None:
            continue
        if final or text.is_approved:
            section.text = text.approved_text
        elif text.text:
            section.text = text.text
            drafts.add(section.key)
    return drafts


def build_report(
    municipality: Municipality,
    kind: str,
    year: int,
    *,
    body: Body | None = None,
    period: ReportingPeriod | None = None,
    final: bool = False,
) -> Built:
    """The report from the data, with the template and texts merged.

    Raises ``registry.UnknownKind``, ``registry.BuilderMissing``, ``ReportRefused`` or
    ``NoData``, each with a Swedish message.
    """
    info = registry.get(kind)
    check_body(kind, body)
    report = info.build(municipality, year, body=body, period=period)
    if report.generated_at is None:
        report.generated_at = timezone.now()
    drafts = merge_texts(report, municipality=municipality, body=body, final=final)
    return Built(report=report, drafts=drafts)


def summary(report: Report) -> dict[str, Any]:
    """What the report was made from, in brief: kept with a snapshot."""
    from redthread.reports import values
    from redthread.reports.document import KeyFigures, Table

    key_figures = {}
    tables = rows = 0
    for _level, section in report.walk():
        for block in section.blocks:
            if isinstance(block, Table):
                tables += 1
                rows += len(block.rows)
            elif isinstance(block, KeyFigures):
                for item in block.items:
                    key_figures[item.label] = values.key_figure(item)
    return {
        "title": report.title,
        "period": report.period_label,
        "body": report.body,
        "sections": sum(1 for _ in report.walk()),
        "tables": tables,
        "rows": rows,
        "key_figures": key_figures,
        "generated_at": report.generated_at.isoformat() if report.generated_at else "",
    }
