"""Objects the årshjul's tests need beyond the shared world."""

from __future__ import annotations

import datetime as dt

from redthread.cycle.generation import ensure_calendar
from redthread.cycle.models import (
    CalendarFeed,
    CycleEvent,
    Dialogue,
    DialogueAction,
    EnvironmentScan,
)
from tests.world import World


def event(w: World, key: str = "kf_juni", year: int = 2026) -> CycleEvent:
    """The step ``key`` in the calendar of ``year`` (generated on first use)."""
    ensure_calendar(w.municipality, year)
    return CycleEvent.objects.get(
        step__cycle__municipality=w.municipality, step__key=key, year=year
    )


def scan(w: World, status: str = EnvironmentScan.Status.PUBLISHED) -> EnvironmentScan:
    found, _ = EnvironmentScan.objects.get_or_create(
        municipality=w.municipality,
        title=f"Omvärldsanalys ({status})",
        defaults={
            "year": 2025,
            "status": status,
            "published_on": dt.date(2025, 10, 20) if status == "published" else None,
        },
    )
    return found


def dialogue(w: World) -> Dialogue:
    found, created = Dialogue.objects.get_or_create(
        municipality=w.municipality,
        title="Mål- och resultatdialog 2025",
        defaults={
            "kind": Dialogue.Kind.GOALS_AND_RESULTS,
            "held_on": dt.date(2026, 3, 12),
            "environment_scan": scan(w),
            "agenda": "1. Årets resultat",
        },
    )
    if created:
        found.bodies.set([w.bodies["ks"], w.bodies["rev"]])
        found.presidia.set([w.bodies["osn"]])
    return found


def action(w: World, owner: str = "enhetschef") -> DialogueAction:
    found, _ = DialogueAction.objects.get_or_create(
        dialogue=dialogue(w),
        description="Analysera kostnaderna i hemtjänsten",
        defaults={"owner": w.people[owner], "due_on": dt.date(2026, 12, 15)},
    )
    return found


def feed_key(w: World, role: str = "enhetschef") -> str:
    _feed, key = CalendarFeed.issue(w.users[role])
    return key
