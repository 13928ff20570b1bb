"""``redthread backup FILE``: the database and the uploaded files in one verifiable archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from redthread.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Writes a backup (.tar.gz) of the database and the uploaded files, with digests."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            manifest = backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {file}: {len(manifest['tables'])} tables, {rows} rows, "
                f"{len(manifest['media'])} files."
            )
        )
