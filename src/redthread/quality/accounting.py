"""Figures of quality work: proposals per förvaltning, and a nämnd's kvalitetsredovisning.

Seed 2.4: "I kvalitetsredovisningen sker en uppföljning av nämndernas arbete med
verksamhetsutveckling." Everything here is computed from the registers, in a fixed number
of queries, so the figures the nämnd reads are the figures the registers hold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse

from redthread.organisation.models import Body, Municipality, Unit
from redthread.quality.models import (
    CLOSED_STAGES,
    WHEEL,
    ImprovementProposal,
    Process,
    ServiceDeclaration,
    Stage,
    Survey,
    SurveyResult,
)
from redthread.quality.promises import PromiseResult, promise_results

# The synpunkt form of the feedback app, when it is there; the query parameter names the service.
SYNPUNKT_URL_NAMES = ("feedback:submit", "feedback:public_form", "feedback:form", "feedback:new")
SYNPUNKT_FALLBACK = "/synpunkter/"
SERVICE_PARAMETER = "service"


def synpunkt_url(code: str = "") -> str:
    """The public synpunkt form, with the service chosen: ``/synpunkter/...?service=hemtjanst``."""
    base = SYNPUNKT_FALLBACK
    for name in SYNPUNKT_URL_NAMES:
        try:
            base = reverse(name)
            break
        except NoReverseMatch:
            continue
    return f"{base}?{SERVICE_PARAMETER}={code}" if code else base


@dataclass
class AccountSection:
    """A section another app adds to the kvalitetsredovisning, e.g. the feedback app's synpunkter.

    ``rows`` are (label, value) pairs already formatted for reading; ``url`` leads to more.
    """

    title: str
    rows: list[tuple[str, str]]
    text: str = ""
    url: str = ""


AccountProvider = Callable[[Body, int], "AccountSection | None"]
ACCOUNT_SECTIONS: list[AccountProvider] = []


def register_account_section(provider: AccountProvider) -> AccountProvider:
    """For apps below quality (feedback): add figures to every nämnd's kvalitetsredovisning."""
    ACCOUNT_SECTIONS.append(provider)
    return provider


@dataclass
class ProposalFigures:
    """Proposals of a förvaltning (or any set): submitted, where they are, and what came of them."""

    unit: Unit | None = None
    submitted: int = 0
    new: int = 0
    on_the_wheel: int = 0
    adopted: int = 0
    declined: int = 0
    with_effect: int = 0
    by_stage: Counter[str] = field(default_factory=Counter)

    def add(self, proposal: Any) -> None:
        self.submitted += 1
        self.by_stage[proposal.stage] += 1
        if proposal.stage == Stage.NEW:
            self.new += 1
        elif proposal.stage in WHEEL:
            self.on_the_wheel += 1
        elif proposal.stage == Stage.DONE:
            self.adopted += 1
        elif proposal.stage in CLOSED_STAGES:
            self.declined += 1
        if proposal.effect.strip():
            self.with_effect += 1


def proposal_statistics(
    municipality: Municipality, year: int
) -> tuple[list[ProposalFigures], ProposalFigures]:
    """Per förvaltning (and in total), the year's proposals: two queries."""
    roots = {
        u.pk: u
        for u in Unit.objects.filter(municipality=municipality, parent__isnull=True).order_by(
            "order", "name"
        )
    }
    rows = {pk: ProposalFigures(unit=unit) for pk, unit in roots.items()}
    total = ProposalFigures()
    proposals = ImprovementProposal.objects.filter(
        unit__municipality=municipality, submitted_on__year=year
    ).only("stage", "effect", "unit__path")
    for proposal in proposals.select_related("unit"):
        row = rows.get(proposal.unit.root_id)
        if row is not None:
            row.add(proposal)
        total.add(proposal)
    return [r for r in rows.values() if r.submitted], total


def serving_units(body: Body) -> list[Unit]:
    return list(Unit.objects.filter(serves=body).order_by("order", "name"))


def _in_units(prefix: str, units: list[Unit]) -> Q:
    condition = Q(pk__in=[])
    for unit in units:
        condition |= Q(**{f"{prefix}path__startswith": unit.path})
    return condition


@dataclass
class DeclarationRow:
    declaration: ServiceDeclaration
    promises: list[tuple[Any, PromiseResult | None]]

    @property
    def kept(self) -> int:
        return sum(1 for _p, r in self.promises if r is not None and r.status == "green")

    @property
    def measured(self) -> int:
        return sum(1 for _p, r in self.promises if r is not None)


@dataclass
class QualityAccount:
    """What the kvalitetsredovisning of a nämnd for a year reports, besides its own text."""

    body: Body
    year: int
    units: list[Unit]
    proposals: ProposalFigures
    adopted: list[ImprovementProposal]
    processes: list[Process]
    process_kinds: Counter[str]
    declarations: list[DeclarationRow]
    surveys: list[tuple[Survey, list[SurveyResult]]]
    sections: list[AccountSection]
    synpunkt_url: str


def quality_account(body: Body, year: int) -> QualityAccount:
    """The kvalitetsredovisning's figures for ``body`` in ``year``: a fixed number of queries."""
    units = serving_units(body)
    in_units = _in_units("unit__", units)
    proposals = list(
        ImprovementProposal.objects.filter(in_units, submitted_on__year=year).select_related("unit")
    )
    figures = ProposalFigures()
    for proposal in proposals:
        figures.add(proposal)
    adopted = [p for p in proposals if p.stage == Stage.DONE]
    processes = list(
        Process.objects.filter(in_units)
        .select_related("unit", "owner")
        .annotate(
            step_count=Count("steps", distinct=True), risk_count=Count("risks", distinct=True)
        )
        .order_by("kind", "title")
    )
    declarations = list(
        ServiceDeclaration.objects.filter(body=body).prefetch_related("promises__measure")
    )
    promises = [p for d in declarations for p in d.promises.all()]
    results = promise_results(promises, body.municipality)
    rows = []
    for declaration in declarations:
        items = []
        for promise in declaration.promises.all():
            in_year = [r for r in results.get(promise.pk, []) if r.period.year == year]
            items.append((promise, in_year[0] if in_year else None))
        rows.append(DeclarationRow(declaration, items))
    surveys = list(
        Survey.objects.filter(municipality=body.municipality, year=year)
        .filter(in_units | Q(unit__isnull=True))
        .select_related("unit")
        .order_by("kind", "month")
    )
    totals: dict[int, list[SurveyResult]] = {}
    for result in SurveyResult.objects.filter(survey__in=surveys, unit__isnull=True).select_related(
        "index"
    ):
        totals.setdefault(result.survey_id, []).append(result)
    return QualityAccount(
        body=body,
        year=year,
        units=units,
        proposals=figures,
        adopted=adopted,
        processes=processes,
        process_kinds=Counter(p.kind for p in processes),
        declarations=rows,
        surveys=[(s, totals.get(s.pk, [])) for s in surveys],
        sections=[s for provider in ACCOUNT_SECTIONS if (s := provider(body, year)) is not None],
        synpunkt_url=synpunkt_url(),
    )
