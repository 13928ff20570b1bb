"""Mål och budget: KF's document for a budget year and its plan years.

Vision, strategic areas with their kommunmål, indicators and target values, the economic
frame (skattesats, skatter och statsbidrag, finansnetto, budgeted result), the financial
goals and the share of kommunmål KF requires, driftramar per nämnd and the
investeringsbudget, each for the budget year and the three plan years.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from redthread.cycle.models import ReportingPeriod
from redthread.finance.models import BudgetYear, CapitalBudget, FinancialGoal
from redthread.goals.models import (
    FulfilmentThreshold,
    Indicator,
    MunicipalGoal,
    StrategicArea,
    Target,
    Vision,
)
from redthread.organisation.models import Body, Municipality
from redthread.reports.document import (
    Column,
    KeyFigure,
    KeyFigures,
    NoData,
    Paragraph,
    Report,
    Row,
    Section,
    Table,
    Value,
)
from redthread.reports.kinds.goalchain import metric_decimals


def build(
    municipality: Municipality,
    year: int,
    body: Body | None = None,
    period: ReportingPeriod | None = None,
) -> Report:
    budget_year = (
        BudgetYear.objects.filter(municipality=municipality, year=year)
        .select_related("decision__body")
        .first()
    )
    goals = list(
        MunicipalGoal.objects.filter(year=year, area__vision__municipality=municipality)
        .select_related("area", "decision__body")
        .order_by("area__order", "area__title", "order", "number", "title")
    )
    if budget_year is None and not goals:
        raise NoData(
            _(
                "Det finns ingen budget och inga kommunmål för %(year)s. Lägg upp budgetåret "
                "under Ekonomi → Budget och årets kommunmål (Röda tråden → Nytt planeringsår) "
                "och försök igen."
            )
            % {"year": year}
        )
    years = budget_year.years if budget_year else [year + i for i in range(4)]
    report = Report(
        kind="mal-och-budget",
        title=_("Mål och budget %(year)s") % {"year": year},
        subtitle=_("med plan för %(first)s–%(last)s") % {"first": years[1], "last": years[-1]},
        municipality=municipality.name,
        year=year,
        period_label=_("Budgetår %(year)s") % {"year": year},
    )
    report.sections.append(_vision_section(municipality, year))
    report.sections.append(_goals_section(municipality, year, goals, years))
    if budget_year is not None:
        report.sections.append(_economy_section(budget_year))
        report.sections.append(_stewardship_section(municipality, year))
        report.sections.append(_frames_section(budget_year))
        report.sections.append(_capital_section(budget_year))
    else:
        report.sections.append(
            Section(
                key="ekonomi",
                title=_("Ekonomiska förutsättningar"),
                blocks=[
                    Paragraph(
                        _(
                            "Budgetåret %(year)s är inte upplagt ännu; driftramar, "
                            "investeringsbudget och skattesats redovisas när det är gjort."
                        )
                        % {"year": year}
                    )
                ],
            )
        )
    return report


def _vision_section(municipality: Municipality, year: int) -> Section:
    section = Section(key="vision", title=_("Vision"))
    vision = Vision.for_year(municipality, year)
    if vision is None:
        section.blocks.append(Paragraph(_("Ingen vision gäller för %(year)s.") % {"year": year}))
        return section
    section.blocks.append(Paragraph(f"{vision.title}: {vision.statement}"))
    if vision.description.strip():
        section.blocks.append(Paragraph(vision.description.strip()))
    areas = list(StrategicArea.objects.filter(vision=vision).order_by("order", "title"))
    if areas:
        table = Table(
            caption=_("Strategiska områden"),
            columns=[Column(_("Strategiskt område")), Column(_("Beskrivning"))],
        )
        for area in areas:
            label = area.title + (_(" (internt område)") if area.is_internal else "")
            table.rows.append(Row([label, area.description]))
        section.blocks.append(table)
    return section


def _goals_section(
    municipality: Municipality, year: int, goals: list[MunicipalGoal], years: list[int]
) -> Section:
    section = Section(key="kommunmal", title=_("Kommunmål och indikatorer"))
    if not goals:
        section.blocks.append(
            Paragraph(_("Inga kommunmål är beslutade för %(year)s.") % {"year": year})
        )
        return section
    indicators = list(
        Indicator.objects.filter(goal__in=goals).order_by("goal_id", "order", "title")
    )
    targets = Target.objects.filter(indicator__in=indicators, year__in=years).effective()
    by_goal: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        by_goal[indicator.goal_id].append(indicator)
    areas: dict[int, list[MunicipalGoal]] = defaultdict(list)
    for goal in goals:
        areas[goal.area_id].append(goal)
    for goal_list in areas.values():
        area = goal_list[0].area
        child = Section(key=f"kommunmal.{area.pk}", title=area.title)
        if area.description.strip():
            child.blocks.append(Paragraph(area.description.strip()))
        chosen = [i for g in goal_list for i in by_goal.get(g.pk, [])]
        decimals = metric_decimals(chosen)
        table = Table(
            caption=_("Kommunmål och målvärden: %(area)s") % {"area": area.title},
            columns=[
                Column(_("Kommunmål och indikator")),
                Column(_("Enhet")),
                *[Column(str(y), "number", decimals) for y in years],
            ],
            source=_("Preliminära målvärden är markerade i texten under tabellen."),
        )
        preliminary: list[str] = []
        for goal in goal_list:
            label = f"{goal.number} {goal.title}".strip()
            period_text = _("gäller %(first)s–%(last)s") % {
                "first": goal.first_year,
                "last": goal.last_year,
            }
            table.rows.append(
                Row([f"{label} ({period_text})", "", *[None] * len(years)], style="heading")
            )
            for indicator in by_goal.get(goal.pk, []):
                values: list[Value] = []
                for target_year in years:
                    target = targets.get(("indicator", indicator.pk, target_year))
                    values.append(target.value if target else None)
                    if target is not None and target.kind == Target.Kind.PRELIMINARY:
                        preliminary.append(f"{indicator.title} {target_year}")
                table.rows.append(Row([indicator.title, indicator.unit_label, *values], level=1))
        if not preliminary:
            table.source = ""
        child.blocks.append(table)
        if preliminary:
            child.blocks.append(
                Paragraph(
                    _("Preliminära målvärden (slutliga beslutas i november): %(list)s.")
                    % {"list": "; ".join(preliminary)}
                )
            )
        for goal in goal_list:
            if goal.description.strip():
                child.blocks.append(
                    Paragraph(f"{goal.number} {goal.title}: {goal.description.strip()}".strip())
                )
        section.children.append(child)
    return section


def _economy_section(budget_year: BudgetYear) -> Section:
    section = Section(key="ekonomi", title=_("Ekonomiska förutsättningar"))
    items = []
    if budget_year.tax_rate is not None:
        items.append(
            KeyFigure(
                _("Skattesats (kr per 100 kr)"), budget_year.tax_rate, kind="number", decimals=2
            )
        )
    items += [
        KeyFigure(_("Skatteintäkter"), budget_year.tax_revenue, "mnkr", "amount", 1),
        KeyFigure(
            _("Generella statsbidrag och utjämning"),
            budget_year.general_grants,
            "mnkr",
            "amount",
            1,
        ),
        KeyFigure(_("Budgeterat resultat"), budget_year.budgeted_result(), "mnkr", "amount", 1),
    ]
    section.blocks.append(KeyFigures(items))
    totals = budget_year.total_budgets()
    net_costs = (
        sum(totals.values())
        if totals
        else sum(f.amount for f in budget_year.operating_frames.filter(year=budget_year.year))
    )
    table = Table(
        caption=_("Budgeterad resultaträkning %(year)s") % {"year": budget_year.year},
        columns=[Column(_("Post")), Column(str(budget_year.year), "amount", 1)],
        unit="mnkr",
        source=budget_year.decision.citation if budget_year.decision else "",
    )
    table.rows += [
        Row([_("Nämndernas nettokostnader (budget)"), -net_costs]),
        Row([_("Gemensamma kostnader utanför nämnderna"), -int(budget_year.central_costs)]),
        Row([_("Skatteintäkter"), int(budget_year.tax_revenue)]),
        Row([_("Generella statsbidrag och utjämning"), int(budget_year.general_grants)]),
        Row([_("Finansnetto"), int(budget_year.financial_net)]),
        Row([_("Budgeterat resultat"), budget_year.budgeted_result()], style="sum"),
    ]
    section.blocks.append(table)
    return section


def _stewardship_section(municipality: Municipality, year: int) -> Section:
    section = Section(key="god_ekonomisk_hushallning", title=_("God ekonomisk hushållning"))
    threshold = (
        FulfilmentThreshold.objects.filter(municipality=municipality, year=year)
        .select_related("decision__body")
        .first()
    )
    if threshold is not None:
        section.blocks.append(
            KeyFigures(
                [
                    KeyFigure(
                        _("Andel kommunmål som ska vara uppfyllda"),
                        threshold.share,
                        kind="share",
                        decimals=0,
                    )
                ]
            )
        )
    goals = list(
        FinancialGoal.objects.filter(municipality=municipality, year=year).select_related(
            "decision__body"
        )
    )
    if goals:
        table = Table(
            caption=_("Finansiella mål %(year)s") % {"year": year},
            columns=[
                Column(_("Mål")),
                Column(_("Målet är")),
                Column(_("Målvärde"), "number", 1),
                Column(_("Enhet")),
            ],
            source=", ".join(sorted({g.decision.citation for g in goals})),
        )
        for goal in goals:
            table.rows.append(
                Row([goal.title, goal.get_comparison_display(), goal.target, goal.unit_label])
            )
        section.blocks.append(table)
    if threshold is None and not goals:
        section.blocks.append(
            Paragraph(
                _(
                    "Kommunfullmäktige har inte beslutat några finansiella mål eller någon andel "
                    "kommunmål för god ekonomisk hushållning %(year)s."
                )
                % {"year": year}
            )
        )
    return section


def _frames_section(budget_year: BudgetYear) -> Section:
    section = Section(key="driftramar", title=_("Driftramar per nämnd"))
    frames = list(budget_year.operating_frames.select_related("body"))
    years = budget_year.years
    by_body: dict[Body, dict[int, int]] = defaultdict(dict)
    for frame in frames:
        by_body[frame.body][frame.year] = int(frame.amount)
    table = Table(
        caption=_("Driftramar %(first)s–%(last)s (nettokostnad)")
        % {"first": years[0], "last": years[-1]},
        columns=[Column(_("Nämnd")), *[Column(str(y), "amount") for y in years]],
        unit="tkr",
        source=budget_year.decision.citation if budget_year.decision else "",
    )
    for body in sorted(by_body, key=lambda b: (b.order, b.name)):
        table.rows.append(Row([body.name, *[by_body[body].get(y) for y in years]]))
    table.rows.append(
        Row(
            [
                _("Summa driftramar"),
                *[sum(values.get(y, 0) for values in by_body.values()) for y in years],
            ],
            style="sum",
        )
    )
    section.blocks.append(table)
    reserve = budget_year.reserve_or_none()
    if reserve is not None:
        section.blocks.append(
            KeyFigures(
                [KeyFigure(_("Ofördelade anslag"), int(reserve.amount), "mnkr", "amount", 1)]
            )
        )
    return section


def _capital_section(budget_year: BudgetYear) -> Section:
    section = Section(key="investeringsbudget", title=_("Investeringsbudget"))
    rows = list(CapitalBudget.objects.filter(budget_year=budget_year).select_related("project"))
    years = budget_year.years
    if not rows:
        section.blocks.append(Paragraph(_("Ingen investeringsbudget är upplagd för året.")))
        return section
    by_project: dict[int, dict[int, int]] = defaultdict(dict)
    labels: dict[int, str] = {}
    for row in rows:
        by_project[row.project_id][row.year] = int(row.amount)
        labels[row.project_id] = f"{row.project.code} {row.project.name}".strip()
    table = Table(
        caption=_("Investeringsbudget %(first)s–%(last)s") % {"first": years[0], "last": years[-1]},
        columns=[Column(_("Projekt")), *[Column(str(y), "amount") for y in years]],
        unit="tkr",
    )
    for project_id in sorted(by_project, key=lambda pk: labels[pk]):
        table.rows.append(
            Row([labels[project_id], *[by_project[project_id].get(y) for y in years]])
        )
    table.rows.append(
        Row(
            [
                _("Summa investeringar"),
                *[sum(v.get(y, 0) for v in by_project.values()) for y in years],
            ],
            style="sum",
        )
    )
    section.blocks.append(table)
    return section
