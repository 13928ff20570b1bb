"""A nämnd's verksamhetsberättelse for a year: its åtaganden with analyses, its economy per
verksamhet, its internal control, its quality work and its staff.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from redthread.control.models import ControlPlan
from redthread.cycle.models import ReportingPeriod
from redthread.finance import figures
from redthread.organisation.models import Body, Municipality, Unit
from redthread.quality.accounting import quality_account
from redthread.reports.document import (
    Block,
    Column,
    KeyFigure,
    KeyFigures,
    NoData,
    Paragraph,
    Report,
    Row,
    Section,
    Table,
)
from redthread.reports.kinds.common import body_key, period_label, period_of
from redthread.reports.kinds.economy import personnel_blocks
from redthread.reports.kinds.goalchain import commitment_analyses, commitments_table, goal_data
from redthread.reports.kinds.internkontroll import plan_blocks
from redthread.reports.kinds.results import control_statuses


def require_body(body: Body | None, kind: str) -> Body:
    if body is None:
        raise NoData(
            _("En %(kind)s gäller en nämnd. Ange vilken nämnd rapporten ska gälla (--body ID).")
            % {"kind": kind}
        )
    return body


def build(
    municipality: Municipality,
    year: int,
    body: Body | None = None,
    period: ReportingPeriod | None = None,
) -> Report:
    body = require_body(body, _("verksamhetsberättelse"))
    period = period or period_of(municipality, year, ReportingPeriod.Kind.ANNUAL)
    data = goal_data(municipality, year, period, body=body, verdict=False)
    month = figures.last_month_with_data(municipality, year)  # 0 without a ledger
    if not data.commitments and not month:
        raise NoData(
            _(
                "%(body)s har varken åtaganden eller bokfört utfall för %(year)s. Lägg in "
                "nämndens åtaganden och läs in huvudboken, och försök igen."
            )
            % {"body": body.name, "year": year}
        )
    key = body_key(body)
    report = Report(
        kind="verksamhetsberattelse",
        title=_("Verksamhetsberättelse %(year)s") % {"year": year},
        municipality=municipality.name,
        body=body.name,
        year=year,
        period_label=period_label(year, 12),
    )
    units = list(Unit.objects.filter(serves=body).order_by("order", "name"))
    overview = Section(key="oversikt", title=_("Nämndens uppdrag och organisation"))
    if body.description.strip():
        overview.blocks.append(Paragraph(body.description.strip()))
    if units:
        overview.blocks.append(
            Paragraph(_("Förvaltning: %(units)s.") % {"units": ", ".join(u.name for u in units)})
        )
    report.sections.append(overview)
    commitments = Section(key="ataganden", title=_("Åtaganden och måluppfyllelse"))
    if data.commitments:
        counts = data.status_counts(data.evaluation.commitment_status(c) for c in data.commitments)
        commitments.blocks.append(
            KeyFigures(
                [
                    KeyFigure(_("Åtaganden"), len(data.commitments)),
                    KeyFigure(_("Uppfyllda"), counts["green"]),
                    KeyFigure(_("Delvis uppfyllda"), counts["yellow"]),
                    KeyFigure(_("Inte uppfyllda"), counts["red"]),
                    KeyFigure(_("Inte bedömda"), counts["none"]),
                ]
            )
        )
        commitments.blocks.append(commitments_table(data, body))
        commitments.children = commitment_analyses(data, body)
        for child in commitments.children:
            child.key = child.key.replace(f"{key}.", "", 1)
    else:
        commitments.blocks.append(
            Paragraph(_("Nämnden har inga åtaganden för %(year)s.") % {"year": year})
        )
    report.sections.append(commitments)
    report.sections.append(_economy(municipality, body, year, month))
    control = Section(key="internkontroll", title=_("Internkontroll"))
    plan = ControlPlan.objects.filter(body=body, year=year).select_related("decision__body").first()
    if plan is None:
        control.blocks.append(
            Paragraph(_("Nämnden har ingen internkontrollplan för %(year)s.") % {"year": year})
        )
    else:
        status = control_statuses(municipality, year, [body])[0]
        control.blocks.append(
            KeyFigures(
                [
                    KeyFigure(_("Internkontrollplan"), str(status.plan_status.label), kind="text"),
                    KeyFigure(_("Kontrollmoment"), status.points),
                    KeyFigure(_("Genomförda kontroller"), status.done),
                    KeyFigure(_("Avvikelser"), status.deviations),
                    KeyFigure(_("Öppna åtgärder"), status.open_actions),
                ]
            )
        )
        control.blocks.extend(plan_blocks(plan))
    report.sections.append(control)
    report.sections.append(
        Section(key="kvalitet", title=_("Kvalitet"), blocks=_quality(body, year))
    )
    report.sections.append(
        Section(
            key="personal",
            title=_("Personal"),
            blocks=personnel_blocks(municipality, year, units=units),
        )
    )
    return report


def _economy(municipality: Municipality, body: Body, year: int, month: int) -> Section:
    section = Section(key="ekonomi", title=_("Ekonomi"))
    if not month:
        section.blocks.append(
            Paragraph(_("Det finns inget bokfört utfall för %(year)s.") % {"year": year})
        )
        return section
    report = figures.month_report(municipality, year, month)
    row = next((r for r in report.rows if r.key == body.pk), None)
    if row is not None:
        section.blocks.append(
            KeyFigures(
                [
                    KeyFigure(_("Budget"), row.budget, "mnkr", "amount", 1),
                    KeyFigure(_("Utfall"), row.actual, "mnkr", "amount", 1),
                    KeyFigure(_("Avvikelse"), row.budget - row.actual, "mnkr", "amount", 1),
                    KeyFigure(_("Utfall föregående år"), row.last_year, "mnkr", "amount", 1),
                ]
            )
        )
    rows = figures.body_report(municipality, body, year, month)
    table = Table(
        caption=_("Driftredovisning per verksamhet, %(period)s")
        % {"period": period_label(year, month)},
        columns=[
            Column(_("Verksamhet")),
            Column(_("Budget"), "amount"),
            Column(_("Utfall"), "amount"),
            Column(_("Avvikelse"), "amount"),
            Column(_("Föregående år"), "amount"),
        ],
        unit="tkr",
    )
    for item in rows:
        table.rows.append(
            Row([item.label, item.budget, item.actual, item.budget - item.actual, item.last_year])
        )
    table.rows.append(
        Row(
            [
                _("Summa"),
                sum(r.budget for r in rows),
                sum(r.actual for r in rows),
                sum(r.budget - r.actual for r in rows),
                sum(r.last_year for r in rows),
            ],
            style="sum",
        )
    )
    section.blocks.append(table)
    return section


def _quality(body: Body, year: int) -> list[Block]:
    account = quality_account(body, year)
    blocks: list[Block] = [
        KeyFigures(
            [
                KeyFigure(_("Inkomna förbättringsförslag"), account.proposals.submitted),
                KeyFigure(_("Införda"), account.proposals.adopted),
                KeyFigure(_("Processer"), len(account.processes)),
                KeyFigure(_("Kvalitetsdeklarationer"), len(account.declarations)),
            ]
        )
    ]
    if account.declarations:
        table = Table(
            caption=_("Kvalitetsdeklarationer och löften %(year)s") % {"year": year},
            columns=[
                Column(_("Kvalitetsdeklaration och löfte")),
                Column(_("Målvärde"), "number", 1),
                Column(_("Utfall"), "number", 1),
                Column(_("Status"), "status"),
            ],
        )
        for row in account.declarations:
            table.rows.append(Row([str(row.declaration), None, None, None], style="heading"))
            for promise, result in row.promises:
                table.rows.append(
                    Row(
                        [
                            str(promise),
                            result.target.value if result and result.target else None,
                            result.actual.value if result else None,
                            result.status if result else "none",
                        ],
                        level=1,
                    )
                )
        blocks.append(table)
    for extra in account.sections:
        table = Table(caption=extra.title, columns=[Column(_("Uppgift")), Column(_("Värde"))])
        table.rows = [Row([label, value]) for label, value in extra.rows]
        blocks.append(table)
        if extra.text:
            blocks.append(Paragraph(extra.text))
    return blocks
