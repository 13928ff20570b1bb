"""Projects for tests: one in Hemtjänst Norr, owned by the förvaltningschef, led by the enhetschef."""

from __future__ import annotations

from typing import Any

from redthread.projects.models import EffectGoal, Project, ProjectModel, ProjectRisk
from tests.world import World


def make_project(world: World, **values: Any) -> Project:
    defaults: dict[str, Any] = {
        "municipality": world.municipality,
        "model": ProjectModel.objects.default_for(world.municipality),
        "name": "Digital nyckelhantering",
        "unit": world.units["norr"],
        "body": world.bodies["osn"],
        "owner": world.people["forvaltningschef"],
        "manager": world.people["enhetschef"],
    }
    defaults.update(values)
    project = Project(**defaults)
    project.full_clean()
    project.save()
    return project


def a_project(world: World) -> Project:
    return Project.objects.filter(name="Digital nyckelhantering").first() or make_project(world)


def a_risk(world: World) -> ProjectRisk:
    project = a_project(world)
    return project.risks.first() or ProjectRisk.objects.create(
        project=project, title="Leverantören hinner inte", probability=2, consequence=3
    )


def an_effect_goal(world: World) -> EffectGoal:
    project = a_project(world)
    return project.effect_goals.first() or EffectGoal.objects.create(
        project=project, description="Inga borttappade nycklar"
    )
