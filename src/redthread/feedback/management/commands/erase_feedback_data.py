"""``redthread erase-feedback-data``: gallring of personal data in closed synpunkter.

Run it every night (cron or a systemd timer). Removes the personal data of every
case closed longer ago than ``REDTHREAD_FEEDBACK_RETENTION_MONTHS`` and logs each
removal; statistics are untouched.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from redthread.core.audit import acting_as
from redthread.core.management.commands.load_demo import system_user
from redthread.feedback.erasure import erase_due, rule_text


class Command(BaseCommand):
    help = "Removes personal data from synpunkter closed longer ago than the retention time."

    def handle(self, *args: Any, **options: Any) -> None:
        user = system_user()
        with acting_as(user):
            records = erase_due(by=user)
        self.stdout.write(f"{rule_text()} {len(records)}")
