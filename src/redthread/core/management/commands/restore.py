"""``redthread restore FILE``: into an empty database, then check every table and file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from redthread.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restores a backup into an empty database and MEDIA_ROOT, and verifies it."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            report = restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if report.differences:
            for line in report.differences:
                self.stderr.write(line)
            raise CommandError("The restored data differs from the backup (see above).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored and verified: {report.tables} tables, {report.rows} rows, {report.files} files identical."
            )
        )
