"""``redthread compute-indicators [--year Y]``: actuals of computed indicators and measures."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from redthread.core.audit import acting_as
from redthread.core.management.commands.load_demo import system_user
from redthread.goals.computed import compute_actuals
from redthread.goals.periods import planning_year
from redthread.organisation.models import Municipality


class Command(BaseCommand):
    help = (
        "Writes the year-to-date actuals of computed metrics into the open periods that have ended."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args: Any, year: int | None, **options: Any) -> None:
        municipality = Municipality.objects.current()
        year = year or planning_year(municipality)
        with acting_as(system_user()):
            report = compute_actuals(municipality, year)
        self.stdout.write(
            f"{year}: {report.written} actuals written, {report.unchanged} unchanged, "
            f"{report.kept_manual} manual ones kept."
        )
