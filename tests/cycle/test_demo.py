from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command

from redthread.cycle.models import CycleEvent, Dialogue, EnvironmentScan, ReportingPeriod


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m.__module__.startswith("redthread.")
    }


@pytest.fixture
def empty_db(transactional_db: Any, settings: Any) -> None:
    call_command("flush", interactive=False, verbosity=0)
    settings.DEMO_MODE = True


def _load() -> None:
    call_command("load_demo", "--only", "organisation", "cycle", verbosity=0)


def test_the_demo_loads_twice_to_the_same_data(empty_db: None) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 28, 9), tick=False):
        _load()
        first = _counts()
        _load()
    assert _counts() == first  # history included


def test_the_demo_has_three_years_with_realistic_states_and_two_dialogues(empty_db: None) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 28, 9), tick=False):
        _load()
        states = {e.state() for e in CycleEvent.objects.filter(year=2026)}
        late = {e.step.key for e in CycleEvent.objects.filter(year=2026) if e.state() == "late"}
    assert set(CycleEvent.objects.values_list("year", flat=True)) == {2025, 2026, 2027}
    assert states == {"done", "late", "in_progress", "not_started"}
    assert late == {"namnd_ataganden", "internkontroll_gemensamma_delar", "prognos_oktober"}
    assert not CycleEvent.objects.filter(year=2025, completed_on__isnull=True).exists()
    assert not CycleEvent.objects.filter(year=2027, completed_on__isnull=False).exists()
    assert ReportingPeriod.objects.filter(year__in=[2025, 2026, 2027]).count() == 45
    assert Dialogue.objects.count() == 2
    assert all(d.is_illustrative and d.environment_scan for d in Dialogue.objects.all())
    scan = EnvironmentScan.objects.current(Dialogue.objects.first().municipality)
    assert scan is not None and scan.items.count() >= 5 and scan.sources.exists()
