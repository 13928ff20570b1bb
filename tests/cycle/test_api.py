"""The årshjul's API: the year's steps and reporting periods."""

from __future__ import annotations

from typing import Any

from redthread.cycle.generation import ensure_calendar
from tests.world import World


def test_the_steps_of_a_year_with_dates_responsible_process_and_state(
    world: World, api_for: Any, django_assert_max_num_queries: Any
) -> None:
    ensure_calendar(world.municipality, 2026)
    client = api_for("enhetschef")
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/cycle/steps?year=2026")
    assert response.status_code == 200
    steps = response.json()
    assert len(steps) == 21
    june = next(s for s in steps if s["key"] == "kf_juni")
    assert june | {"id": 0, "state": "", "state_label": ""} == {
        "id": 0,
        "key": "kf_juni",
        "name": "Kommunfullmäktige beslutar kommunmål, driftramar och investeringsbudget",
        "start": "2026-06-01",
        "end": "2026-06-18",
        "subject_year": 2027,
        "responsible": "council",
        "responsible_label": "kommunfullmäktige",
        "process": "planning",
        "process_label": "planering",
        "delivers": "decision",
        "state": "",
        "state_label": "",
        "variant": "regular",
        "uid": "kf_juni-2027@arshjul.0586.rodatraden",
    }
    assert {s["state"] for s in steps} <= {"not_started", "in_progress", "done", "late"}
    assert [s["end"] for s in steps] == sorted(s["end"] for s in steps)


def test_a_year_not_yet_made_is_computed_from_the_template(world: World, api_for: Any) -> None:
    steps = api_for("medarbetare").get("/api/v1/cycle/steps?year=2027").json()
    dialogues = [s for s in steps if s["key"] == "omvarldsdialog"]
    assert [(d["start"], d["variant"], d["id"]) for d in dialogues] == [
        ("2027-01-04", "mandate_shift", None),
        ("2027-11-01", "regular", None),
    ]


def test_the_reporting_periods_of_a_year(world: World, api_for: Any) -> None:
    periods = api_for("ekonom").get("/api/v1/cycle/periods?year=2026").json()
    assert [p["key"] for p in periods][:3] == ["2026-02-manad", "2026-03-manad", "2026-04-prognos"]
    assert len(periods) == 15
    interim = next(p for p in periods if p["kind"] == "interim")
    assert (interim["end_date"], interim["due_on"], interim["state"]) == (
        "2026-08-31",
        "2026-09-15",
        "planned",
    )


def test_a_year_out_of_range_is_explained(world: World, api_for: Any) -> None:
    response = api_for("ekonom").get("/api/v1/cycle/steps?year=1800")
    assert response.status_code == 422
    assert "year ska vara minst 2000" in response.json()["detail"]
