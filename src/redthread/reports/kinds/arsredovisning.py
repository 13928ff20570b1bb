"""Årsredovisning per LKBR (2018:597) and the seed's own results.

Förvaltningsberättelse (översikt över verksamhetens utveckling, styrning och uppföljning,
god ekonomisk hushållning, balanskravsresultat with the balanskravsutredning, väsentliga
personalförhållanden, förväntad utveckling), the statements (resultaträkning,
balansräkning, kassaflödesanalys, noter, driftredovisning, investeringsredovisning,
sammanställda räkenskaper), the results for kommunmål, åtaganden, internkontroll,
personal, kvalitet and hållbar utveckling, and each nämnd's section.

The number of queries does not depend on the number of nämnder: every nämnd's figures come
from the same municipality-wide reads.
"""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext as _

from redthread.control.overview import BodyStatus
from redthread.cycle.models import ReportingPeriod
from redthread.finance import figures, statements
from redthread.finance.models import BudgetYear
from redthread.organisation.models import Body, Municipality
from redthread.reports.document import (
    ChartBlock,
    Column,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Report,
    Row,
    Section,
    Table,
)
from redthread.reports.kinds.common import period_label, period_of
from redthread.reports.kinds.economy import (
    balance_requirement_blocks,
    lines_table,
    multi_year_table,
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
    hallbar_utveckling_blocks,
    quality_blocks,
)


def build(
    municipality: Municipality,
    year: int,
    body: Body | None = None,
    period: ReportingPeriod | None = None,
) -> Report:
    period = period or period_of(municipality, year, ReportingPeriod.Kind.ANNUAL)
    data = goal_data(municipality, year, period)
    require_year_data(municipality, year, data, _("årsredovisningen"))
    month_report = figures.month_report(municipality, year, 12)
    bodies = bodies_in_report(municipality, data, month_report)
    controls = control_statuses(municipality, year)
    report = Report(
        kind="arsredovisning",
        title=_("Årsredovisning %(year)s") % {"year": year},
        municipality=municipality.name,
        year=year,
        period_label=period_label(year, 12),
    )
    report.sections = [
        _management_report(municipality, year, data),
        Section(
            key="resultatrakning",
            title=_("Resultaträkning"),
            blocks=[statement_table(statements.income_statement(municipality, year, unit="kr"))],
        ),
        Section(
            key="balansrakning",
            title=_("Balansräkning"),
            blocks=[statement_table(statements.balance_sheet(municipality, year, unit="kr"))],
        ),
        Section(
            key="kassaflodesanalys",
            title=_("Kassaflödesanalys"),
            blocks=[statement_table(statements.cash_flow(municipality, year, unit="kr"))],
        ),
        _notes_section(municipality, year),
        Section(
            key="driftredovisning",
            title=_("Driftredovisning"),
            blocks=[
                statement_table(
                    statements.operating_accounts(municipality, year, unit="kr"),
                    source=_(
                        "Budget: totalbudget enligt beslut. Utfall: huvudboken. Nettokostnad."
                    ),
                )
            ],
        ),
        Section(
            key="investeringsredovisning",
            title=_("Investeringsredovisning"),
            blocks=[statement_table(statements.capital_accounts(municipality, year, unit="kr"))],
        ),
        Section(
            key="sammanstallda_rakenskaper",
            title=_("Sammanställda räkenskaper"),
            blocks=[statement_table(statements.group_accounts(municipality, year, unit="kr"))],
        ),
        _results_section(municipality, year, data, bodies, controls),
        Section(
            key="namnder",
            title=_("Nämndernas redovisning"),
            children=[
                body_section(
                    b,
                    data=data,
                    row=next((r for r in month_report.rows if r.key == b.pk), None),
                    control=next((c for c in controls if c.body.pk == b.pk), None),
                )
                for b in bodies
            ],
        ),
    ]
    return report


def _management_report(municipality: Municipality, year: int, data: GoalData) -> Section:
    """Förvaltningsberättelse per LKBR chapter 11."""
    section = Section(key="forvaltningsberattelse", title=_("Förvaltningsberättelse"))
    section.children.append(
        Section(
            key="forvaltningsberattelse.oversikt",
            title=_("Översikt över verksamhetens utveckling"),
            blocks=[
                result_figures(municipality, year),
                ChartBlock(result_chart(municipality, year)),
                multi_year_table(municipality, year),
            ],
        )
    )
    section.children.append(_governance(municipality, year, data))
    assert data.verdict is not None
    section.children.append(
        Section(
            key="forvaltningsberattelse.god_ekonomisk_hushallning",
            title=_("God ekonomisk hushållning"),
            blocks=stewardship_blocks(data.verdict),
        )
    )
    section.children.append(
        Section(
            key="forvaltningsberattelse.balanskravsresultat",
            title=_("Balanskravsresultat"),
            blocks=balance_requirement_blocks(municipality, year),
        )
    )
    section.children.append(
        Section(
            key="forvaltningsberattelse.vasentliga_personalforhallanden",
            title=_("Väsentliga personalförhållanden"),
            blocks=personnel_blocks(municipality, year, totals_only=True),
        )
    )
    section.children.append(_expected_development(municipality, year))
    return section


def _governance(municipality: Municipality, year: int, data: GoalData) -> Section:
    """Styrning och uppföljning: the red thread of the year and the follow-up rounds held."""
    bodies_with_commitments = {c.body_id for c in data.commitments}
    counts = dict(
        ReportingPeriod.objects.filter(municipality=municipality, year=year)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    labels = dict(ReportingPeriod.Kind.choices)
    table = Table(
        caption=_("Uppföljningstillfällen %(year)s") % {"year": year},
        columns=[Column(_("Typ")), Column(_("Antal"), "number")],
    )
    for kind in ReportingPeriod.Kind.values:  # month, forecast, delår, helår: the year's order
        if counts.get(kind):
            table.rows.append(Row([str(labels[kind]).capitalize(), counts[kind]]))
    return Section(
        key="forvaltningsberattelse.styrning_och_uppfoljning",
        title=_("Styrning och uppföljning"),
        blocks=[
            KeyFigures(
                [
                    KeyFigure(_("Kommunmål"), len(data.goals)),
                    KeyFigure(_("Indikatorer"), len(data.indicators)),
                    KeyFigure(_("Åtaganden"), len(data.commitments)),
                    KeyFigure(_("Nämnder med åtaganden"), len(bodies_with_commitments)),
                    KeyFigure(_("Mått"), len(data.measures)),
                ]
            ),
            table,
        ],
    )


def _expected_development(municipality: Municipality, year: int) -> Section:
    """Förväntad utveckling: next year's budget and plan years as KF decided them."""
    section = Section(
        key="forvaltningsberattelse.forvantad_utveckling", title=_("Förväntad utveckling")
    )
    following = (
        BudgetYear.objects.filter(municipality=municipality, year=year + 1)
        .select_related("decision__body")
        .first()
    )
    if following is None:
        section.blocks.append(
            Paragraph(
                _("Budgeten för %(year)s är inte upplagd i systemet ännu.") % {"year": year + 1}
            )
        )
        return section
    frames = following.frames()
    items = []
    if following.tax_rate is not None:
        items.append(
            KeyFigure(
                _("Skattesats %(year)s") % {"year": following.year},
                following.tax_rate,
                kind="number",
                decimals=2,
            )
        )
    items.append(
        KeyFigure(
            _("Budgeterat resultat %(year)s") % {"year": following.year},
            following.budgeted_result(),
            "mnkr",
            "amount",
            1,
        )
    )
    section.blocks.append(KeyFigures(items))
    table = Table(
        caption=_("Nämndernas driftramar enligt mål och budget %(year)s")
        % {"year": following.year},
        columns=[Column(_("År")), Column(_("Summa driftramar"), "amount", 1)],
        unit="mnkr",
        source=following.decision.citation if following.decision else "",
    )
    for plan_year in following.years:
        table.rows.append(
            Row([str(plan_year), sum(a for (_b, y), a in frames.items() if y == plan_year)])
        )
    section.blocks.append(table)
    return section


def _notes_section(municipality: Municipality, year: int) -> Section:
    section = Section(key="noter", title=_("Noter"))
    for note in statements.notes(municipality, year, unit="kr"):
        section.children.append(
            Section(
                key=f"noter.{note.number}",
                title=_("Not %(number)s %(title)s") % {"number": note.number, "title": note.title},
                blocks=[lines_table(note.title, note.columns, note.lines)],
            )
        )
    return section


def _results_section(
    municipality: Municipality,
    year: int,
    data: GoalData,
    bodies: list[Body],
    controls: list[BodyStatus],
) -> Section:
    """The seed's results: kommunmål, åtaganden, internkontroll, personal, kvalitet, hållbarhet."""
    section = Section(key="resultat", title=_("Resultat och måluppfyllelse"))
    section.children = [
        Section(
            key="resultat.kommunmal",
            title=_("Kommunmål"),
            blocks=goal_blocks(municipality, year, data, ReportingPeriod.Kind.ANNUAL),
            children=goal_sections(data, "resultat.kommunmal"),
        ),
        Section(
            key="resultat.ataganden",
            title=_("Nämndernas åtaganden"),
            blocks=[commitment_summary_table(data, bodies)],
        ),
        Section(
            key="resultat.internkontroll",
            title=_("Internkontroll"),
            blocks=[control_table(controls, year)],
        ),
        Section(
            key="resultat.personal",
            title=_("Personal"),
            blocks=personnel_blocks(municipality, year),
        ),
        Section(
            key="resultat.kvalitet",
            title=_("Kvalitet"),
            blocks=quality_blocks(municipality, year),
        ),
        Section(
            key="resultat.hallbar_utveckling",
            title=_("Hållbar utveckling"),
            blocks=hallbar_utveckling_blocks(municipality, year, data.period),
        ),
    ]
    return section
