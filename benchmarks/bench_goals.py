"""The red thread at Stockholm scale: server time and query count of the busiest pages.

Generates the large municipality (``redthread generate --scale large``) into its own SQLite
database, then requests each page repeatedly in-process through Django's test client and
records p50 and p95 of the server time and the number of queries.
"""

from __future__ import annotations

import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redthread.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from benchmarks.timing import emit, markdown_table, measure_get  # noqa: E402

GOAL_MS = 150


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from redthread.goals.models import Activity
    from redthread.organisation.models import Assignment, Body, User

    started = time.monotonic()
    call_command("generate", scale="large", verbosity=0)
    generated = time.monotonic() - started
    politician = User.objects.get(username="ledamot")
    body = Body.objects.get(short_name="N1")
    assignment = Assignment.objects.select_related("person__user", "unit").first()
    assert assignment is not None
    manager = assignment.person.user
    unit = assignment.unit
    rows = []
    cases = [
        ("Röda tråden, översikt", politician, "/mal/?ar=2026"),
        ("Nämndsida", politician, f"/mal/namnder/{body.pk}/?ar=2026"),
        ("Enhetens verksamhetsplan", manager, f"/mal/verksamhetsplan/{unit.pk}/2026/"),
        ("Att rapportera", manager, "/mal/att-rapportera/"),
    ]
    for name, user, url in cases:
        client = Client()
        client.force_login(user)
        result = measure_get(client, url, repeat=40)
        rows.append(
            {
                "name": name,
                "scale": "large",
                **result,
                "ok": "ja" if result["p95_ms"] <= GOAL_MS else "nej",
            }
        )
    activities = Activity.objects.count()
    table = markdown_table(
        rows,
        [
            ("name", "sida"),
            ("p50_ms", "p50 (ms)"),
            ("p95_ms", "p95 (ms)"),
            ("queries", "frågor"),
            ("ok", f"≤ {GOAL_MS} ms"),
        ],
    )
    markdown = (
        f"Data: 30 nämnder, 600 enheter, 60 kommunmål, 300 indikatorer, 1 500 åtaganden, 4 000 mått, "
        f"{activities} aktiviteter, tio års värden (genererat på {generated:.0f} s). SQLite, server time "
        f"in-process (Django test client, no network), 40 requests after 3 warm-up requests.\n\n{table}"
    )
    emit(
        "goals",
        "Röda tråden i Stockholmsskala",
        markdown,
        [{k: v for k, v in r.items() if k != "ok"} for r in rows],
    )


if __name__ == "__main__":
    main()
