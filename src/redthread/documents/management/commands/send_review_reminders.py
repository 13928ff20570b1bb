"""``redthread send-review-reminders``: remind dokumentansvariga before the review date passes.

Run it daily (cron or a systemd timer); running it again sends nothing new.
``--enqueue`` hands the work to the task worker instead of doing it now.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from redthread.core.audit import acting_as
from redthread.core.management.commands.load_demo import system_user
from redthread.documents.reminders import send_review_reminders


class Command(BaseCommand):
    help = "Sends reminders about aktualitetsprövning of styrdokument; never the same one twice."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Show, send nothing.")
        parser.add_argument("--enqueue", action="store_true", help="Queue for the task worker.")
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            from redthread.documents.tasks import send_review_reminders_task

            result = send_review_reminders_task.enqueue()
            self.stdout.write(f"Queued: {result.id}")
            return
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date like 2026-11-28.") from None
        with acting_as(system_user()):
            run = send_review_reminders(today, dry_run=options["dry_run"])
        verb = "Would send" if options["dry_run"] else "Sent"
        for reminder in run.sent:
            self.stdout.write(
                f"{verb}: {reminder.document.title} (review by {reminder.review_by}, "
                f"stage {reminder.stage}) to {reminder.recipient}"
            )
        for document in run.without_address:
            self.stderr.write(
                f"No e-mail address for the dokumentansvarig of {document.title} "
                f"({document.owner}); add one to the person."
            )
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(run.sent)} reminder(s)."))
