"""The analysis demo loads twice to the same data, and says what it does without Kolada's files."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from redthread.analysis.models import (
    ComparisonSettings,
    KoladaKpi,
    KoladaValue,
    PendingValue,
)
from redthread.goals.models import Actual, FollowUp


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m.__module__.startswith(("redthread.analysis", "redthread.goals"))
    }


@pytest.fixture
def without_files(transactional_db: Any, settings: Any, tmp_path: Path) -> str:
    call_command("flush", interactive=False, verbosity=0)
    settings.DEMO_MODE = True
    settings.KOLADA_DATA_DIR = tmp_path / "no-such-folder"
    out = StringIO()
    call_command("load_demo", "--only", "organisation", "goals", "analysis", stdout=out)
    return out.getvalue()


def test_the_analysis_demo_loads_twice_to_the_same_data(without_files: str) -> None:
    first = _counts()
    call_command("load_demo", "--only", "organisation", "goals", "analysis", stdout=StringIO())
    assert _counts() == first  # history included


def test_without_the_files_it_says_so_and_every_value_is_generated(without_files: str) -> None:
    assert "no published files at" in without_files and "every value is generated" in without_files
    assert KoladaKpi.objects.count() == 15
    assert not KoladaValue.objects.filter(is_generated=False).exists()
    mjolby = KoladaValue.objects.filter(municipality="0586", gender="T")
    assert set(mjolby.values_list("year", flat=True)) == set(range(2016, 2026))
    assert set(KoladaValue.objects.values_list("municipality", flat=True)) == {
        "0586",
        "0005",
        "0000",
        "0662",
        "0882",
        "1082",
        "1267",
        "1491",
        "1493",
        "2184",
    }
    assert ComparisonSettings.objects.get().group_code == "G37466"


def test_the_demo_figures_agree_with_the_goal_chain_except_two_kolada_revised(
    without_files: str,
) -> None:
    waiting = PendingValue.objects.open().select_related("period")
    assert {(p.kpi, p.period.year, p.reason) for p in waiting} == {
        ("N03107", 2024, "closed"),
        ("U23401", 2025, "closed"),
    }
    revised = Actual.objects.get(indicator__kolada_kpi="N03107", period__year=2024)
    assert revised.value == 910  # the closed period's actual is untouched
    notes = FollowUp.objects.filter(indicator__kolada_kpi__in=["N03107", "N17461"])
    assert notes.count() == 2 and all("liknande kommuner i medel" in n.analysis for n in notes)
