"""Who may do what with projects (DESIGN §5).

Everyone in the organisation reads the projects. A project is kept by those who hold a role
in it (projektägare, beställare, projektledare, styrgrupp), by the managers of its unit and
by the kvalitetsstrateg and the administratör. Any manager may start a project. The
project model is configured by the kvalitetsstrateg and the administratör. The revisor reads,
never writes.
"""

from __future__ import annotations

from typing import Any

from redthread.core.rulebook import add_perm, predicate
from redthread.organisation.predicates import (
    is_administrator,
    is_any_manager,
    is_internal,
    is_quality_strategist,
    is_writer,
)


def _project(obj: Any) -> Any:
    """The project behind ``obj``: a project itself, or one of its tollgates, reports, risks …"""
    return getattr(obj, "project", obj) if obj is not None else None


@predicate
def keeps_projects(user: Any) -> bool:
    return bool(is_quality_strategist(user) or is_administrator(user))


@predicate
def holds_project_role(user: Any, obj: Any) -> bool:
    project = _project(obj)
    if project is None or not user.is_authenticated or user.scope.person_id is None:
        return False
    person_id = user.scope.person_id
    if person_id in (project.owner_id, project.sponsor_id, project.manager_id):
        return True
    if project.pk is None:
        return False
    return bool(project.steering_members.filter(person_id=person_id).exists())


@predicate
def manages_project_unit(user: Any, obj: Any) -> bool:
    project = _project(obj)
    if project is None or not user.is_authenticated or project.unit_id is None:
        return False
    return bool(user.scope.manages(project.unit))


@predicate
def starts_projects(user: Any, obj: Any) -> bool:
    if obj is None:
        return bool(is_any_manager(user))
    return bool(holds_project_role(user, obj) or manages_project_unit(user, obj))


keeps_project = is_writer & (keeps_projects | holds_project_role | manages_project_unit)

add_perm("projects.view_project", is_internal)
add_perm("projects.add_project", is_writer & (keeps_projects | starts_projects))
add_perm("projects.change_project", keeps_project)
add_perm("projects.delete_project", is_writer & is_administrator)

for model in ["tollgate", "statusreport", "projectrisk", "effectgoal", "steeringgroupmember"]:
    add_perm(f"projects.view_{model}", is_internal)
    add_perm(f"projects.add_{model}", keeps_project)
    add_perm(f"projects.change_{model}", keeps_project)
    add_perm(f"projects.delete_{model}", is_writer & is_administrator)

for model in ["projectmodel", "modelphase"]:
    add_perm(f"projects.view_{model}", is_internal)
    add_perm(f"projects.add_{model}", is_writer & keeps_projects)
    add_perm(f"projects.change_{model}", is_writer & keeps_projects)
    add_perm(f"projects.delete_{model}", is_writer & keeps_projects)
