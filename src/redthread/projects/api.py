"""Projects API: every project with its phase, status and next tollgate."""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from redthread.core.pagination import BoundedPagination
from redthread.core.permissions import get_visible_or_404, require
from redthread.organisation.models import Municipality
from redthread.projects.models import Project, Tollgate

API_PREFIX = "/projects"
router = Router(tags=["projects"])


class TollgateOut(Schema):
    order: int
    name: str
    phase: str
    planned_date: dt.date | None
    outcome: str
    decided_on: dt.date | None
    decision_text: str
    decision: str | None
    is_late: bool

    @staticmethod
    def resolve_phase(obj: Tollgate) -> str:
        return obj.phase_name

    @staticmethod
    def resolve_decision(obj: Tollgate) -> str | None:
        return obj.decision.citation if obj.decision else None

    @staticmethod
    def resolve_is_late(obj: Tollgate) -> bool:
        return obj.is_late()


class StatusOut(Schema):
    reported_on: dt.date
    overall: str
    time: str
    cost: str
    scope: str
    summary: str


class ProjectOut(Schema):
    id: int
    code: str
    name: str
    state: str
    phase: str
    unit: str
    owner: str
    manager: str | None
    budget: Decimal | None
    outcome: Decimal | None
    investment_code: str
    status: StatusOut | None
    next_tollgate: TollgateOut | None
    has_late_tollgate: bool
    url: str

    @staticmethod
    def resolve_unit(obj: Project) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_owner(obj: Project) -> str:
        return obj.owner.full_name

    @staticmethod
    def resolve_manager(obj: Project) -> str | None:
        return obj.manager.full_name if obj.manager else None

    @staticmethod
    def resolve_status(obj: Project) -> dict[str, Any] | None:
        report = obj.latest_status
        if report is None:
            return None
        return {
            "reported_on": report.reported_on,
            "overall": report.overall,
            "time": report.time_status,
            "cost": report.cost_status,
            "scope": report.scope_status,
            "summary": report.summary,
        }

    @staticmethod
    def resolve_has_late_tollgate(obj: Project) -> bool:
        return bool(obj.late_tollgates(timezone.localdate()))

    @staticmethod
    def resolve_url(obj: Project) -> str:
        return obj.get_absolute_url()


class ProjectDetailOut(ProjectOut):
    purpose: str
    tollgates: list[TollgateOut]

    @staticmethod
    def resolve_tollgates(obj: Project) -> list[Tollgate]:
        return obj.ordered_tollgates()


def _projects() -> Any:
    return Project.objects.filter(municipality=Municipality.objects.current()).for_portfolio()


@router.get("", response=list[ProjectOut], summary="Projekt")
@paginate(BoundedPagination)
def list_projects(
    request: HttpRequest,
    state: Literal["active", "completed", "cancelled"] | None = None,
    late: bool | None = None,
) -> Any:
    require(request.user, "projects.view_project")
    projects = _projects().order_by("name", "pk")
    if state is not None:
        projects = projects.filter(state=state)
    if late:
        projects = projects.filter(pk__in=Project.objects.with_late_tollgates().values("pk"))
    return projects


@router.get("/{project_id}", response=ProjectDetailOut, summary="Ett projekt")
def get_project(request: HttpRequest, project_id: int) -> Project:
    project: Project = get_visible_or_404(request.user, _projects(), pk=project_id)
    return project
