"""``redthread serve``: the web server (gunicorn) and the background task worker together.

For the demo and small installations. A larger installation runs the two as separate
services (see the README's production section).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serves Röda tråden with gunicorn and runs the background task worker."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-worker", action="store_true", help="Do not start a task worker.")

    def handle(
        self, *args: Any, host: str, port: int, workers: int, no_worker: bool, **options: Any
    ) -> None:
        bindir = os.path.dirname(sys.executable)
        commands = [
            [
                os.path.join(bindir, "gunicorn"),
                "redthread.wsgi",
                "--bind",
                f"{host}:{port}",
                "--workers",
                str(workers),
                "--threads",
                "4",
                "--access-logfile",
                "-",
            ]
        ]
        if not no_worker:
            commands.append([os.path.join(bindir, "redthread"), "db_worker"])
        processes = [subprocess.Popen(command) for command in commands]  # noqa: S603
        self.stdout.write(self.style.SUCCESS(f"Röda tråden: http://{host}:{port}/"))
        if settings.DEMO_MODE:
            from redthread.organisation.hooks import DEMO_LOGINS

            self.stdout.write("Demo logins (password: demo):")
            for username, description in DEMO_LOGINS:
                self.stdout.write(f"  {username:<18} {description}")
            self.stdout.write("API: Authorization: Bearer demo-<username>")
        stop = False

        def _stop(signum: int, frame: Any) -> None:
            nonlocal stop
            stop = True

        signal.signal(signal.SIGINT, _stop)
        signal.signal(signal.SIGTERM, _stop)
        try:
            while not stop and all(p.poll() is None for p in processes):
                time.sleep(0.5)
        finally:
            for p in processes:
                if p.poll() is None:
                    p.terminate()
            for p in processes:
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
