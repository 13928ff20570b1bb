"""Kolada's real published files (``../shared/data/kolada``, ``KOLADA_DATA_DIR``) read and loaded.

Skipped, saying so, when the folder is not there.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from redthread.analysis.files import read_directory
from redthread.analysis.models import KoladaGroup, KoladaKpi, KoladaMunicipality, KoladaValue
from redthread.analysis.sync import run_from_files
from tests.world import World

pytestmark = pytest.mark.conformance


@pytest.fixture
def directory() -> Any:
    folder = settings.KOLADA_DATA_DIR
    if not folder.is_dir():
        pytest.skip(f"Kolada's published files are not at {folder} (set KOLADA_DATA_DIR)")
    return folder


def test_the_published_files_are_read_in_the_apis_shape(directory: Any) -> None:
    catalogue = read_directory(directory)

    assert len(catalogue.kpis) == 6099
    assert len(catalogue.municipalities) == 312
    assert len(catalogue.groups) == 3630
    group = next(g for g in catalogue.groups if g["id"] == "G37466")
    assert group["title"] == "Liknande kommuner, övergripande, Mjölby, 2025"
    assert len(group["members"]) == 7
    assert {r.kpi for r in catalogue.values} >= {"N00945", "N03702", "N03703"}


def test_the_published_files_load_and_load_again_without_changes(
    directory: Any, world: World
) -> None:
    first = run_from_files(directory, world.municipality, feed=False)
    second = run_from_files(directory, world.municipality, feed=False)

    assert KoladaKpi.objects.get(code="N01951").title == "Invånare totalt, antal"
    assert KoladaMunicipality.objects.get(code="0005").title == "Region Östergötland"
    assert "1082" in KoladaGroup.objects.get(code="G37466").members
    assert first.values_created == KoladaValue.objects.count() > 0
    assert (second.values_created, second.values_updated) == (0, 0)
    assert second.parameters["catalogue"]["created"] == 0
    assert second.parameters["catalogue"]["updated"] == 0
