"""The goal chain in a report: kommunmål with indicators, åtaganden with mått, the written
analyses (follow-up data, not the report's own text) and god ekonomisk hushållning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from redthread.core.charts import Chart, Series
from redthread.core.formatting import percent
from redthread.cycle.models import ReportingPeriod
from redthread.finance import figures
from redthread.goals.evaluation import Evaluation, StewardshipVerdict, evaluate, stewardship_verdict
from redthread.goals.models import Commitment, FollowUp, Indicator, Measure, MunicipalGoal
from redthread.goals.status import Status
from redthread.organisation.models import Body, Municipality
from redthread.reports.document import (
    Block,
    ChartBlock,
    Column,
    KeyFigure,
    KeyFigures,
    NoData,
    Paragraph,
    Row,
    Section,
    Table,
)
from redthread.reports.kinds.common import body_key, has_ledger, period_name

#: Follow-ups whose analysis is shown: sent in for review or approved (as on the goal pages).
SENT = (FollowUp.State.SUBMITTED, FollowUp.State.APPROVED)


@dataclass
class GoalData:
    """The year's kommunmål, indicators, åtaganden and mått, evaluated in one period."""

    year: int
    period: ReportingPeriod | None
    goals: list[MunicipalGoal]
    indicators: list[Indicator]
    commitments: list[Commitment]
    measures: list[Measure]
    evaluation: Evaluation
    verdict: StewardshipVerdict | None = None

    def analysis(self, subject_field: str, pk: int) -> str:
        followup = self.evaluation.followup(subject_field, pk)
        if followup is None or followup.state not in SENT:
            return ""
        return followup.analysis.strip()

    def forecast(self, subject_field: str, pk: int) -> str:
        followup = self.evaluation.followup(subject_field, pk)
        if followup is None or followup.state not in SENT:
            return ""
        return followup.forecast.strip()

    def commitments_of(self, body: Body) -> list[Commitment]:
        return [c for c in self.commitments if c.body_id == body.pk]

    def measures_of(self, commitment: Commitment) -> list[Measure]:
        return [m for m in self.measures if m.commitment_id == commitment.pk]

    def indicators_of(self, goal: MunicipalGoal) -> list[Indicator]:
        return [i for i in self.indicators if i.goal_id == goal.pk]

    def status_counts(self, statuses: Iterable[str]) -> dict[str, int]:
        counts = {s.value: 0 for s in Status}
        for status in statuses:
            counts[status] += 1
        return counts


def goal_data(
    municipality: Municipality,
    year: int,
    period: ReportingPeriod | None,
    *,
    body: Body | None = None,
    verdict: bool = True,
) -> GoalData:
    """Load and evaluate the chain of ``year`` in ``period`` (about a dozen queries)."""
    goals = list(
        MunicipalGoal.objects.filter(year=year, area__vision__municipality=municipality)
        .select_related("area")
        .order_by("area__order", "area__title", "order", "number", "title")
    )
    indicators = list(
        Indicator.objects.filter(goal__in=goals).order_by("goal_id", "order", "title")
    )
    commitments_qs = Commitment.objects.filter(year=year, body__municipality=municipality)
    if body is not None:
        commitments_qs = commitments_qs.filter(body=body)
    commitments = list(
        commitments_qs.select_related("body", "unit")
        .prefetch_related(
            Prefetch("goals", queryset=MunicipalGoal.objects.only("id", "number", "title"))
        )
        .order_by("body__order", "body__name", "order", "title")
    )
    measures = list(
        Measure.objects.filter(commitment__in=commitments).order_by("commitment_id", "order")
    )
    evaluation = evaluate(
        municipality,
        period,
        goals=goals,
        indicators=indicators,
        commitments=commitments,
        measures=measures,
    )
    data = GoalData(year, period, goals, indicators, commitments, measures, evaluation)
    if verdict:
        data.verdict = stewardship_verdict(municipality, year, period, evaluation, goals)
    return data


def metric_decimals(metrics: Sequence[Indicator | Measure]) -> int:
    return max((m.decimals for m in metrics), default=0)


def goals_table(data: GoalData) -> Table:
    """Kommunmål per strategic area with the status that counts in the period."""
    table = Table(
        caption=_("Kommunmål %(year)s") % {"year": data.year},
        columns=[Column(_("Nr")), Column(_("Kommunmål")), Column(_("Status"), "status")],
        source=_("Uppföljning %(period)s") % {"period": period_name(data.period)},
    )
    area_id = None
    for goal in data.goals:
        if goal.area_id != area_id:
            area_id = goal.area_id
            table.rows.append(Row([goal.area.title, "", None], style="heading"))
        table.rows.append(Row([goal.number, goal.title, data.evaluation.goal_status(goal)]))
    return table


def indicators_table(data: GoalData, goals: Sequence[MunicipalGoal] | None = None) -> Table:
    """Each kommunmål's indicators: target value, actual and status in the period."""
    goals = data.goals if goals is None else goals
    chosen = [i for g in goals for i in data.indicators_of(g)]
    decimals = metric_decimals(chosen)
    table = Table(
        caption=_("Indikatorer %(year)s") % {"year": data.year},
        columns=[
            Column(_("Indikator")),
            Column(_("Enhet")),
            Column(_("Målvärde"), "number", decimals),
            Column(_("Utfall"), "number", decimals),
            Column(_("Status"), "status"),
        ],
    )
    for goal in goals:
        indicators = data.indicators_of(goal)
        if not indicators:
            continue
        if len(goals) > 1:  # one goal's table sits under the goal's own heading
            table.rows.append(
                Row([f"{goal.number} {goal.title}".strip(), "", None, None, None], style="heading")
            )
        for indicator in indicators:
            state = data.evaluation.metric(indicator)
            table.rows.append(
                Row(
                    [
                        indicator.title,
                        indicator.unit_label,
                        state.target.value if state.target else None,
                        state.actual.value if state.actual else None,
                        data.evaluation.status_of("indicator", indicator.pk),
                    ],
                    level=1 if len(goals) > 1 else 0,
                )
            )
    return table


def goal_share_figures(data: GoalData) -> KeyFigures:
    """How many kommunmål are fulfilled (green), partly (yellow), not (red), not assessed."""
    counts = data.status_counts(data.evaluation.goal_status(g) for g in data.goals)
    total = len(data.goals)
    items = [
        KeyFigure(_("Kommunmål"), total),
        KeyFigure(_("Uppfyllda"), counts[Status.GREEN]),
        KeyFigure(_("Delvis uppfyllda"), counts[Status.YELLOW]),
        KeyFigure(_("Inte uppfyllda"), counts[Status.RED]),
        KeyFigure(_("Inte bedömda"), counts[Status.NONE]),
    ]
    if total:
        items.append(
            KeyFigure(
                _("Andel uppfyllda kommunmål"),
                Decimal(counts[Status.GREEN]) / Decimal(total),
                kind="share",
                decimals=0,
            )
        )
    return KeyFigures(items)


def goal_sections(data: GoalData, key: str) -> list[Section]:
    """One section per strategic area: its kommunmål, indicators and written analyses."""
    sections = []
    areas: dict[int, list[MunicipalGoal]] = defaultdict(list)
    titles: dict[int, str] = {}
    for goal in data.goals:
        areas[goal.area_id].append(goal)
        titles[goal.area_id] = goal.area.title
    for area_id, goals in areas.items():
        section = Section(key=f"{key}.{area_id}", title=titles[area_id])
        for goal in goals:
            status = data.evaluation.goal_status(goal)
            child = Section(
                key=f"{key}.{area_id}.{goal.lineage}",
                title=f"{goal.number} {goal.title}".strip(),
            )
            child.blocks.append(KeyFigures([KeyFigure(_("Status"), status.value, kind="status")]))
            if data.indicators_of(goal):
                child.blocks.append(indicators_table(data, [goal]))
            child.blocks.extend(_written("goal", goal.pk, data))
            section.children.append(child)
        sections.append(section)
    return sections


def _written(subject_field: str, pk: int, data: GoalData) -> list[Block]:
    blocks: list[Block] = []
    analysis = data.analysis(subject_field, pk)
    if analysis:
        blocks.append(Paragraph(analysis))
    is_year_end = data.period is not None and data.period.kind == ReportingPeriod.Kind.ANNUAL
    forecast = "" if is_year_end else data.forecast(subject_field, pk)
    if forecast:
        blocks.append(Paragraph(_("Prognos för helåret: %(text)s") % {"text": forecast}))
    return blocks


def commitments_table(data: GoalData, body: Body) -> Table:
    """The nämnd's åtaganden with the kommunmål they serve, their mått and status."""
    commitments = data.commitments_of(body)
    measures = [m for c in commitments for m in data.measures_of(c)]
    decimals = metric_decimals(measures)
    table = Table(
        caption=_("Åtaganden %(year)s: %(body)s") % {"year": data.year, "body": body.name},
        columns=[
            Column(_("Åtagande och mått")),
            Column(_("Kommunmål")),
            Column(_("Målvärde"), "number", decimals),
            Column(_("Utfall"), "number", decimals),
            Column(_("Status"), "status"),
        ],
    )
    for commitment in commitments:
        numbers = ", ".join(g.number or g.title for g in commitment.goals.all())
        table.rows.append(
            Row(
                [
                    commitment.title,
                    numbers,
                    None,
                    None,
                    data.evaluation.commitment_status(commitment),
                ]
            )
        )
        for measure in data.measures_of(commitment):
            state = data.evaluation.metric(measure)
            table.rows.append(
                Row(
                    [
                        measure.title,
                        "",
                        state.target.value if state.target else None,
                        state.actual.value if state.actual else None,
                        data.evaluation.status_of("measure", measure.pk),
                    ],
                    level=1,
                )
            )
    return table


def commitment_analyses(data: GoalData, body: Body) -> list[Section]:
    """The analysis written for each of the nämnd's åtaganden, as its own small section."""
    sections = []
    for commitment in data.commitments_of(body):
        blocks = _written("commitment", commitment.pk, data)
        if blocks:
            sections.append(
                Section(
                    key=f"{body_key(body)}.ataganden.{commitment.lineage}",
                    title=commitment.title,
                    blocks=blocks,
                )
            )
    return sections


def commitment_summary_table(data: GoalData, bodies: Sequence[Body]) -> Table:
    """Per nämnd: how many åtaganden are green, yellow, red or not assessed."""
    table = Table(
        caption=_("Nämndernas åtaganden %(year)s") % {"year": data.year},
        columns=[
            Column(_("Nämnd")),
            Column(_("Åtaganden"), "number"),
            Column(_("Uppfyllda"), "number"),
            Column(_("Delvis uppfyllda"), "number"),
            Column(_("Inte uppfyllda"), "number"),
            Column(_("Inte bedömda"), "number"),
        ],
    )
    total = {s.value: 0 for s in Status}
    count = 0
    for body in bodies:
        commitments = data.commitments_of(body)
        if not commitments:
            continue
        counts = data.status_counts(data.evaluation.commitment_status(c) for c in commitments)
        for status, n in counts.items():
            total[status] += n
        count += len(commitments)
        table.rows.append(
            Row(
                [
                    body.name,
                    len(commitments),
                    counts[Status.GREEN],
                    counts[Status.YELLOW],
                    counts[Status.RED],
                    counts[Status.NONE],
                ]
            )
        )
    table.rows.append(
        Row(
            [
                _("Summa"),
                count,
                total[Status.GREEN],
                total[Status.YELLOW],
                total[Status.RED],
                total[Status.NONE],
            ],
            style="sum",
        )
    )
    return table


def stewardship_blocks(verdict: StewardshipVerdict, *, interim: bool = False) -> list[Block]:
    """God ekonomisk hushållning: the kommunmål part against KF's threshold, and the financial goals.

    ``interim``: the delårsrapport's verdict is an assessment of where the year is heading.
    """
    blocks: list[Block] = []
    items = [
        KeyFigure(_("Uppfyllda kommunmål"), verdict.fulfilled),
        KeyFigure(_("Kommunmål"), verdict.total),
    ]
    if verdict.share is not None:
        items.append(
            KeyFigure(_("Andel uppfyllda kommunmål"), verdict.share, kind="share", decimals=0)
        )
    if verdict.required_share is not None:
        items.append(
            KeyFigure(
                _("Andel som ska uppfyllas enligt KF"),
                verdict.required_share,
                kind="share",
                decimals=0,
            )
        )
    blocks.append(KeyFigures(items))
    if verdict.required_share is None:
        blocks.append(
            Paragraph(
                _(
                    "Kommunfullmäktige har inte beslutat hur stor andel av kommunmålen som ska "
                    "vara uppfyllda för %(year)s."
                )
                % {"year": verdict.year}
            )
        )
    elif verdict.achieved is not None:
        text = (
            _(
                "%(fulfilled)s av %(total)s kommunmål är uppfyllda, %(share)s. Kommunfullmäktige "
                "har beslutat att minst %(required)s ska vara uppfyllda (%(decision)s)."
            )
            if verdict.achieved
            else _(
                "%(fulfilled)s av %(total)s kommunmål är uppfyllda, %(share)s. Det är mindre än "
                "de minst %(required)s som kommunfullmäktige har beslutat (%(decision)s)."
            )
        )
        blocks.append(
            Paragraph(
                text
                % {
                    "fulfilled": verdict.fulfilled,
                    "total": verdict.total,
                    "share": percent((verdict.share or 0) * 100, 0),
                    "required": percent(verdict.required_share * 100, 0),
                    "decision": getattr(verdict.decision, "citation", ""),
                }
            )
        )
    if verdict.financial_goals:
        blocks.append(financial_goals_table(verdict.financial_goals, verdict.year))
    if verdict.overall is not None:
        if interim:
            text = (
                _("Utfallet hittills pekar mot en god ekonomisk hushållning %(year)s.")
                if verdict.overall
                else _(
                    "Utfallet hittills pekar mot att kommunen inte når god ekonomisk hushållning %(year)s."
                )
            )
        else:
            text = (
                _("Sammantaget har kommunen en god ekonomisk hushållning %(year)s.")
                if verdict.overall
                else _("Sammantaget har kommunen inte nått god ekonomisk hushållning %(year)s.")
            )
        blocks.append(Paragraph(text % {"year": verdict.year}))
    return blocks


def financial_goals_table(goals: Sequence[dict[str, Any]], year: int) -> Table:
    """KF's financial goals: target, outcome and whether each is met."""
    table = Table(
        caption=_("Finansiella mål %(year)s") % {"year": year},
        columns=[
            Column(_("Mål")),
            Column(_("Målvärde"), "number", 1),
            Column(_("Utfall"), "number", 1),
            Column(_("Enhet")),
            Column(_("Status"), "status"),
        ],
        source=", ".join(sorted({g["decision"] for g in goals if g.get("decision")})),
    )
    for goal in goals:
        fulfilled = goal.get("fulfilled")
        status = "none" if fulfilled is None else ("green" if fulfilled else "red")
        table.rows.append(
            Row([goal["title"], goal["target"], goal["actual"], goal.get("unit", ""), status])
        )
    return table


def require_year_data(municipality: Municipality, year: int, data: GoalData, what: str) -> None:
    """NoData when the year has neither a ledger nor kommunmål to report on."""
    if not data.goals and not has_ledger(municipality, year):
        raise NoData(
            _(
                "Det finns inget att redovisa i %(what)s för %(year)s: varken kommunmål eller "
                "bokfört utfall för året. Lägg in årets kommunmål och läs in huvudboken "
                "(Ekonomi → Huvudbok → Läs in) och försök igen."
            )
            % {"what": what, "year": year}
        )


def bodies_in_report(
    municipality: Municipality, data: GoalData | None, report: figures.MonthReport | None
) -> list[Body]:
    """The nämnder a report has a section for: those with a budget, outcome or åtaganden."""
    ids: dict[int, Body] = {}
    if report is not None:
        for row in report.rows:
            if row.body is not None:
                ids[row.body.pk] = row.body
    if data is not None:
        for commitment in data.commitments:
            ids.setdefault(commitment.body_id, commitment.body)
    return sorted(ids.values(), key=lambda b: (b.order, b.name))


def goal_share_chart(
    municipality: Municipality, year: int, kind: str, years: int = 4
) -> Chart | None:
    """The share of kommunmål fulfilled in the same period (delår or helår) of recent years.

    None when fewer than two years have kommunmål: one point makes no line. A fixed number
    of queries per year shown, none per goal.
    """
    first = year - years + 1
    goals = list(
        MunicipalGoal.objects.filter(
            year__gte=first, year__lte=year, area__vision__municipality=municipality
        )
    )
    by_year: dict[int, list[MunicipalGoal]] = defaultdict(list)
    for goal in goals:
        by_year[goal.year].append(goal)
    if len(by_year) < 2:
        return None
    indicators = list(Indicator.objects.filter(goal__in=goals))
    periods = {
        p.year: p
        for p in ReportingPeriod.objects.filter(
            municipality=municipality, kind=kind, year__in=list(by_year)
        ).order_by("end_date")
    }
    labels: list[str] = []
    shares: list[Decimal | float | int | None] = []
    for goal_year in sorted(by_year):
        chosen = by_year[goal_year]
        ids = {g.pk for g in chosen}
        evaluation = evaluate(
            municipality,
            periods.get(goal_year),
            goals=chosen,
            indicators=[i for i in indicators if i.goal_id in ids],
        )
        green = sum(1 for g in chosen if evaluation.goal_status(g) == Status.GREEN)
        labels.append(str(goal_year))
        shares.append(Decimal(green * 100) / Decimal(len(chosen)))
    return Chart(
        title=_("Andel uppfyllda kommunmål"),
        labels=labels,
        series=[Series(_("Andel uppfyllda kommunmål"), shares)],
        unit="%",
        decimals=0,
    )


def goal_blocks(municipality: Municipality, year: int, data: GoalData, kind: str) -> list[Block]:
    """Key figures, the share fulfilled over recent years (when there are several) and the list."""
    blocks: list[Block] = [goal_share_figures(data)]
    chart = goal_share_chart(municipality, year, kind)
    if chart is not None:
        blocks.append(ChartBlock(chart))
    blocks.append(goals_table(data))
    return blocks
