"""The quality demo: what the issue asks for, loaded twice to the same data, answered by the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from redthread.goals.models import Actual, Indicator
from redthread.quality.models import (
    WHEEL,
    CoreValue,
    ImprovementProposal,
    Process,
    ServiceDeclaration,
    Stage,
    Survey,
    SurveyKind,
    SurveyResult,
)
from redthread.quality.promises import latest_results

APPS = ("organisation", "goals", "control", "quality")


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m.__module__.startswith(("redthread.quality", "redthread.goals"))
    }


@pytest.fixture
def demo(transactional_db: Any, settings: Any) -> None:
    call_command("flush", interactive=False, verbosity=0)
    settings.DEMO_MODE = True
    call_command("load_demo", "--only", *APPS, verbosity=0)


def test_the_quality_demo_has_what_the_issue_asks_and_loads_twice_to_the_same_data(
    demo: None,
) -> None:
    first = _counts()
    call_command("load_demo", "--only", *APPS, verbosity=0)
    assert _counts() == first  # history included: neither this demo nor the goal chain's changes

    assert [v.title for v in CoreValue.objects.all()] == [
        "Medborgare och kunder i fokus",
        "Professionellt bemötande",
        "Samverkan för förbättringar",
        "Kreativt förhållningssätt",
    ]
    declarations = list(ServiceDeclaration.objects.in_force())
    assert len(declarations) == 5
    promises = [p for d in declarations for p in d.promises.select_related("measure")]
    assert all(p.measure_id for p in promises)
    results = latest_results(promises, declarations[0].municipality, closed_only=True)
    statuses = {r.status for r in results.values() if r is not None}
    assert len([r for r in results.values() if r]) == len(promises)
    assert {"green", "red"} <= statuses
    assert ServiceDeclaration.objects.get(code="hemtjanst").versions.count() == 2
    assert ServiceDeclaration.objects.get(code="bygglov").has_undecided_changes()

    proposals = list(ImprovementProposal.objects.all())
    assert len(proposals) == 20
    stages = {p.stage for p in proposals}
    assert set(WHEEL) | {Stage.NEW, Stage.DONE} <= stages
    assert all(p.events.count() >= 1 for p in proposals if p.stage != Stage.NEW)

    assert Process.objects.count() == 10
    assert all(p.steps.count() >= 4 for p in Process.objects.all())

    rounds = Survey.objects.filter(kind=SurveyKind.EMPLOYEE, state=Survey.State.DONE)
    assert sorted(rounds.values_list("year", flat=True)) == [2022, 2024]
    assert SurveyResult.objects.filter(survey__in=rounds, unit__isnull=False).count() >= 20
    hme = Indicator.objects.get(year=2025, title__startswith="Hållbart medarbetarengagemang")
    values = {a.period.year: a.value for a in Actual.objects.filter(indicator=hme)}
    assert values == {2022: 78, 2024: 79}  # the survey and the goal chain agree
    assert Survey.objects.filter(kind=SurveyKind.CUSTOMER, year=2026).count() >= 7


def test_the_api_lists_declarations_with_their_promises_and_latest_results(demo: None) -> None:
    api = Client(HTTP_AUTHORIZATION="Bearer demo-medarbetare")
    response = api.get("/api/v1/quality/declarations?state=in_force")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 5
    hemtjanst = next(d for d in body if d["code"] == "hemtjanst")
    assert hemtjanst["version"]["number"] == 2
    assert hemtjanst["public_url"] == "/kvalitet/oppen/kvalitetsdeklarationer/hemtjanst/"
    promise = hemtjanst["promises"][0]
    assert promise["measure"]["year"] == 2026
    latest = promise["latest_result"]
    assert latest["period"]["key"] == "2026-10-manad"
    assert latest["status"] in {"green", "yellow", "red"}
    assert latest["kept"].startswith("Löftet")
