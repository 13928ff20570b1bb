from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from redthread.control.models import (
    CommonControlPoint,
    ControlPlan,
    ControlResult,
    ControlSettings,
    Deviation,
    PlanStatus,
)


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m.__module__.startswith("redthread.control")
    }


@pytest.fixture
def demo(transactional_db: Any, settings: Any) -> None:
    call_command("flush", interactive=False, verbosity=0)
    settings.DEMO_MODE = True
    call_command("load_demo", "--only", "organisation", "control", verbosity=0)


def test_the_demo_loads_twice_to_the_same_data(demo: None) -> None:
    first = _counts()
    call_command("load_demo", "--only", "organisation", "control", verbosity=0)
    assert _counts() == first  # history included: nothing is rewritten


def test_the_demo_has_2026_plans_one_late_the_common_points_and_the_delår(demo: None) -> None:
    plans = list(ControlPlan.objects.filter(year=2026).select_related("body", "decision"))
    assert len(plans) == 7
    settings = ControlSettings.objects.get()
    late = [p.body.short_name for p in plans if p.status(settings, dt.date(2026, 11, 1)).is_late]
    assert late == ["BN"]
    assert plans[0].status(settings).value in {s.value for s in PlanStatus}
    commons = CommonControlPoint.objects.filter(year=2026)
    assert commons.count() == 2
    for plan in plans:
        assert plan.points.filter(common_source__isnull=False).count() == 2
        assert plan.body.risks.exists()
    assert ControlResult.objects.filter(period__kind="interim").count() >= 20
    assert 3 <= Deviation.objects.count() <= 8
    assert all(d.actions.exists() for d in Deviation.objects.all())
