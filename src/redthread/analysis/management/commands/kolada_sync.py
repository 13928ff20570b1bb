"""``redthread kolada-sync``: fetch key figures from Kolada and feed the indicators.

    redthread kolada-sync                           # the indicators' key figures, defaults
    redthread kolada-sync --kpi N01951 N00097 --group G37466 --years 2016-2025
    redthread kolada-sync --kpi N01951 --all-municipalities --years 2025
    redthread kolada-sync --incremental             # only what changed since the last sync
    redthread kolada-sync --from-files ../shared/data/kolada   # offline: the published files

Without ``--municipality`` the municipality itself, its county and Riket are fetched, with
the members of the comparison group (``--group``, else the default in the comparison
settings). Everything is fetched first and saved in one transaction: an error saves nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from redthread.analysis import sync
from redthread.analysis.client import KoladaClient, KoladaError
from redthread.analysis.models import KoladaSync
from redthread.core.audit import acting_as
from redthread.core.management.commands.load_demo import system_user
from redthread.organisation.models import Municipality


class Command(BaseCommand):
    help = "Fetches key figures from Kolada (API v3 or the published files) and feeds indicators."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kpi", nargs="+", default=[], help="Kolada ids, e.g. N01951.")
        parser.add_argument(
            "--municipality", nargs="+", default=[], help="Kolada ids: 0586, 0005, 0000."
        )
        parser.add_argument("--group", nargs="+", default=[], help="Group ids, e.g. G37466.")
        parser.add_argument("--years", default="", help="A-B or one year, e.g. 2016-2025.")
        parser.add_argument(
            "--all-municipalities",
            action="store_true",
            help="Every municipality and region (for ranks across the country).",
        )
        parser.add_argument("--catalogue", action="store_true", help="The whole KPI catalogue.")
        parser.add_argument("--from-date", default="", help="Only changes since YYYY-MM-DD.")
        parser.add_argument(
            "--incremental", action="store_true", help="Only changes since the last sync."
        )
        parser.add_argument(
            "--from-files",
            nargs="?",
            const=str(settings.KOLADA_DATA_DIR),
            default=None,
            metavar="DIR",
            help="Load the published files instead of calling the API.",
        )
        parser.add_argument("--no-feed", action="store_true", help="Do not feed indicators.")
        parser.add_argument("--user", default="", help="Attribute the changes to this user.")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(
            code=settings.REDTHREAD_MUNICIPALITY_CODE
        ).first()
        if municipality is None:
            raise CommandError(
                f"No municipality with code {settings.REDTHREAD_MUNICIPALITY_CODE}; "
                "set REDTHREAD_MUNICIPALITY_CODE or load the organisation first."
            )
        user = self._user(options["user"])
        with acting_as(user):
            try:
                if options["from_files"] is not None:
                    run = sync.run_from_files(
                        Path(options["from_files"]),
                        municipality,
                        user=user,
                        feed=not options["no_feed"],
                    )
                else:
                    selection = sync.complete(
                        municipality,
                        kpis=options["kpi"],
                        municipalities=options["municipality"],
                        groups=options["group"],
                        years=self._years(options["years"]),
                        all_municipalities=options["all_municipalities"],
                        catalogue=options["catalogue"],
                        from_date=self._from_date(options),
                        feed=not options["no_feed"],
                    )
                    run = sync.run(selection, municipality, client=KoladaClient(), user=user)
            except KoladaError as error:
                raise CommandError(str(error)) from None
        self._report(run)

    def _user(self, username: str) -> Any:
        if not username:
            return system_user()
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        return user

    def _years(self, text: str) -> list[int]:
        if not text:
            return []
        try:
            return sync.parse_years(text)
        except ValueError:
            raise CommandError(
                f"--years: write A-B or one year, e.g. 2016-2025, not {text!r}."
            ) from None

    def _from_date(self, options: dict[str, Any]) -> dt.date | None:
        if options["from_date"]:
            try:
                return dt.date.fromisoformat(options["from_date"])
            except ValueError:
                raise CommandError("--from-date: write the date as YYYY-MM-DD.") from None
        if options["incremental"]:
            last = sync.last_success()
            if last is None:
                self.stdout.write("No earlier sync: fetching everything.")
                return None
            return last.started_at.date()
        return None

    def _report(self, run: KoladaSync) -> None:
        self.stdout.write(
            f"Values: {run.values_created} new, {run.values_updated} changed, "
            f"{run.values_unchanged} unchanged."
        )
        catalogue = run.parameters.get("catalogue", {})
        if catalogue:
            self.stdout.write(
                f"Catalogue: {catalogue.get('kpis', 0)} key figures, "
                f"{catalogue.get('municipalities', 0)} municipalities, "
                f"{catalogue.get('groups', 0)} groups read; {catalogue.get('created', 0)} new, "
                f"{catalogue.get('updated', 0)} changed."
            )
        self.stdout.write(
            f"Indicators: {run.actuals_written} actuals written, "
            f"{run.pending} figures waiting for a decision (see /analys/vantande/)."
        )
        self.stdout.write(self.style.SUCCESS("The sync is done."))
