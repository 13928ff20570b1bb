"""``redthread ledger-stats [--json]``: how many ledger entries and active imports there are."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from redthread.finance.ledger_import import ledger_stats


class Command(BaseCommand):
    help = "Counts the ledger's transactions and the imports whose data is in the ledger."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--json", action="store_true", help="Print the counts as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        stats = ledger_stats()
        if options["json"]:
            self.stdout.write(json.dumps(stats))
        else:
            self.stdout.write(f"{stats['entries']} entries from {stats['imports']} imports.")
