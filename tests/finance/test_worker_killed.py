"""A task worker killed mid-import: nothing of the import is applied, and it can run again.

The real thing, out of process: the test's database (with the world) is backed up and
restored into a database of its own, a ``db_worker`` starts the ledger import there, and
is killed with SIGKILL once the progress shows it is reading the file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from redthread.core.audit import acting_as
from redthread.finance.models import ImportJob, LedgerEntry
from redthread.finance.tasks import is_stalled, write_progress
from tests.finance.factories import balanced, sie_file
from tests.world import World

VOUCHERS = 60_000  # 120 000 transactions, 300 000 lines: six progress reports


def _redthread(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "redthread"
    return subprocess.run(
        [str(command), *args], env=env, capture_output=True, text=True, check=False
    )


def _shell(env: dict[str, str], code: str) -> Any:
    """Run ``code`` in a Django shell against the copy; it prints one JSON value."""
    done = _redthread(env, "shell", "--no-imports", "-c", code)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def copy_url(tmp_path: Path) -> Iterator[str]:
    """An empty database of the kind the suite runs on, for the restored copy."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'copy.sqlite3'}"
        return
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'redthread'}_worker_killed"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _copy_of_the_world(tmp_path: Path, url: str) -> dict[str, str]:
    """Copy the test database (with the world) to ``url``; the environment to reach it.

    The copy reads through the test's own connection (SQLite) or a snapshot (pg_dump), so
    it works while the test's transaction is open.
    """
    if connection.vendor == "sqlite":
        target = sqlite3.connect(url.removeprefix("sqlite:///"))
        target.executescript("\n".join(connection.connection.iterdump()))
        target.close()
    else:
        db = connection.settings_dict
        dump = tmp_path / "world.dump"
        where = [
            f"--{option}={db[key]}"
            for option, key in (("host", "HOST"), ("port", "PORT"), ("username", "USER"))
            if db.get(key)
        ]
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", *where, db["NAME"]],
            check=True,
        )
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                f"--dbname={urlsplit(url).path.lstrip('/')}",
                *where,
                str(dump),
            ],
            check=True,
        )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTEST_VERSION", "DATABASE_URL", "MEDIA_ROOT"}
    }
    env.update(
        {
            "REDTHREAD_DEMO": "1",
            "DATABASE_URL": url,
            "MEDIA_ROOT": str(tmp_path / "media"),
            "REDTHREAD_VAR_DIR": str(tmp_path / "var"),
        }
    )
    return env


QUEUE_JOB = """
import json
from django.core.files import File
from redthread.core.audit import acting_as
from redthread.finance.models import ImportJob
from redthread.finance.tasks import run_import_job
from redthread.organisation.models import Municipality, User
user = User.objects.get(username="ekonom")
with acting_as(user), open({path!r}, "rb") as handle:
    job = ImportJob(municipality=Municipality.objects.get(code="0586"), original_name="huvudbok.se",
                    size={size}, requested_by=user)
    job.upload.save("huvudbok.se", File(handle), save=False)
    job.save()
run_import_job.enqueue(job.pk)
print(json.dumps(job.pk))
"""

STATE = """
import datetime as dt, json
from django.utils import timezone
from redthread.finance.ledger_import import ledger_stats
from redthread.finance.models import ImportJob
from redthread.finance.tasks import is_stalled
job = ImportJob.objects.get(pk={pk})
later = timezone.now() + dt.timedelta(hours=1)
print(json.dumps({{"state": job.state, "stalled_later": is_stalled(job, later), **ledger_stats()}}))
"""

REQUEUE = """
import json
from django.db import transaction
from redthread.core.audit import acting_as
from redthread.finance.models import ImportJob
from redthread.finance.tasks import is_stalled, requeue
with transaction.atomic(), acting_as(ImportJob.objects.get(pk={pk}).requested_by):
    job = ImportJob.objects.select_for_update().get(pk={pk})
    assert is_stalled(job)
    requeue(job)
print(json.dumps(job.state))
"""


def test_a_worker_killed_mid_import_applies_nothing_and_the_job_runs_again(
    world: World, tmp_path: Path, copy_url: str, settings: Any
) -> None:
    env = _copy_of_the_world(tmp_path, copy_url)
    ledger = tmp_path / "huvudbok.se"
    ledger.write_bytes(
        sie_file([balanced(f"2026{1 + i % 12:02d}15", 100 + i) for i in range(VOUCHERS)])
    )
    pk = _shell(env, QUEUE_JOB.format(path=str(ledger), size=ledger.stat().st_size))
    progress = tmp_path / "media" / "ledger-imports" / "progress" / f"{pk}.json"

    log = tmp_path / "worker.log"
    with log.open("w") as output:
        worker = subprocess.Popen(
            [str(Path(sys.executable).parent / "redthread"), "db_worker", "--no-startup-delay"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if json.loads(progress.read_text())["done"] > 0:
                    break
            except (OSError, ValueError):
                pass
            assert worker.poll() is None, log.read_text()
            time.sleep(0.02)
        else:
            pytest.fail(f"the import never reported progress: {log.read_text()}")
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL

    after_kill = _shell(env, STATE.format(pk=pk))
    assert after_kill == {
        "state": "running",
        "stalled_later": True,
        "entries": 0,
        "imports": 0,
    }, "a killed import must leave nothing in the ledger"

    no_patience = {**env, "REDTHREAD_IMPORT_STALL_SECONDS": "0"}
    assert _shell(no_patience, REQUEUE.format(pk=pk)) == "queued"
    rerun = _redthread(env, "db_worker", "--batch", "--no-startup-delay")
    assert rerun.returncode == 0, rerun.stderr
    assert _shell(env, STATE.format(pk=pk)) == {
        "state": "done",
        "stalled_later": False,
        "entries": 2 * VOUCHERS,
        "imports": 1,
    }


def test_the_job_page_offers_a_stalled_import_again_and_runs_it(
    world: World, client_for: Any
) -> None:
    with acting_as(world.users["ekonom"]):
        job = ImportJob(
            municipality=world.municipality,
            original_name="huvudbok.se",
            requested_by=world.users["ekonom"],
            state=ImportJob.State.RUNNING,
            started_at=dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC),
        )
        job.upload.save("huvudbok.se", ContentFile(sie_file([balanced("20260115", 100)])))
    client = client_for("ekonom")
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Avbruten" in page and "Ingenting har ändrats i huvudboken" in page
    assert "every 1s" not in page, "a stalled job is not polled"

    response = client.post(reverse("finance:import_job_retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE
    assert LedgerEntry.objects.count() == 2

    again = client.post(reverse("finance:import_job_retry", args=[job.pk]))
    assert again.status_code == 409
    assert "kan inte köras igen" in again.content.decode()
    assert LedgerEntry.objects.count() == 2


def test_a_job_still_making_progress_is_not_stalled(world: World, settings: Any) -> None:
    settings.MEDIA_ROOT = str(Path(settings.MEDIA_ROOT) / "fresh")
    job = ImportJob(pk=987654, state=ImportJob.State.RUNNING, started_at=timezone.now())
    write_progress(job.pk, 10, 100)
    assert not is_stalled(job)
    later = timezone.now() + dt.timedelta(seconds=settings.REDTHREAD_IMPORT_STALL_SECONDS + 1)
    assert is_stalled(job, later)
