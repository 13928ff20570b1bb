"""``redthread send-reminders``: e-mail the årshjul's deadline reminders that are due today.

Idempotent: every reminder sent is logged and never sent again, so the command can run as
often as wished (from cron, or by hand after a stop). ``--schedule`` instead queues the
daily background run in the task worker (``redthread db_worker``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from redthread.cycle.reminders import send_due_reminders
from redthread.cycle.tasks import schedule_next_run


class Command(BaseCommand):
    help = "Sends the årshjul's deadline reminders that are due (each reminder only once)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--date", help="Send as if today were this date (YYYY-MM-DD), e.g. after a stop."
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the daily run in the task worker instead of sending now.",
        )

    def handle(self, *args: Any, date: str | None, schedule: bool, **options: Any) -> None:
        if schedule:
            if schedule_next_run():
                self.stdout.write(self.style.SUCCESS("The daily reminder run is queued."))
            else:
                self.stdout.write(
                    "Nothing queued: a run is already waiting, or the task backend cannot "
                    "run tasks later (TASKS)."
                )
            return
        today = None
        if date:
            try:
                today = dt.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"--date {date}: write the date as YYYY-MM-DD.") from None
        run = send_due_reminders(today)
        self.stdout.write(self.style.SUCCESS(f"Reminders: {run.summary()}."))
