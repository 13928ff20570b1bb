"""The daily reminder run as a background task (django-tasks, database backend).

The task sends what is due, then queues its own next run for tomorrow morning, so one
``redthread send-reminders --schedule`` starts a run every day for as long as the task
worker runs. It never queues a second run while one is waiting, and the sending itself is
idempotent, so scheduling twice or running by hand in between sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus

from redthread.cycle.reminders import send_due_reminders

RUN_AT = dt.time(6, 30)


@task()
def send_reminders() -> dict[str, int]:
    """Send today's reminders and queue tomorrow's run."""
    run = send_due_reminders()
    schedule_next_run()
    return {
        "sent": len(run.sent),
        "already_sent": run.already_sent,
        "failed": run.failed,
        "without_email": run.without_email,
    }


def next_run_after(now: dt.datetime) -> dt.datetime:
    """The next morning run strictly after ``now``, in the installation's time zone."""
    local = timezone.localtime(now)
    candidate = local.replace(hour=RUN_AT.hour, minute=RUN_AT.minute, second=0, microsecond=0)
    if candidate <= local:
        candidate = (candidate + dt.timedelta(days=1)).replace(
            hour=RUN_AT.hour, minute=RUN_AT.minute
        )
    return candidate


def schedule_next_run(now: dt.datetime | None = None) -> bool:
    """Queue the next run unless the backend cannot defer or a run is already waiting."""
    backend = send_reminders.get_backend()
    if not backend.supports_defer or _waiting(backend):
        return False
    send_reminders.using(run_after=next_run_after(now or timezone.now())).enqueue()
    return True


def _waiting(backend: Any) -> bool:
    path = send_reminders.module_path
    from django_tasks_db.backend import DatabaseBackend

    if isinstance(backend, DatabaseBackend):
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.filter(task_path=path, status=TaskResultStatus.READY).exists()
    results = getattr(backend, "results", None)  # the dummy backend keeps them in memory
    return any(
        r.task.module_path == path and r.status == TaskResultStatus.READY for r in results or []
    )
