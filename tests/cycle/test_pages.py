"""The årshjul's pages: the wheel and its table, a step of the year, my deadlines, the template."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import time_machine
from django.urls import reverse

from redthread.core.areas import AREAS
from redthread.cycle.generation import ensure_calendar
from redthread.cycle.models import CycleEvent, CycleStep, ReportingPeriod
from tests.cycle import factories as f
from tests.world import World


def _at(day: dt.date) -> Any:
    return time_machine.travel(dt.datetime.combine(day, dt.time(10)), tick=False)


def test_the_wheel_is_the_areas_front_page() -> None:
    assert AREAS["cycle"].url == reverse("cycle:wheel")


def test_the_wheel_draws_twelve_months_and_an_arc_per_step_with_the_same_table(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    ensure_calendar(world.municipality, 2026)
    client = client_for("medarbetare")
    with _at(dt.date(2026, 6, 10)), django_assert_max_num_queries(12):
        response = client.get(reverse("cycle:wheel") + "?ar=2026")
    text = response.content.decode()
    svg = text[text.index("<svg") : text.index("</svg>")]
    assert 'role="img"' in svg and "Årshjulet 2026" in svg
    assert svg.count('class="wheel-month-label"') == 12
    assert svg.count('<path class="wheel-arc') == 21
    assert 'class="wheel-today"' in svg  # the marker for today
    assert "," not in re.sub(r"<title>.*?</title>|<desc.*?</desc>", "", svg)  # no decimal commas
    table = text[text.index('<table class="table bg-white align-middle" id="steg">') :]
    assert table.count('<th scope="row">') == 21
    assert "Försenat" in table and "Pågår" in table and "Ej påbörjat" in table


def test_a_year_not_yet_made_is_shown_as_a_preview_the_strategist_can_make(
    world: World, client_for: Any
) -> None:
    url = reverse("cycle:wheel") + "?ar=2029"
    text = client_for("enhetschef").get(url).content.decode()
    assert "förhandsvisning" in text and "Skapa kalendern för 2029" not in text
    text = client_for("kvalitetsstrateg").get(url).content.decode()
    assert "Skapa kalendern för 2029" in text
    response = client_for("kvalitetsstrateg").post(reverse("cycle:generate"), {"year": "2029"})
    assert response.status_code == 302
    assert CycleEvent.objects.filter(year=2029).count() == 22
    assert ReportingPeriod.objects.filter(year=2029).count() == 15


def test_the_ekonom_ticks_off_the_ekonomiavdelningens_step(world: World, client_for: Any) -> None:
    event = f.event(world, "anvisningar_budget", 2026)
    client = client_for("ekonom")
    with _at(dt.date(2026, 6, 2)):
        response = client.post(
            reverse("cycle:event_done", args=[event.pk]),
            {"completed_on": "2026-06-05", "note": ""},
        )
        assert response.status_code == 400
        assert "inte har varit" in response.content.decode()
        response = client.post(
            reverse("cycle:event_done", args=[event.pk]),
            {"completed_on": "2026-05-28", "note": "Skickade med KS-beslut"},
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.completed_on == dt.date(2026, 5, 28)
    assert event.history.order_by("-history_id").first().history_user == world.users["ekonom"]


def test_the_strategist_sets_this_years_dates_by_hand(world: World, client_for: Any) -> None:
    event = f.event(world, "kf_november", 2026)
    url = reverse("cycle:event_reschedule", args=[event.pk])
    client = client_for("kvalitetsstrateg")
    response = client.post(url, {"starts_on": "2026-11-23", "ends_on": "2026-11-20"})
    assert response.status_code == 400
    assert "före första dagen" in response.content.decode()
    assert client.post(url, {"starts_on": "2026-11-23", "ends_on": "2026-11-23"}).status_code == 302
    event.refresh_from_db()
    assert event.is_rescheduled and event.ends_on == dt.date(2026, 11, 23)


def test_a_step_page_shows_what_it_waits_for(world: World, client_for: Any) -> None:
    event = f.event(world, "namnd_ataganden", 2026)
    text = client_for("politiker").get(event.get_absolute_url()).content.decode()
    assert "Väntar på" in text and "Kommunfullmäktige beslutar kommunmål" in text
    assert "Markera som klart" not in text


def test_my_deadlines_are_the_steps_of_my_bodies_and_roles(world: World, client_for: Any) -> None:
    ensure_calendar(world.municipality, 2026)
    ensure_calendar(world.municipality, 2027)
    with _at(dt.date(2026, 11, 10)):
        head = client_for("forvaltningschef").get(reverse("cycle:my_deadlines")).content.decode()
        manager = client_for("enhetschef").get(reverse("cycle:my_deadlines")).content.decode()
        strategist = client_for("kvalitetsstrateg").get(reverse("cycle:my_deadlines"))
    assert "Nämnderna beslutar internkontrollplan" in head
    assert "Bokslutsprognos per 31 oktober" in head
    assert "Kommunfullmäktige beslutar mål och budget" not in head
    assert "Rapportering för dina enheter" in manager and "Månadsrapport oktober 2026" in manager
    assert "Medborgarundersökning" in strategist.content.decode()


def test_the_start_page_lists_what_is_due_soon(world: World, client_for: Any) -> None:
    ensure_calendar(world.municipality, 2026)
    with _at(dt.date(2026, 5, 15)):
        text = client_for("ekonom").get(reverse("core:home")).content.decode()
        empty = client_for("medarbetare").get(reverse("core:home")).content.decode()
    assert "Dina steg i årshjulet" in text and "Anvisningar till nämnderna" in text
    assert "Dina steg i årshjulet" not in empty


def test_the_template_lists_every_step_for_everyone_and_edits_for_the_strategist(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for("medarbetare")
    with django_assert_max_num_queries(17):
        text = client.get(reverse("cycle:template")).content.decode()
    assert text.count("<code>") == 22 and "Lägg till steg" not in text
    text = client_for("kvalitetsstrateg").get(reverse("cycle:template")).content.decode()
    assert "Lägg till steg" in text


def test_editing_a_step_moves_this_years_calendar(world: World, client_for: Any) -> None:
    event = f.event(world, "kf_juni", 2026)
    step = event.step
    data = {
        "name": step.name,
        "key": "ignored",
        "description": step.description,
        "process": step.process,
        "delivers": step.delivers,
        "responsible": step.responsible,
        "start_month": "6",
        "end_month": "6",
        "end_rule": "on_or_before",
        "end_day": "12",
        "year_offset": "-1",
        "order": "100",
        "is_active": "on",
        "waits_for": [str(s.pk) for s in step.waits_for.all()],
    }
    with _at(dt.date(2026, 3, 1)):
        response = client_for("kvalitetsstrateg").post(
            reverse("cycle:step_edit", args=[step.pk]), data
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    step.refresh_from_db()
    assert event.ends_on == dt.date(2026, 6, 12) and step.key == "kf_juni"


def test_an_impossible_rule_is_explained_and_nothing_changes(world: World, client_for: Any) -> None:
    step = CycleStep.objects.get(key="kf_juni")
    response = client_for("kvalitetsstrateg").post(
        reverse("cycle:step_edit", args=[step.pk]),
        {
            "name": step.name,
            "process": step.process,
            "delivers": step.delivers,
            "responsible": step.responsible,
            "start_month": "10",
            "end_month": "6",
            "end_rule": "last_working_day",
            "year_offset": "-1",
            "order": "100",
        },
    )
    assert response.status_code == 400
    assert "Steget slutar före det börjar" in response.content.decode()
    step.refresh_from_db()
    assert step.start_month == 6


def test_a_new_step_needs_a_free_key(world: World, client_for: Any) -> None:
    data = {
        "name": "Budgetdialog med bolagen",
        "key": "kf_juni",
        "process": "planning",
        "delivers": "dialogue",
        "responsible": "executive_board",
        "start_month": "3",
        "end_month": "3",
        "end_rule": "last_working_day",
        "year_offset": "0",
        "order": "100",
        "is_active": "on",
    }
    client = client_for("kvalitetsstrateg")
    response = client.post(reverse("cycle:step_create"), data)
    assert response.status_code == 400 and "Välj en annan nyckel" in response.content.decode()
    data["key"] = "bolagsdialog"
    assert client.post(reverse("cycle:step_create"), data).status_code == 302
    assert CycleStep.objects.filter(key="bolagsdialog").exists()


def test_the_template_warns_when_a_step_starts_before_what_it_waits_for(
    world: World, client_for: Any
) -> None:
    CycleStep.objects.filter(key="kf_juni").update(start_month=10, end_month=10)
    text = client_for("kvalitetsstrateg").get(reverse("cycle:template")).content.decode()
    assert "Steg i fel ordning" in text and "väntar på Kommunfullmäktige beslutar" in text


def test_the_reminder_settings_are_validated(world: World, client_for: Any) -> None:
    response = client_for("kvalitetsstrateg").post(
        reverse("cycle:settings"),
        {
            "name": "Årshjulet",
            "reminder_days": "två veckor",
            "overdue_reminder_days": "1",
            "employee_survey_year": "2025",
            "month_report_due_working_day": "8",
        },
    )
    assert response.status_code == 400
    assert "åtskilda med komma" in response.content.decode()


def test_the_interface_reads_in_english(world: World, client_for: Any) -> None:
    ensure_calendar(world.municipality, 2026)
    client = client_for("medarbetare")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = client.get(reverse("cycle:wheel") + "?ar=2026").content.decode()
    assert "Annual cycle 2026" in text and "My deadlines" in text
