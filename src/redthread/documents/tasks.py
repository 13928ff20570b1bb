"""Background work of the documents app (django-tasks, run by ``redthread db_worker``)."""

from __future__ import annotations

from django_tasks import task

from redthread.core.audit import acting_as
from redthread.core.management.commands.load_demo import system_user
from redthread.documents.reminders import send_review_reminders


@task()
def send_review_reminders_task() -> int:
    """Send the due reminders about aktualitetsprövning; returns how many were sent."""
    with acting_as(system_user()):
        return len(send_review_reminders().sent)
