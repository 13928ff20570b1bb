"""The background ledger import: the task the upload page enqueues, with its progress.

While the import runs, its transaction holds the database (on SQLite the only writer),
so progress cannot be written to a table that the browser polls; it goes to a small file
beside the upload instead, and the job row changes only before and after the import.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from redthread.core.audit import acting_as
from redthread.finance.ledger_import import ImportRefused, import_ledger
from redthread.finance.models import ImportJob

logger = logging.getLogger(__name__)


def progress_path(job_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "ledger-imports" / "progress" / f"{job_id}.json"


def write_progress(job_id: int, done: int, total: int) -> None:
    path = progress_path(job_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"done": done, "total": total}))
    os.replace(temporary, path)


def read_progress(job: ImportJob) -> int:
    """Per cent done: 100 when finished, else from the progress file."""
    if job.is_finished:
        return 100
    try:
        data = json.loads(progress_path(job.pk).read_text())
        total = int(data["total"]) or 1
        return max(0, min(99, int(int(data["done"]) * 100 / total)))
    except (OSError, ValueError, KeyError):
        return 0


def last_sign_of_life(job: ImportJob) -> dt.datetime | None:
    """When the worker last wrote the job's progress (or started it)."""
    try:
        stamp = progress_path(job.pk).stat().st_mtime
    except OSError:
        return job.started_at
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC)


def is_stalled(job: ImportJob, now: dt.datetime | None = None) -> bool:
    """A running job whose worker has given no sign of life for ``REDTHREAD_IMPORT_STALL_SECONDS``.

    A worker that is killed or loses its machine mid-import takes its open transaction
    with it, so the ledger holds nothing of the import; only the job row still says
    "running". Such a job may be run again (``requeue``).
    """
    if job.state != ImportJob.State.RUNNING:
        return False
    seen = last_sign_of_life(job)
    if seen is None:
        return True
    limit = dt.timedelta(seconds=settings.REDTHREAD_IMPORT_STALL_SECONDS)
    return (now or timezone.now()) - seen > limit


def requeue(job: ImportJob) -> None:
    """Queue a stalled job again; the caller holds the job's row (``select_for_update``)."""
    job.state = ImportJob.State.QUEUED
    job.started_at = None
    job.message = ""
    job.save()
    progress_path(job.pk).unlink(missing_ok=True)
    run_import_job.enqueue(job.pk)


@task()
def run_import_job(job_id: int) -> dict[str, Any]:
    return run_import(job_id)


def run_import(job_id: int) -> dict[str, Any]:
    """Import the job's file; the job ends as done with a summary or failed with the reason."""
    job = ImportJob.objects.select_related("requested_by", "municipality").get(pk=job_id)
    if job.state != ImportJob.State.QUEUED:
        return {"state": job.state}
    job.state = ImportJob.State.RUNNING
    job.started_at = timezone.now()
    job.save()
    path = Path(job.upload.path)
    total = path.stat().st_size if path.exists() else 0
    write_progress(job.pk, 0, total)
    try:
        with acting_as(job.requested_by):
            outcome = import_ledger(
                path,
                municipality=job.municipality,
                user=job.requested_by,
                dry_run=job.dry_run,
                file_name=job.original_name,
                progress=lambda done: write_progress(job.pk, done, total),
            )
    except ImportRefused as error:
        job.state = ImportJob.State.FAILED
        job.message = str(error)
    except Exception:
        logger.exception("Ledger import job %s failed", job.pk)
        job.state = ImportJob.State.FAILED
        job.message = _(
            "Importen avbröts av ett fel i systemet. Inget har ändrats; försök igen eller "
            "kontakta systemförvaltaren."
        )
    else:
        job.state = ImportJob.State.DONE
        job.ledger_import = outcome.ledger_import
        job.result = {
            "transactions": outcome.info.transactions,
            "vouchers": outcome.info.vouchers,
            "balances": outcome.info.balances,
            "budget_rows": outcome.info.budget_rows,
            "months": [f"{y}-{m:02d}" for y, m in outcome.months],
            "warnings": outcome.warnings,
        }
    job.finished_at = timezone.now()
    with acting_as(job.requested_by):
        job.save()
    progress_path(job.pk).unlink(missing_ok=True)
    return {"state": job.state}
