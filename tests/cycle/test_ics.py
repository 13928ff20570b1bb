"""The årshjul as iCalendar: it parses, and its UIDs survive regeneration and date changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from redthread.cycle.generation import ensure_calendar
from redthread.cycle.models import CalendarFeed, CycleEvent, CycleStep
from tests.cycle import factories as f
from tests.world import World


def _feed(client: Client, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-PUBLISHED-TTL"].to_ical(), "ascii") == "PT6H"
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_the_municipality_feed_parses_and_needs_no_login(world: World) -> None:
    ensure_calendar(world.municipality, 2026)
    events = _feed(Client(), reverse("cycle:ics", args=[2026]))
    assert len(events) == CycleEvent.objects.filter(year=2026).count() == 21
    june = events["kf_juni-2027@arshjul.0586.rodatraden"]
    assert june.decoded("DTSTART") == dt.date(2026, 6, 1)
    assert june.decoded("DTEND") == dt.date(2026, 6, 19)  # exclusive: the 18th is the last day
    assert "Kommunfullmäktige beslutar" in str(june["SUMMARY"])
    assert "Ansvarig: kommunfullmäktige" in str(june["DESCRIPTION"])
    assert str(june["URL"]).startswith("http://testserver/arshjul/steg/")
    november = events["kf_november-2027@arshjul.0586.rodatraden"]
    assert "nyvalda" in str(november["DESCRIPTION"])


def test_uids_stay_when_the_calendar_is_regenerated_and_a_date_moves(world: World) -> None:
    ensure_calendar(world.municipality, 2026)
    url = reverse("cycle:ics", args=[2026])
    before = _feed(Client(), url)
    CycleStep.objects.filter(key="kf_juni").update(end_day=12)
    ensure_calendar(world.municipality, 2026)
    event = CycleEvent.objects.get(step__key="kf_november", year=2026)
    event.reschedule(dt.date(2026, 11, 23), dt.date(2026, 11, 23))
    after = _feed(Client(), url)
    assert set(after) == set(before)
    uid = "kf_juni-2027@arshjul.0586.rodatraden"
    assert after[uid].decoded("DTEND") == dt.date(2026, 6, 13)
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])
    moved = after["kf_november-2027@arshjul.0586.rodatraden"]
    assert moved.decoded("DTSTART") == dt.date(2026, 11, 23)


def test_a_year_not_yet_made_has_the_uids_it_will_have(world: World) -> None:
    preview = _feed(Client(), reverse("cycle:ics", args=[2029]))
    ensure_calendar(world.municipality, 2029)
    assert set(_feed(Client(), reverse("cycle:ics", args=[2029]))) == set(preview)


def test_the_personal_feed_holds_the_users_deadlines(world: World, client_for: Any) -> None:
    ensure_calendar(world.municipality, 2026)
    key = f.feed_key(world, "forvaltningschef")
    events = _feed(Client(), reverse("cycle:user_ics", args=[key]))
    keys = {uid.split("-")[0] for uid in events}
    # Head of the förvaltning serving a nämnd: the nämnder's and the förvaltningar's steps.
    assert {"internkontrollplan", "namnd_ataganden", "delarsrapport"} <= keys
    assert "kf_juni" not in keys  # KF's own step is not his


def test_the_personal_feed_of_a_manager_has_the_reporting_days(world: World) -> None:
    ensure_calendar(world.municipality, 2026)
    key = f.feed_key(world, "enhetschef")
    events = _feed(Client(), reverse("cycle:user_ics", args=[key]))
    assert any(uid.startswith("period-") for uid in events)


def test_a_new_address_stops_the_old_one(world: World, client_for: Any) -> None:
    old = f.feed_key(world, "ekonom")
    response = client_for("ekonom").post(reverse("cycle:feed_issue"))
    assert response.status_code == 200
    assert "/arshjul/kalender/" in response.content.decode()
    assert Client().get(reverse("cycle:user_ics", args=[old])).status_code == 404
    assert CalendarFeed.objects.filter(user=world.users["ekonom"]).count() == 1


def test_the_personal_feed_of_a_deactivated_user_is_gone(world: World) -> None:
    key = f.feed_key(world, "ekonom")
    world.users["ekonom"].is_active = False
    world.users["ekonom"].save()
    assert Client().get(reverse("cycle:user_ics", args=[key])).status_code == 404


def test_a_year_out_of_range_is_not_found(world: World) -> None:
    assert Client().get("/arshjul/1999.ics").status_code == 404
