from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from redthread.projects.models import Project, Tollgate


@pytest.fixture
def demo(transactional_db: Any, settings: Any) -> None:
    call_command("flush", interactive=False, verbosity=0)
    settings.DEMO_MODE = True
    with time_machine.travel(dt.date(2026, 11, 28)):
        call_command("load_demo", "--only", "organisation", "projects", verbosity=0)


def test_eight_projects_in_different_phases(demo: None) -> None:
    projects = list(Project.objects.for_portfolio())
    assert len(projects) == 8
    assert len({p.phase for p in projects}) >= 7
    with time_machine.travel(dt.date(2026, 11, 28)):
        assert any(p.late_tollgates() for p in projects)


def test_the_new_school_is_linked_to_the_investment_budget(demo: None) -> None:
    school = Project.objects.get(name__startswith="Ny skola")
    assert school.investment_code == "INV-2025-014"
    assert school.phase == "Genomförande"
    assert school.owner.title == "Förvaltningschef" and school.manager is not None


def test_a_skipped_tollgate_in_the_demo_cites_its_decision(demo: None) -> None:
    skipped = Tollgate.objects.get(outcome=Tollgate.Outcome.SKIPPED)
    assert skipped.decision is not None and skipped.decision.body.short_name == "KS"


def test_the_demo_loads_twice_to_the_same_data(demo: None) -> None:
    before = (Project.history.count(), Tollgate.history.count())
    with time_machine.travel(dt.date(2026, 11, 28)):
        call_command("load_demo", "--only", "organisation", "projects", verbosity=0)
    assert (Project.history.count(), Tollgate.history.count()) == before
