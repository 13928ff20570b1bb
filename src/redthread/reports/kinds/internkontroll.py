"""Internkontrollrapport for a year: for one nämnd, or for the whole municipality as
kommunstyrelsen evaluates it (seed 2.5).

Per nämnd: the plan and its decision, each kontrollmoment with its results per reporting
occasion, the deviations found and the actions taken. For the municipality also the figures
per nämnd, kommunstyrelsen's common control points and its evaluation.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from redthread.control.models import (
    Action,
    CommonControlPoint,
    ControlPlan,
    ControlPoint,
    ControlResult,
    Deviation,
    Evaluation,
    bodies_with_control,
)
from redthread.core.formatting import date as format_date
from redthread.cycle.models import ReportingPeriod
from redthread.organisation.models import Body, Municipality
from redthread.reports.document import (
    Block,
    Column,
    NoData,
    Paragraph,
    Report,
    Row,
    Section,
    Table,
)
from redthread.reports.kinds.common import body_key, period_label
from redthread.reports.kinds.results import control_statuses, control_table


def build(
    municipality: Municipality,
    year: int,
    body: Body | None = None,
    period: ReportingPeriod | None = None,
) -> Report:
    bodies = [body] if body is not None else list(bodies_with_control(municipality))
    plans = list(
        ControlPlan.objects.filter(body__in=bodies, year=year)
        .select_related("body", "decision__body")
        .order_by("body__order", "body__name")
    )
    if not plans:
        raise NoData(
            _(
                "Det finns ingen internkontrollplan för %(year)s%(body)s. Nämnden beslutar "
                "planen under Internkontroll → Planer; skapa rapporten när den finns."
            )
            % {"year": year, "body": f" ({body.name})" if body else ""}
        )
    report = Report(
        kind="internkontroll",
        title=_("Internkontrollrapport %(year)s") % {"year": year},
        municipality=municipality.name,
        body=body.name if body else "",
        year=year,
        period_label=period_label(year, 12),
    )
    statuses = control_statuses(municipality, year, bodies)
    report.sections.append(
        Section(key="oversikt", title=_("Översikt"), blocks=[control_table(statuses, year)])
    )
    blocks = plans_blocks(plans)
    if body is not None:
        report.sections.append(
            Section(
                key="plan", title=_("Internkontrollplanens resultat"), blocks=blocks[plans[0].pk]
            )
        )
        return report
    report.sections.append(
        Section(
            key="namnder",
            title=_("Nämndernas internkontroll"),
            children=[
                Section(
                    key=f"{body_key(plan.body)}.internkontroll",
                    title=plan.body.name,
                    blocks=blocks[plan.pk],
                )
                for plan in plans
            ],
        )
    )
    report.sections.append(_common_points(municipality, year))
    report.sections.append(_evaluation(municipality, year))
    return report


def plan_blocks(plan: ControlPlan) -> list[Block]:
    return plans_blocks([plan])[plan.pk]


def plans_blocks(plans: list[ControlPlan]) -> dict[int, list[Block]]:
    """Per plan: its decision, control points with results, deviations and actions.

    Four queries for any number of plans.
    """
    points = list(
        ControlPoint.objects.filter(plan__in=plans)
        .select_related("responsible", "common_source")
        .prefetch_related(
            Prefetch(
                "results",
                queryset=ControlResult.objects.select_related("period").order_by(
                    "period__end_date"
                ),
            )
        )
    )
    deviations = list(
        Deviation.objects.filter(result__point__plan__in=plans)
        .select_related("result__point", "result__period")
        .prefetch_related(
            Prefetch("actions", queryset=Action.objects.select_related("owner").order_by("due_on"))
        )
        .order_by("-severity", "pk")
    )
    by_plan: dict[int, list[ControlPoint]] = defaultdict(list)
    for point in points:
        by_plan[point.plan_id].append(point)
    deviations_by_plan: dict[int, list[Deviation]] = defaultdict(list)
    for deviation in deviations:
        deviations_by_plan[deviation.result.point.plan_id].append(deviation)
    result: dict[int, list[Block]] = {}
    for plan in plans:
        blocks: list[Block] = []
        if plan.decision is not None:
            blocks.append(
                Paragraph(
                    _("Internkontrollplanen beslutades %(decision)s.")
                    % {"decision": plan.decision.citation}
                )
            )
        else:
            blocks.append(Paragraph(_("Internkontrollplanen är inte beslutad.")))
        table = Table(
            caption=_("Kontrollmoment och resultat"),
            columns=[
                Column(_("Kontrollmoment")),
                Column(_("Metod")),
                Column(_("Frekvens")),
                Column(_("Ansvarig")),
                Column(_("Resultat")),
                Column(_("Status"), "status"),
            ],
        )
        for point in by_plan.get(plan.pk, []):
            results = list(point.results.all())
            outcome = "; ".join(
                f"{r.period.label}: {r.get_outcome_display()}" for r in results
            ) or _("Inte rapporterat")
            done = [r for r in results if r.outcome == ControlResult.Outcome.DONE]
            status = "none" if not results else ("green" if len(done) == len(results) else "red")
            title = point.title + (_(" (gemensamt)") if point.common_source_id else "")
            table.rows.append(
                Row(
                    [
                        title,
                        point.method,
                        point.get_frequency_display(),
                        str(point.responsible) if point.responsible else "",
                        outcome,
                        status,
                    ]
                )
            )
        blocks.append(table)
        findings = [
            (point, r)
            for point in by_plan.get(plan.pk, [])
            for r in point.results.all()
            if r.findings.strip()
        ]
        for point, control_result in findings:
            blocks.append(
                Paragraph(
                    f"{point.title}, {control_result.period.label}: {control_result.findings.strip()}"
                )
            )
        plan_deviations = deviations_by_plan.get(plan.pk, [])
        if plan_deviations:
            deviation_table = Table(
                caption=_("Avvikelser och åtgärder"),
                columns=[
                    Column(_("Kontrollmoment")),
                    Column(_("Avvikelse")),
                    Column(_("Allvarlighet")),
                    Column(_("Åtgärd")),
                    Column(_("Ansvarig")),
                    Column(_("Klar senast")),
                    Column(_("Läge")),
                ],
            )
            for deviation in plan_deviations:
                actions = list(deviation.actions.all())
                first = actions[0] if actions else None
                deviation_table.rows.append(
                    Row(
                        [
                            deviation.result.point.title,
                            deviation.description,
                            deviation.get_severity_display(),
                            first.title if first else _("Ingen åtgärd beslutad"),
                            str(first.owner) if first else "",
                            format_date(first.due_on) if first else "",
                            first.get_status_display() if first else "",
                        ]
                    )
                )
                for action in actions[1:]:
                    deviation_table.rows.append(
                        Row(
                            [
                                "",
                                "",
                                "",
                                action.title,
                                str(action.owner),
                                format_date(action.due_on),
                                action.get_status_display(),
                            ]
                        )
                    )
            blocks.append(deviation_table)
        else:
            blocks.append(Paragraph(_("Kontrollerna har inte funnit några avvikelser.")))
        result[plan.pk] = blocks
    return result


def _common_points(municipality: Municipality, year: int) -> Section:
    section = Section(key="gemensamma", title=_("Kommunstyrelsens gemensamma kontrollmoment"))
    commons = list(
        CommonControlPoint.objects.filter(municipality=municipality, year=year).select_related(
            "decision__body"
        )
    )
    if not commons:
        section.blocks.append(
            Paragraph(
                _("Kommunstyrelsen har inte beslutat några gemensamma kontrollmoment för %(year)s.")
                % {"year": year}
            )
        )
        return section
    done: dict[int, tuple[int, int]] = {}
    for common_id, outcome in ControlResult.objects.filter(
        point__common_source__in=commons
    ).values_list("point__common_source_id", "outcome"):
        total, ok = done.get(common_id, (0, 0))
        done[common_id] = (total + 1, ok + (outcome == ControlResult.Outcome.DONE))
    table = Table(
        caption=_("Gemensamma kontrollmoment %(year)s") % {"year": year},
        columns=[
            Column(_("Kontrollmoment")),
            Column(_("Metod")),
            Column(_("Rapporterade kontroller"), "number"),
            Column(_("Genomförda"), "number"),
        ],
        source=", ".join(sorted({c.decision.citation for c in commons if c.decision})),
    )
    for common in commons:
        total, ok = done.get(common.pk, (0, 0))
        table.rows.append(Row([common.title, common.method, total, ok]))
    section.blocks.append(table)
    return section


def _evaluation(municipality: Municipality, year: int) -> Section:
    section = Section(key="utvardering", title=_("Kommunstyrelsens utvärdering"))
    evaluation = (
        Evaluation.objects.filter(municipality=municipality, year=year)
        .select_related("decision__body")
        .first()
    )
    if evaluation is None or not evaluation.conclusions.strip():
        section.blocks.append(
            Paragraph(
                _("Kommunstyrelsen har inte skrivit sin utvärdering av %(year)s ännu.")
                % {"year": year}
            )
        )
        return section
    section.blocks.append(Paragraph(evaluation.conclusions.strip()))
    if evaluation.decision is not None:
        section.blocks.append(
            Paragraph(_("Beslut: %(decision)s.") % {"decision": evaluation.decision.citation})
        )
    return section
