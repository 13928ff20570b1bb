"""Deadline reminders: sent to the responsible people, each one once, however often the run runs."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import override_settings

from redthread.cycle.generation import ensure_calendar
from redthread.cycle.models import CycleEvent, ReminderLog
from redthread.cycle.reminders import send_due_reminders
from redthread.cycle.tasks import next_run_after, schedule_next_run, send_reminders
from redthread.organisation.models import Person
from tests.world import World

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _at(day: dt.date) -> Any:
    return time_machine.travel(dt.datetime.combine(day, dt.time(7, 0), STOCKHOLM), tick=False)


@pytest.fixture
def calendar(world: World) -> World:
    for role in ("forvaltningschef", "ekonom", "kvalitetsstrateg", "namndsekreterare"):
        Person.objects.filter(pk=world.people[role].pk).update(email=f"{role}@mjolby.example")
    ensure_calendar(world.municipality, 2026)
    return world


def _recipients() -> list[tuple[str, str]]:
    return sorted((m.to[0], m.subject) for m in mail.outbox)


def test_the_responsible_people_are_reminded_before_the_deadline(calendar: World) -> None:
    # 15 May 2026: the prognos per 30 April is due on 18 May (3 days), the budget
    # instructions on 29 May (14 days).
    run = send_due_reminders(dt.date(2026, 5, 15))
    assert len(run.sent) == 2
    assert _recipients() == [
        (
            "ekonom@mjolby.example",
            "Påminnelse: Anvisningar till nämnderna för åtaganden och "
            "driftramar – senast 2026-05-29",
        ),
        (
            "forvaltningschef@mjolby.example",
            "Påminnelse: Bokslutsprognos per 30 april – senast 2026-05-18",
        ),
    ]
    body = next(m.body for m in mail.outbox if m.to == ["forvaltningschef@mjolby.example"])
    assert "om 3 dagar" in body and "/arshjul/steg/" in body


def test_a_reminder_is_never_sent_twice_however_often_the_run_runs(calendar: World) -> None:
    for _ in range(3):
        send_due_reminders(dt.date(2026, 5, 15))
    send_due_reminders(dt.date(2026, 5, 16))  # still inside the same 3-day reminder
    assert len(mail.outbox) == 2
    assert ReminderLog.objects.count() == 2
    run = send_due_reminders(dt.date(2026, 5, 15))
    assert run.sent == [] and run.already_sent == 2


def test_an_overdue_step_is_reminded_after_one_and_after_seven_days(calendar: World) -> None:
    deadline = dt.date(2026, 5, 18)  # prognos_april
    sent = {}
    for offset in range(0, 16):
        day = deadline + dt.timedelta(days=offset)
        for log in send_due_reminders(day).sent:
            if log.event.step.key == "prognos_april":
                sent[offset] = (log.kind, log.days)
    assert sent == {0: ("before", 3), 1: ("overdue", 1), 7: ("overdue", 7)}


def test_a_done_step_is_not_reminded(calendar: World) -> None:
    event = CycleEvent.objects.get(step__key="prognos_april", year=2026)
    event.completed_on = dt.date(2026, 5, 14)
    event.save()
    send_due_reminders(dt.date(2026, 5, 15))
    assert [m.to[0] for m in mail.outbox] == ["ekonom@mjolby.example"]


def test_a_moved_deadline_is_reminded_again_for_its_new_date(calendar: World) -> None:
    send_due_reminders(dt.date(2026, 5, 15))
    event = CycleEvent.objects.get(step__key="prognos_april", year=2026)
    event.reschedule(event.starts_on, dt.date(2026, 5, 20))
    send_due_reminders(dt.date(2026, 5, 17))
    assert [m.subject for m in mail.outbox].count(
        "Påminnelse: Bokslutsprognos per 30 april – senast 2026-05-20"
    ) == 1


def test_a_nämnd_step_goes_to_the_secretary_and_the_administration_head(calendar: World) -> None:
    run = send_due_reminders(dt.date(2026, 1, 28))  # internkontrollplan due 31 January
    to = sorted(log.person.email for log in run.sent if log.event.step.key == "internkontrollplan")
    assert to == ["forvaltningschef@mjolby.example", "namndsekreterare@mjolby.example"]


def test_someone_without_an_email_address_is_counted_not_mailed(calendar: World) -> None:
    Person.objects.filter(pk=calendar.people["ekonom"].pk).update(email="")
    run = send_due_reminders(dt.date(2026, 5, 15))
    assert run.without_email == 1 and len(run.sent) == 1


def test_a_failed_send_is_not_logged_so_the_next_run_tries_again(
    calendar: World, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "tests.cycle.test_reminders.FailingBackend"
    run = send_due_reminders(dt.date(2026, 5, 15))
    assert run.failed == 2 and ReminderLog.objects.count() == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert len(send_due_reminders(dt.date(2026, 5, 15)).sent) == 2


class FailingBackend:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        raise OSError("the mail server is down")


def test_the_log_refuses_a_second_copy_of_a_reminder(calendar: World) -> None:
    log = send_due_reminders(dt.date(2026, 5, 15)).sent[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderLog.objects.create(
            event=log.event,
            person=log.person,
            kind=log.kind,
            days=log.days,
            due_on=log.due_on,
            email=log.email,
        )


def test_the_command_sends_once_and_says_so(calendar: World) -> None:
    out = StringIO()
    call_command("send_reminders", "--date", "2026-05-15", stdout=out)
    call_command("send_reminders", "--date", "2026-05-15", stdout=out)
    assert len(mail.outbox) == 2
    assert "sent 2" in out.getvalue() and "already sent 2" in out.getvalue()


def test_the_command_explains_a_bad_date(calendar: World) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "15/5")


def test_the_task_sends_the_days_reminders(calendar: World) -> None:
    with _at(dt.date(2026, 5, 15)):
        result = send_reminders.enqueue()
    assert result.return_value["sent"] == 2


DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_the_daily_run_is_queued_once_for_the_next_morning(calendar: World) -> None:
    with override_settings(TASKS=DUMMY):
        now = dt.datetime(2026, 5, 15, 9, 0, tzinfo=STOCKHOLM)
        assert schedule_next_run(now) is True
        assert schedule_next_run(now) is False  # one is already waiting
        backend = send_reminders.get_backend()
        assert len(backend.results) == 1  # type: ignore[attr-defined]
    assert next_run_after(now) == dt.datetime(2026, 5, 16, 6, 30, tzinfo=STOCKHOLM)
    early = dt.datetime(2026, 5, 15, 5, 0, tzinfo=STOCKHOLM)
    assert next_run_after(early) == dt.datetime(2026, 5, 15, 6, 30, tzinfo=STOCKHOLM)


def test_the_immediate_backend_of_the_tests_queues_nothing(calendar: World) -> None:
    assert schedule_next_run() is False
