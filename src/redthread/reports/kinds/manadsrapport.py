"""Månadsrapport: the simple monthly report to kommunstyrelsen (every month but January and
July, seed 2.2), for one nämnd or the whole municipality: outcome against budget to date,
the latest full-year forecast, and for a nämnd its verksamheter and its activities.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from redthread.cycle.models import ReportingPeriod
from redthread.finance import figures
from redthread.goals.evaluation import followups_for
from redthread.goals.models import Activity
from redthread.organisation.models import Body, Municipality
from redthread.reports.document import (
    Block,
    ChartBlock,
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
from redthread.reports.kinds.common import month_name, period_label
from redthread.reports.kinds.economy import operating_table, result_chart, result_figures


def report_period(
    municipality: Municipality, year: int, period: ReportingPeriod | None
) -> ReportingPeriod:
    """The month report's period: the one asked for, else the latest month with outcome."""
    if period is not None:
        return period
    last = figures.last_month_with_data(municipality, year)
    found = (
        ReportingPeriod.objects.filter(
            municipality=municipality,
            year=year,
            kind=ReportingPeriod.Kind.MONTH,
            end_date__month__lte=last,
        )
        .order_by("-end_date")
        .first()
    )
    if found is None:
        raise NoData(
            _(
                "Det finns inget bokfört utfall för någon rapportmånad %(year)s. Läs in "
                "huvudboken (Ekonomi → Huvudbok → Läs in) och försök igen."
            )
            % {"year": year}
        )
    return found


def build(
    municipality: Municipality,
    year: int,
    body: Body | None = None,
    period: ReportingPeriod | None = None,
) -> Report:
    period = report_period(municipality, year, period)
    month = period.end_date.month
    month_report = figures.month_report(municipality, year, month)
    if not month_report.has_ledger:
        raise NoData(
            _(
                "Huvudboken har inget utfall för %(month)s %(year)s. Läs in huvudboken för "
                "månaden och försök igen."
            )
            % {"month": month_name(month), "year": year}
        )
    report = Report(
        kind="manadsrapport",
        title=_("Månadsrapport %(month)s %(year)s") % {"month": month_name(month), "year": year},
        municipality=municipality.name,
        body=body.name if body else "",
        year=year,
        period_label=period_label(year, month),
    )
    if body is None:
        report.sections = _municipality_sections(municipality, year, month, month_report)
    else:
        report.sections = _body_sections(municipality, body, year, period, month_report)
    return report


def _municipality_sections(
    municipality: Municipality, year: int, month: int, month_report: figures.MonthReport
) -> list[Section]:
    comments: list[Block] = [
        Paragraph(f"{row.label}: {row.forecast_comment.strip()}")
        for row in month_report.rows
        if row.forecast_comment.strip()
    ]
    return [
        Section(
            key="oversikt",
            title=_("Översikt"),
            blocks=[
                result_figures(municipality, year, month),
                ChartBlock(result_chart(municipality, year, month)),
            ],
        ),
        Section(
            key="ekonomi",
            title=_("Nämndernas ekonomi"),
            blocks=[operating_table(month_report, forecast=True)],
        ),
        Section(
            key="prognos",
            title=_("Prognos för helåret"),
            blocks=comments or [Paragraph(_("Nämnderna har inte kommenterat någon prognos ännu."))],
        ),
    ]


def _body_sections(
    municipality: Municipality,
    body: Body,
    year: int,
    period: ReportingPeriod,
    month_report: figures.MonthReport,
) -> list[Section]:
    month = period.end_date.month
    row = next((r for r in month_report.rows if r.key == body.pk), None)
    if row is None:
        raise NoData(
            _(
                "%(body)s har varken budget eller utfall för %(year)s. Kontrollera att nämndens "
                "ansvar är kopplade till nämnden (Ekonomi → Struktur) och försök igen."
            )
            % {"body": body.name, "year": year}
        )
    items = [
        KeyFigure(_("Årsbudget"), row.budget, "mnkr", "amount", 1),
        KeyFigure(_("Budget hittills"), row.budget_to_date, "mnkr", "amount", 1),
        KeyFigure(_("Utfall hittills"), row.actual, "mnkr", "amount", 1),
        KeyFigure(_("Avvikelse hittills"), row.deviation, "mnkr", "amount", 1),
    ]
    if row.forecast is not None:
        items.append(KeyFigure(_("Prognos helår"), row.forecast, "mnkr", "amount", 1))
        items.append(
            KeyFigure(_("Prognostiserad avvikelse"), row.forecast_deviation, "mnkr", "amount", 1)
        )
    overview = Section(key="oversikt", title=_("Översikt"), blocks=[KeyFigures(items)])
    if row.forecast_comment.strip():
        overview.blocks.append(Paragraph(row.forecast_comment.strip()))
    rows = figures.body_report(municipality, body, year, month)
    table = Table(
        caption=_("Utfall per verksamhet, %(period)s") % {"period": period_label(year, month)},
        columns=[
            Column(_("Verksamhet")),
            Column(_("Årsbudget"), "amount"),
            Column(_("Budget hittills"), "amount"),
            Column(_("Utfall hittills"), "amount"),
            Column(_("Avvikelse"), "amount"),
            Column(_("Prognos helår"), "amount"),
            Column(_("Samma period föregående år"), "amount"),
        ],
        unit="tkr",
    )
    for item in rows:
        table.rows.append(
            Row(
                [
                    item.label,
                    item.budget,
                    item.budget_to_date,
                    item.actual,
                    item.deviation,
                    item.forecast,
                    item.last_year,
                ]
            )
        )
    table.rows.append(
        Row(
            [
                _("Summa"),
                sum(r.budget for r in rows),
                sum(r.budget_to_date for r in rows),
                sum(r.actual for r in rows),
                sum(r.deviation for r in rows),
                None,
                sum(r.last_year for r in rows),
            ],
            style="sum",
        )
    )
    sections = [
        overview,
        Section(key="ekonomi", title=_("Ekonomi per verksamhet"), blocks=[table]),
    ]
    activities = list(
        Activity.objects.filter(year=year, commitment__body=body)
        .select_related("unit", "commitment")
        .order_by("commitment__order", "unit__name", "title")
    )
    if activities:
        followups = followups_for(period, activity=[a.pk for a in activities])
        activity_table = Table(
            caption=_("Aktiviteter, %(period)s") % {"period": period.label},
            columns=[
                Column(_("Aktivitet")),
                Column(_("Enhet")),
                Column(_("Läge")),
                Column(_("Genomfört"), "percent", 0),
                Column(_("Status"), "status"),
            ],
        )
        notes = []
        for activity in activities:
            followup = followups.get(("activity", activity.pk))
            activity_table.rows.append(
                Row(
                    [
                        activity.title,
                        activity.unit.name,
                        activity.get_state_display(),
                        activity.progress,
                        followup.status if followup else "none",
                    ]
                )
            )
            if followup is not None and followup.analysis.strip():
                notes.append(Paragraph(f"{activity.title}: {followup.analysis.strip()}"))
        sections.append(
            Section(key="aktiviteter", title=_("Aktiviteter"), blocks=[activity_table, *notes])
        )
    return sections
