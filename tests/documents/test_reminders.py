"""Reminders before the review date passes: each sent once, to the dokumentansvarig."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from redthread.documents.models import GoverningDocument, ReviewReminder
from redthread.documents.reminders import send_review_reminders, stage_for
from redthread.documents.tasks import send_review_reminders_task
from tests.documents.factories import internal_document, make_document
from tests.world import World

REVIEW_BY = dt.date(2027, 3, 31)


@pytest.fixture
def document(world: World) -> GoverningDocument:
    person = world.people["enhetschef"]
    person.email = "anna@mjolby.example"
    person.save()
    document = internal_document(world)
    document.review_by = REVIEW_BY
    document.save()
    return document


def _on(days_before: int) -> dt.date:
    return REVIEW_BY - dt.timedelta(days=days_before)


def test_the_stage_is_the_most_urgent_one_reached() -> None:
    assert stage_for(REVIEW_BY, _on(120)) is None
    assert stage_for(REVIEW_BY, _on(90)) == 90
    assert stage_for(REVIEW_BY, _on(31)) == 90
    assert stage_for(REVIEW_BY, _on(30)) == 30
    assert stage_for(REVIEW_BY, _on(0)) == 0
    assert stage_for(REVIEW_BY, _on(-40)) == 0


def test_nothing_is_sent_while_the_review_date_is_far_off(document: GoverningDocument) -> None:
    assert send_review_reminders(_on(91)).sent == []
    assert mail.outbox == []


def test_the_dokumentansvarig_is_reminded_90_days_before(document: GoverningDocument) -> None:
    run = send_review_reminders(_on(90))
    assert [r.stage for r in run.sent] == [90]
    [message] = mail.outbox
    assert message.to == ["anna@mjolby.example"]
    assert "Rutin för nyckelhantering" in message.subject
    assert "2027-03-31" in message.body
    assert document.get_absolute_url() in message.body


def test_running_again_sends_nothing_new(document: GoverningDocument) -> None:
    send_review_reminders(_on(90))
    send_review_reminders(_on(89))
    send_review_reminders(_on(60))
    assert len(mail.outbox) == 1
    assert ReviewReminder.objects.filter(document=document).count() == 1


def test_each_stage_is_sent_once_as_it_is_reached(document: GoverningDocument) -> None:
    for day in [_on(90), _on(45), _on(30), _on(10), _on(0), _on(-7)]:
        send_review_reminders(day)
    assert [r.stage for r in ReviewReminder.objects.order_by("sent_at", "pk")] == [90, 30, 0]
    assert len(mail.outbox) == 3
    assert "försenad" in mail.outbox[-1].subject


def test_a_document_entered_late_gets_only_the_latest_stage(document: GoverningDocument) -> None:
    send_review_reminders(_on(5))
    assert [r.stage for r in ReviewReminder.objects.all()] == [30]


def test_a_new_review_date_starts_the_reminders_afresh(document: GoverningDocument) -> None:
    send_review_reminders(_on(90))
    document.record_review(
        reviewed_on=_on(80), next_review_by=dt.date(2029, 3, 31), needs_revision=False
    )
    assert send_review_reminders(_on(79)).sent == []
    send_review_reminders(dt.date(2029, 1, 1))
    assert ReviewReminder.objects.filter(review_by=dt.date(2029, 3, 31), stage=90).exists()


def test_documents_not_in_force_are_not_reminded(world: World, document: GoverningDocument) -> None:
    chef = world.people["forvaltningschef"]
    chef.email = "erik@mjolby.example"
    chef.save()
    document.start_revision()
    revoked = make_document(world, title="Upphävd", review_by=REVIEW_BY)
    revoked.revoke(decision=world.decisions["osn"])
    in_force = make_document(world, title="Gällande", review_by=REVIEW_BY)
    run = send_review_reminders(_on(0))
    assert [r.document for r in run.sent] == [in_force]
    assert run.without_address == []


def test_without_an_address_nothing_is_recorded_and_the_command_says_so(
    world: World, document: GoverningDocument
) -> None:
    person = world.people["enhetschef"]
    person.email = ""
    person.save()
    err = StringIO()
    call_command(
        "send_review_reminders", "--today", _on(30).isoformat(), stdout=StringIO(), stderr=err
    )
    assert "No e-mail address" in err.getvalue() and "Rutin för nyckelhantering" in err.getvalue()
    assert not ReviewReminder.objects.exists()


def test_a_failing_mail_server_records_nothing_so_the_next_run_tries_again(
    document: GoverningDocument,
) -> None:
    with mock.patch("redthread.documents.reminders.send_mail", side_effect=OSError("down")):
        assert send_review_reminders(_on(30)).sent == []
    assert not ReviewReminder.objects.exists()
    assert len(send_review_reminders(_on(30)).sent) == 1


def test_the_command_sends_and_a_dry_run_does_not(document: GoverningDocument) -> None:
    out = StringIO()
    call_command("send_review_reminders", "--dry-run", "--today", _on(30).isoformat(), stdout=out)
    assert "Would send 1 reminder" in out.getvalue() and mail.outbox == []
    out = StringIO()
    call_command("send_review_reminders", "--today", _on(30).isoformat(), stdout=out)
    assert "Sent 1 reminder" in out.getvalue() and len(mail.outbox) == 1
    reminder = ReviewReminder.objects.get()
    assert reminder.history.first().history_user.username == "system"


def test_the_task_sends_the_due_reminders(document: GoverningDocument) -> None:
    import time_machine

    with time_machine.travel(_on(30)):
        result = send_review_reminders_task.enqueue()
    assert result.return_value == 1
    assert len(mail.outbox) == 1


def test_the_start_page_lists_the_owners_documents_due_for_review(
    document: GoverningDocument, client_for: Any
) -> None:
    import time_machine

    with time_machine.travel(_on(20)):
        page = client_for("enhetschef").get("/").content.decode()
        other = client_for("enhetschef_soder").get("/").content.decode()
        register = client_for("kvalitetsstrateg").get("/").content.decode()
    assert "Styrdokument att aktualitetspröva" in page and "Rutin för nyckelhantering" in page
    assert "Styrdokument att aktualitetspröva" not in other
    assert "1 styrdokument i registret ska prövas" in register
