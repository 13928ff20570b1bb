"""``redthread import-sie FILE [--dry-run] [--json]``: import a ledger file (SIE 4 or CSV)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from redthread.core.audit import acting_as
from redthread.finance.ledger_import import ImportRefused, import_ledger
from redthread.organisation.models import Municipality


class Command(BaseCommand):
    help = (
        "Imports a ledger file (SIE 4E/4I, SIE 2/3 period balances, or CSV). All or nothing; "
        "re-importing a period replaces the earlier data for it."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="The SIE or CSV file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and check the file, write nothing."
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the outcome as JSON on standard output."
        )
        parser.add_argument(
            "--user", default="system", help="The user the import is attributed to."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"The file {path} does not exist.")
        municipality = Municipality.objects.filter(
            code=settings.REDTHREAD_MUNICIPALITY_CODE
        ).first()
        if municipality is None:
            raise CommandError(
                "No municipality is set up in this database; run `redthread migrate` and create "
                "it (or `redthread load-demo`) first."
            )
        user_model = get_user_model()
        user, _created = user_model._default_manager.get_or_create(
            username=options["user"], defaults={"is_active": options["user"] != "system"}
        )
        try:
            with acting_as(user):
                outcome = import_ledger(
                    path, municipality=municipality, user=user, dry_run=options["dry_run"]
                )
        except ImportRefused as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(outcome.as_json(), ensure_ascii=False))
            return
        info = outcome.info
        verb = "Checked" if options["dry_run"] else "Imported"
        self.stdout.write(
            f"{verb} {path.name}: {info.transactions} transactions in {info.vouchers} vouchers, "
            f"{info.balances} period balances, {info.budget_rows} budget rows."
        )
        for warning in outcome.warnings:
            self.stderr.write(f"Warning: {warning}")
