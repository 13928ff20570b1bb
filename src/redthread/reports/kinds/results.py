"""Follow-up beyond the goal chain: internkontroll, kvalitet, hållbar utveckling, and the
section each nämnd has in a municipal report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from redthread.control.models import ControlSettings, bodies_with_control
from redthread.control.overview import BodyStatus, body_statuses
from redthread.cycle.models import ReportingPeriod
from redthread.finance import figures
from redthread.goals.status import Status
from redthread.organisation.models import Body, Municipality
from redthread.reports.document import (
    Block,
    Column,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Row,
    Section,
    Table,
)
from redthread.reports.kinds.common import body_key
from redthread.reports.kinds.goalchain import GoalData, commitment_analyses, commitments_table


def control_statuses(
    municipality: Municipality, year: int, bodies: Sequence[Body] | None = None
) -> list[BodyStatus]:
    chosen = list(bodies) if bodies is not None else list(bodies_with_control(municipality))
    settings = ControlSettings.for_municipality(municipality)
    return body_statuses(chosen, year, settings, today=_control_day(year))


def _control_day(year: int) -> dt.date:
    """Controls count as due up to today, and at most up to 31 March after the year (when the
    årsredovisning is made), so a report rebuilt later counts the same controls as due."""
    today = timezone.localdate()
    return min(today, dt.date(year + 1, 3, 31))


def control_table(statuses: Sequence[BodyStatus], year: int) -> Table:
    """Per nämnd: plan, control points, controls done of those due, deviations, actions."""
    table = Table(
        caption=_("Internkontroll %(year)s per nämnd") % {"year": year},
        columns=[
            Column(_("Nämnd")),
            Column(_("Internkontrollplan")),
            Column(_("Kontrollmoment"), "number"),
            Column(_("Varav gemensamma"), "number"),
            Column(_("Kontroller att göra"), "number"),
            Column(_("Genomförda"), "number"),
            Column(_("Avvikelser"), "number"),
            Column(_("Varav allvarliga"), "number"),
            Column(_("Öppna åtgärder"), "number"),
            Column(_("Status"), "status"),
        ],
    )
    for status in statuses:
        table.rows.append(
            Row(
                [
                    status.body.name,
                    str(status.plan_status.label),
                    status.points,
                    status.common_points,
                    status.due,
                    status.done,
                    status.deviations,
                    status.serious_deviations,
                    status.open_actions,
                    status.overall_css.removeprefix("status-"),
                ]
            )
        )
    return table


def quality_blocks(municipality: Municipality, year: int) -> list[Block]:
    """Förbättringsförslag per förvaltning and kvalitetsdeklarationer with promises kept."""
    from redthread.quality.accounting import proposal_statistics
    from redthread.quality.models import ServiceDeclaration
    from redthread.quality.promises import promise_results

    rows, total = proposal_statistics(municipality, year)
    proposals = Table(
        caption=_("Förbättringsförslag %(year)s") % {"year": year},
        columns=[
            Column(_("Förvaltning")),
            Column(_("Inkomna"), "number"),
            Column(_("På förbättringshjulet"), "number"),
            Column(_("Införda"), "number"),
            Column(_("Med utvärderad effekt"), "number"),
            Column(_("Avslagna"), "number"),
        ],
    )
    for figures_row in [*rows, total]:
        proposals.rows.append(
            Row(
                [
                    figures_row.unit.name if figures_row.unit else _("Hela kommunen"),
                    figures_row.submitted,
                    figures_row.on_the_wheel,
                    figures_row.adopted,
                    figures_row.with_effect,
                    figures_row.declined,
                ],
                style="normal" if figures_row.unit else "sum",
            )
        )
    blocks: list[Block] = [proposals]
    declarations = list(
        ServiceDeclaration.objects.filter(body__municipality=municipality)
        .select_related("body")
        .prefetch_related("promises__measure")
        .order_by("body__order", "body__name")
    )
    in_force = [d for d in declarations if d.state == ServiceDeclaration.State.IN_FORCE]
    if in_force:
        promises = [p for d in in_force for p in d.promises.all()]
        results = promise_results(promises, municipality)
        table = Table(
            caption=_("Kvalitetsdeklarationer och löften %(year)s") % {"year": year},
            columns=[
                Column(_("Kvalitetsdeklaration")),
                Column(_("Nämnd")),
                Column(_("Löften"), "number"),
                Column(_("Följs upp"), "number"),
                Column(_("Hölls"), "number"),
            ],
        )
        for declaration in in_force:
            kept = measured = 0
            for promise in declaration.promises.all():
                in_year = [r for r in results.get(promise.pk, []) if r.period.year == year]
                if in_year:
                    measured += 1
                    kept += in_year[0].status == Status.GREEN
            table.rows.append(
                Row(
                    [
                        str(declaration),
                        declaration.body.name,
                        len(declaration.promises.all()),
                        measured,
                        kept,
                    ]
                )
            )
        blocks.append(table)
    return blocks


def body_section(
    body: Body,
    *,
    data: GoalData,
    row: figures.ReportRow | None,
    control: BodyStatus | None,
    forecast: bool = False,
) -> Section:
    """A nämnd's own section in a municipal report: economy, åtaganden, internal control."""
    key = body_key(body)
    section = Section(key=key, title=body.name)
    if row is not None:
        items = [
            KeyFigure(_("Budget"), row.budget, "mnkr", "amount", 1),
            KeyFigure(_("Utfall"), row.actual, "mnkr", "amount", 1),
        ]
        if forecast:
            items.append(KeyFigure(_("Budget hittills"), row.budget_to_date, "mnkr", "amount", 1))
            items.append(KeyFigure(_("Avvikelse hittills"), row.deviation, "mnkr", "amount", 1))
            if row.forecast is not None:
                items.append(KeyFigure(_("Prognos helår"), row.forecast, "mnkr", "amount", 1))
                items.append(
                    KeyFigure(
                        _("Prognostiserad avvikelse"), row.forecast_deviation, "mnkr", "amount", 1
                    )
                )
        else:
            items.append(KeyFigure(_("Avvikelse"), row.budget - row.actual, "mnkr", "amount", 1))
        economy = Section(key=f"{key}.ekonomi", title=_("Ekonomi"), blocks=[KeyFigures(items)])
        if forecast and row.forecast_comment.strip():
            economy.blocks.append(Paragraph(row.forecast_comment.strip()))
        section.children.append(economy)
    if data.commitments_of(body):
        goals = Section(
            key=f"{key}.ataganden",
            title=_("Åtaganden"),
            blocks=[commitments_table(data, body)],
            children=commitment_analyses(data, body),
        )
        section.children.append(goals)
    if control is not None:
        section.children.append(
            Section(
                key=f"{key}.internkontroll",
                title=_("Internkontroll"),
                blocks=[
                    KeyFigures(
                        [
                            KeyFigure(
                                _("Internkontrollplan"), str(control.plan_status.label), kind="text"
                            ),
                            KeyFigure(_("Kontrollmoment"), control.points),
                            KeyFigure(_("Genomförda kontroller"), control.done),
                            KeyFigure(_("Kontroller att göra"), control.due),
                            KeyFigure(_("Avvikelser"), control.deviations),
                            KeyFigure(_("Öppna åtgärder"), control.open_actions),
                        ]
                    )
                ],
            )
        )
    return section


def hallbar_utveckling_blocks(
    municipality: Municipality, year: int, period: ReportingPeriod | None
) -> list[Block]:
    """The strategic networks' actions across förvaltningar and the social investment fund."""
    from redthread.finance.models import FundApplication, FundCost
    from redthread.goals.evaluation import followups_for
    from redthread.goals.models import StrategicAction

    blocks: list[Block] = []
    actions = list(
        StrategicAction.objects.filter(year=year, network__municipality=municipality)
        .select_related("network", "goal")
        .order_by("goal__number", "title")
    )
    if actions:
        followups = followups_for(period, strategic_action=[a.pk for a in actions])
        table = Table(
            caption=_("Strategiska åtgärder %(year)s") % {"year": year},
            columns=[
                Column(_("Åtgärd")),
                Column(_("Nätverk")),
                Column(_("Kommunmål")),
                Column(_("Genomfört"), "percent", 0),
                Column(_("Status"), "status"),
            ],
        )
        for action in actions:
            followup = followups.get(("strategic_action", action.pk))
            table.rows.append(
                Row(
                    [
                        action.title,
                        action.network.name,
                        action.goal.number or action.goal.title,
                        action.progress,
                        followup.status if followup else "none",
                    ]
                )
            )
        blocks.append(table)
    applications = list(
        FundApplication.objects.filter(
            fund__municipality=municipality,
            state__in=[FundApplication.State.APPROVED, FundApplication.State.COMPLETED],
            start_year__lte=year,
            end_year__gte=year,
        ).order_by("title")
    )
    if applications:
        costs = dict(
            FundCost.objects.filter(application__in=applications, year=year)
            .values_list("application_id")
            .annotate(total=Sum("amount"))
            .values_list("application_id", "total")
        )
        table = Table(
            caption=_("Social investeringsfond: insatser %(year)s") % {"year": year},
            columns=[
                Column(_("Insats")),
                Column(_("Målgrupp")),
                Column(_("Beviljat"), "amount"),
                Column(_("Kostnad under året"), "amount"),
            ],
            unit="tkr",
        )
        for application in applications:
            table.rows.append(
                Row(
                    [
                        application.title,
                        application.target_group,
                        int(application.budget),
                        int(costs.get(application.pk) or 0),
                    ]
                )
            )
        blocks.append(table)
    return blocks
