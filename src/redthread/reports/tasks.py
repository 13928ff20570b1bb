"""The background job that makes a report file: the task the report page enqueues.

Building and rendering run outside any long transaction, so the job row itself carries
the progress that the job page polls. A job whose worker died stays "running"; after
``REDTHREAD_IMPORT_STALL_SECONDS`` without progress it shows as stopped and may be run
again, like a ledger import.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from redthread.core.audit import acting_as
from redthread.reports import registry
from redthread.reports.document import NoData
from redthread.reports.engine import ReportRefused, build_report
from redthread.reports.models import ReportJob
from redthread.reports.render import render
from redthread.reports.snapshots import snapshot_create

logger = logging.getLogger(__name__)


def is_stalled(job: ReportJob, now: dt.datetime | None = None) -> bool:
    if job.state != ReportJob.State.RUNNING:
        return False
    seen = job.started_at
    if seen is None:
        return True
    limit = dt.timedelta(seconds=settings.REDTHREAD_IMPORT_STALL_SECONDS)
    return (now or timezone.now()) - seen > limit


def requeue(job: ReportJob) -> None:
    job.state = ReportJob.State.QUEUED
    job.started_at = None
    job.progress = 0
    job.message = ""
    job.save()
    run_report_job.enqueue(job.pk)


def _step(job: ReportJob, progress: int) -> None:
    job.progress = progress
    job.started_at = timezone.now()  # a sign of life
    job.save(update_fields=["progress", "started_at"])


@task()
def run_report_job(job_id: int) -> dict[str, Any]:
    return run_job(job_id)


def run_job(job_id: int) -> dict[str, Any]:
    """Make the job's file; the job ends done (with the file) or failed with the reason."""
    job = ReportJob.objects.select_related("municipality", "body", "period", "requested_by").get(
        pk=job_id
    )
    if job.state != ReportJob.State.QUEUED:
        return {"state": job.state}
    with acting_as(job.requested_by):
        job.state = ReportJob.State.RUNNING
        job.started_at = timezone.now()
        job.progress = 5
        job.save()
        try:
            if job.final:
                _step(job, 20)
                job.snapshot = snapshot_create(
                    municipality=job.municipality,
                    kind=job.kind,
                    year=job.year,
                    body=job.body,
                    period=job.period,
                    fmt=job.format,
                    by=job.requested_by,
                    confirm_no_texts=True,  # confirmed on the page before the job was made
                )
            else:
                built = build_report(
                    job.municipality, job.kind, job.year, body=job.body, period=job.period
                )
                _step(job, 40)
                data = render(built.report, job.format)
                _step(job, 90)
                job.output.save(job.file_name, ContentFile(data), save=False)
        except (ReportRefused, NoData, registry.UnknownKind, registry.BuilderMissing) as error:
            job.state = ReportJob.State.FAILED
            job.message = str(error)
        except Exception:
            logger.exception("Report job %s failed", job.pk)
            job.state = ReportJob.State.FAILED
            job.message = _(
                "Rapporten kunde inte skapas på grund av ett fel i systemet. Försök igen eller "
                "kontakta systemförvaltaren."
            )
        else:
            job.state = ReportJob.State.DONE
            job.progress = 100
        job.finished_at = timezone.now()
        job.save()
    return {"state": job.state}
