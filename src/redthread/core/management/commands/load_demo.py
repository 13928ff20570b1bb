"""``redthread load-demo``: load the Mjölby demo, idempotently, attributed to the system user."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from redthread.core.audit import acting_as
from redthread.core.demo_tools import DemoContext

SYSTEM_USERNAME = "system"


def system_user() -> Any:
    """The account every automatic write is attributed to; it can never sign in."""
    user_model = get_user_model()
    user, created = user_model._default_manager.get_or_create(
        username=SYSTEM_USERNAME, defaults={"first_name": "System", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


class Command(BaseCommand):
    help = "Loads the Mjölby demo municipality. Running it twice gives the same data."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--only", nargs="*", default=None, help="Load only these apps (by label)."
        )

    def handle(self, *args: Any, only: list[str] | None = None, **options: Any) -> None:
        if not (settings.DEMO_MODE or settings.DEBUG or settings.TESTING):
            raise CommandError(
                "The demo is loaded only in demo mode: set REDTHREAD_DEMO=1 "
                "(never on a production database)."
            )
        context = DemoContext()
        with transaction.atomic(), acting_as(system_user()):
            for config in apps.get_app_configs():
                if not config.name.startswith("redthread."):
                    continue
                if only is not None and config.label not in only:
                    continue
                module_name = f"{config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                self.stdout.write(f"Loading demo data: {config.label}")
                import_module(module_name).load(context)
            for step in context.at_end:
                step()
        for line in context.log:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("The demo is loaded."))
