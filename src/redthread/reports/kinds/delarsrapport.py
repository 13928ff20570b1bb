"""Delårsrapport per 31 August: a simplified förvaltningsberättelse, the goal follow-up with
its analyses, the full-year forecast, resultaträkning and balansräkning for the period, the
personal, kvalitet and internkontroll accounts, and each nämnd's section (seed 2.2).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from redthread.core.formatting import mnkr
from redthread.cycle.models import ReportingPeriod
from redthread.finance import figures, statements
from redthread.finance.models import BudgetYear
from redthread.finance.models.balance import deficits
from redthread.organisation.models import Body, Municipality
from redthread.reports.document import (
    Block,
    ChartBlock,
    KeyFigure,
    KeyFigures,
    NoData,
    Paragraph,
    Report,
    Section,
)
from redthread.reports.kinds.common import period_label, period_of
from redthread.reports.kinds.economy import (
    namnder_total,
    operating_table,
    personnel_blocks,
    result_chart,
    result_figures,
    statement_table,
)
from redthread.reports.kinds.goalchain import (
    GoalData,
    bodies_in_report,
    commitment_summary_table,
    goal_blocks,
    goal_data,
    goal_sections,
    require_year_data,
    stewardship_blocks,
)
from redthread.reports.kinds.results import (
    body_section,
    control_statuses,
    control_table,
    quality_blocks,
)


def build(
    municipality: Municipality,
    year: int,
    body: Body | None = None,
    period: ReportingPeriod | None = None,
) -> Report:
    period = period or period_of(municipality, year, ReportingPeriod.Kind.INTERIM)
    if period is None:
        raise NoData(
            _(
                "Året %(year)s har ingen delårsperiod. Skapa årets rapportperioder under "
                "Årshjul → Rapportperioder och försök igen."
            )
            % {"year": year}
        )
    month = period.end_date.month
    data = goal_data(municipality, year, period)
    require_year_data(municipality, year, data, _("delårsrapporten"))
    month_report = figures.month_report(municipality, year, month)
    bodies = bodies_in_report(municipality, data, month_report)
    controls = control_statuses(municipality, year)
    report = Report(
        kind="delarsrapport",
        title=_("Delårsrapport %(year)s") % {"year": year},
        municipality=municipality.name,
        year=year,
        period_label=period_label(year, month),
    )
    report.sections = [
        _management_report(municipality, year, month, data, month_report),
        Section(
            key="malupfoljning",
            title=_("Uppföljning av kommunmål"),
            blocks=goal_blocks(municipality, year, data, ReportingPeriod.Kind.INTERIM),
            children=goal_sections(data, "malupfoljning"),
        ),
        Section(
            key="ataganden",
            title=_("Nämndernas åtaganden"),
            blocks=[commitment_summary_table(data, bodies)],
        ),
        Section(
            key="resultatrakning",
            title=_("Resultaträkning"),
            blocks=[
                statement_table(statements.income_statement(municipality, year, month, unit="kr"))
            ],
        ),
        Section(
            key="balansrakning",
            title=_("Balansräkning"),
            blocks=[
                statement_table(statements.balance_sheet(municipality, year, month, unit="kr"))
            ],
        ),
        Section(
            key="driftredovisning",
            title=_("Driftredovisning och helårsprognos"),
            blocks=[operating_table(month_report, forecast=True)],
        ),
        Section(
            key="personal",
            title=_("Personal"),
            blocks=personnel_blocks(municipality, year),
        ),
        Section(key="kvalitet", title=_("Kvalitet"), blocks=quality_blocks(municipality, year)),
        Section(
            key="internkontroll",
            title=_("Internkontroll"),
            blocks=[control_table(controls, year)],
        ),
        Section(
            key="namnder",
            title=_("Nämndernas redovisning"),
            children=[
                body_section(
                    b,
                    data=data,
                    row=next((r for r in month_report.rows if r.key == b.pk), None),
                    control=next((c for c in controls if c.body.pk == b.pk), None),
                    forecast=True,
                )
                for b in bodies
            ],
        ),
    ]
    return report


def forecast_result(budget_year: BudgetYear | None, report: figures.MonthReport) -> int | None:
    """Årets resultat for the full year: the budgeted result plus the nämnder's forecast deviations.

    None when the budget or the nämnder's forecasts are missing.
    """
    if budget_year is None:
        return None
    deviations = [r.forecast_deviation for r in report.rows if r.forecast_deviation is not None]
    if not deviations:
        return None
    return budget_year.budgeted_result() + sum(deviations)


def _management_report(
    municipality: Municipality,
    year: int,
    month: int,
    data: GoalData,
    month_report: figures.MonthReport,
) -> Section:
    section = Section(key="forvaltningsberattelse", title=_("Förenklad förvaltningsberättelse"))
    section.children.append(
        Section(
            key="forvaltningsberattelse.oversikt",
            title=_("Översikt över verksamhetens utveckling"),
            blocks=[
                result_figures(municipality, year, month),
                ChartBlock(result_chart(municipality, year, month)),
            ],
        )
    )
    budget_year = BudgetYear.objects.filter(municipality=municipality, year=year).first()
    forecast = forecast_result(budget_year, month_report)
    prognosis = Section(key="forvaltningsberattelse.prognos", title=_("Prognos för helåret"))
    items = []
    if budget_year is not None:
        items.append(
            KeyFigure(_("Budgeterat resultat"), budget_year.budgeted_result(), "mnkr", "amount", 1)
        )
    if forecast is not None:
        items.append(KeyFigure(_("Prognos årets resultat"), forecast, "mnkr", "amount", 1))
    totals = namnder_total(month_report)
    if totals.forecast is not None:
        items.append(
            KeyFigure(
                _("Nämndernas prognostiserade avvikelse"),
                totals.forecast_deviation,
                "mnkr",
                "amount",
                1,
            )
        )
    if items:
        prognosis.blocks.append(KeyFigures(items))
    if month_report.forecast_period is None:
        prognosis.blocks.append(
            Paragraph(
                _("Nämnderna har inte lämnat någon helårsprognos under perioden %(period)s.")
                % {"period": period_label(year, month)}
            )
        )
    else:
        prognosis.blocks.append(
            Paragraph(
                _(
                    "Prognosen för årets resultat är det budgeterade resultatet justerat med "
                    "nämndernas prognostiserade avvikelser från budget (%(period)s)."
                )
                % {"period": month_report.forecast_period.label}
            )
        )
    section.children.append(prognosis)
    assert data.verdict is not None
    section.children.append(
        Section(
            key="forvaltningsberattelse.god_ekonomisk_hushallning",
            title=_("God ekonomisk hushållning"),
            blocks=stewardship_blocks(data.verdict, interim=True),
        )
    )
    section.children.append(
        Section(
            key="forvaltningsberattelse.balanskravsresultat",
            title=_("Bedömning av balanskravet"),
            blocks=_balance_assessment(municipality, year, forecast),
        )
    )
    return section


def _balance_assessment(municipality: Municipality, year: int, forecast: int | None) -> list[Block]:
    """Whether the forecast meets the balanskrav, and earlier deficits still to restore."""
    blocks: list[Block] = []
    if forecast is None:
        blocks.append(
            Paragraph(
                _(
                    "Utan helårsprognos från nämnderna går det inte att bedöma om balanskravet "
                    "uppfylls %(year)s."
                )
                % {"year": year}
            )
        )
    elif forecast >= 0:
        blocks.append(
            Paragraph(
                _(
                    "Med prognosen för årets resultat, %(result)s, uppfylls balanskravet "
                    "%(year)s, före eventuella balanskravsjusteringar."
                )
                % {"result": mnkr(forecast), "year": year}
            )
        )
    else:
        blocks.append(
            Paragraph(
                _(
                    "Med prognosen för årets resultat, %(result)s, uppfylls inte balanskravet "
                    "%(year)s. Ett negativt balanskravsresultat ska återställas inom tre år."
                )
                % {"result": mnkr(forecast), "year": year}
            )
        )
    earlier = [d for d in deficits(municipality) if d.year < year and d.status(year) != "restored"]
    for deficit in earlier:
        blocks.append(
            Paragraph(
                _(
                    "Av underskottet från %(origin)s återstår %(remaining)s att återställa senast "
                    "%(deadline)s."
                )
                % {
                    "origin": deficit.year,
                    "remaining": mnkr(deficit.remaining),
                    "deadline": deficit.deadline,
                }
            )
        )
    return blocks
