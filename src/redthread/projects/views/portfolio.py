"""The portfolio: every project by phase and status, late tollgates flagged; the project model."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from redthread.core.permissions import require
from redthread.organisation.models import Municipality, Unit
from redthread.projects.models import Project, ProjectModel, StatusReport, Tollgate


@dataclass
class Row:
    project: Project
    next_tollgate: Tollgate | None
    late: list[Tollgate]
    status: StatusReport | None
    outcome: Decimal | None


@dataclass
class PhaseGroup:
    key: tuple[int, str]
    name: str
    rows: list[Row] = field(default_factory=list)

    @property
    def late_count(self) -> int:
        return sum(1 for row in self.rows if row.late)


STATE_FILTERS = {
    "": [Project.State.ACTIVE],
    "avslutade": [Project.State.COMPLETED],
    "avbrutna": [Project.State.CANCELLED],
    "alla": [Project.State.ACTIVE, Project.State.COMPLETED, Project.State.CANCELLED],
}


def portfolio_rows(projects: list[Project], today: dt.date) -> list[Row]:
    rows = []
    for project in projects:
        rows.append(
            Row(
                project=project,
                next_tollgate=project.next_tollgate,
                late=project.late_tollgates(today),
                status=project.latest_status,
                outcome=project.outcome,
            )
        )
    return rows


def _group(rows: list[Row]) -> list[PhaseGroup]:
    groups: dict[tuple[int, str], PhaseGroup] = {}
    for row in rows:
        project = row.project
        if project.state == Project.State.COMPLETED:
            key, name = (900, "completed"), _("Avslutade")
        elif project.state == Project.State.CANCELLED:
            key, name = (901, "cancelled"), _("Avbrutna")
        elif row.next_tollgate is not None:
            tollgate = row.next_tollgate
            key, name = (tollgate.order, tollgate.phase_name), tollgate.phase_name
        else:
            key, name = (900, "completed"), _("Avslutade")
        groups.setdefault(key, PhaseGroup(key, name)).rows.append(row)
    return [groups[k] for k in sorted(groups)]


@login_required
def portfolio(request: HttpRequest) -> HttpResponse:
    require(request.user, "projects.view_project")
    municipality = Municipality.objects.current()
    params = request.GET
    state = params.get("lage", "")
    unit_id = params.get("forvaltning", "")
    only_late = params.get("sena", "") == "1"
    projects = Project.objects.filter(
        municipality=municipality, state__in=STATE_FILTERS.get(state, STATE_FILTERS[""])
    )
    administrations = Unit.objects.filter(municipality=municipality, parent=None)
    if unit_id.isdigit():
        unit = administrations.filter(pk=int(unit_id)).first()
        if unit is not None:
            projects = projects.filter(unit__path__startswith=unit.path)
    today = timezone.localdate()
    rows = portfolio_rows(list(projects.for_portfolio().order_by("name")), today)
    all_late = sum(1 for row in rows if row.late)
    if only_late:
        rows = [row for row in rows if row.late]
    groups = _group(rows)
    return render(
        request,
        "projects/portfolio.html",
        {
            "title": _("Projektportfölj"),
            "groups": groups,
            "count": len(rows),
            "late_count": all_late,
            "state": state,
            "unit_id": unit_id,
            "only_late": only_late,
            "administrations": administrations,
            "may_add": request.user.has_perm("projects.add_project"),
            "today": today,
        },
    )


@login_required
def model(request: HttpRequest) -> HttpResponse:
    """The project model: its phases and what is decided at each tollgate."""
    require(request.user, "projects.view_projectmodel")
    municipality = Municipality.objects.current()
    models = ProjectModel.objects.filter(municipality=municipality).prefetch_related("phases")
    return render(
        request,
        "projects/model.html",
        {
            "title": _("Projektmodellen"),
            "models": models,
            "may_configure": request.user.has_perm("projects.change_projectmodel"),
        },
    )
