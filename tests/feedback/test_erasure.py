"""Gallring: personal data gone from the case and its history, statistics intact, logged."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from redthread.feedback import stats
from redthread.feedback.erasure import erase_due, personal_data_of
from redthread.feedback.models import Answer, ErasureRecord, Note, Photo, ServiceRequest
from redthread.feedback.models.case import State
from tests.world import World

SECRETS = ("Sven Svensson", "sven@example.se", "070-123 45 67", "granne")
RECEIVED = dt.datetime(2026, 1, 12, 9, tzinfo=dt.UTC)


def _photo() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (30, 30)).save(out, format="JPEG")
    return SimpleUploadedFile("a.jpg", out.getvalue(), content_type="image/jpeg")


def _closed_case(cats: Any, world: World) -> ServiceRequest:
    with time_machine.travel(RECEIVED, tick=False):
        Client().post(
            reverse("feedback:submit"),
            {
                "kind": "fault",
                "category": cats["light"].pk,
                "description": "Min granne säger att lampan är trasig.",
                "address": "Storgatan 1",
                "wants_answer": "on",
                "contact_name": "Sven Svensson",
                "contact_email": "sven@example.se",
                "contact_phone": "070-123 45 67",
                "consent": "on",
                "photos": [_photo()],
            },
        )
        case = ServiceRequest.objects.get()
        Note.objects.create(
            service_request=case, author=world.users["handlaggare"], text="Sven ringde."
        )
        Answer.objects.create(
            service_request=case, channel="email", recipient="sven@example.se", body="Hej Sven!"
        )
    with time_machine.travel(RECEIVED + dt.timedelta(days=3), tick=False):
        case.move_to(State.CLOSED)
    return case


def _statistics() -> tuple[Any, ...]:
    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    report = stats.report(start, end, today=dt.date(2026, 6, 1))
    return (
        report.total.received,
        report.total.closed,
        [(r.label, r.received, r.answered_in_time) for r in report.by_category],
        stats.share_answered_within(5, start=start, end=end, today=dt.date(2026, 6, 1)),
    )


def test_gallring_removes_personal_data_everywhere_and_keeps_statistics(
    cats: Any, world: World, client_for: Any
) -> None:
    case = _closed_case(cats, world)
    photo_name = Photo.objects.get().image.name
    before = _statistics()
    with time_machine.travel(RECEIVED + dt.timedelta(days=3 + 93), tick=False):
        records = erase_due(by=world.users["admin"])
    assert [r.reference for r in records] == [case.reference]
    case.refresh_from_db()
    assert case.erased_at and not case.contact_email and not case.description
    assert not Photo.objects.exists() and not Note.objects.exists() and not Answer.objects.exists()
    from django.core.files.storage import default_storage

    assert not default_storage.exists(photo_name)
    # Nothing left in the history either.
    for model in (ServiceRequest, Photo, Note, Answer):
        for row in model.history.values():
            text = " ".join(str(v) for v in row.values())
            for secret in SECRETS:
                assert secret not in text, (model.__name__, secret)
    # The case page and the Historik say it is gone.
    page = client_for("admin").get(case.get_absolute_url()).content.decode()
    history = (
        client_for("admin")
        .get(reverse("core:history", args=["feedback.servicerequest", case.pk]))
        .content.decode()
    )
    for text in (page, history):
        for secret in SECRETS:
            assert secret not in text
    assert "gallrades" in page
    # Statistics are the same, and the removal is logged.
    assert _statistics() == before
    record = ErasureRecord.objects.get()
    assert record.photos == 1 and record.notes == 1 and record.answers == 1
    assert "contact_email" in record.fields and "description" in record.fields


def test_gallring_waits_for_the_retention_time(cats: Any, world: World, settings: Any) -> None:
    case = _closed_case(cats, world)
    with time_machine.travel(RECEIVED + dt.timedelta(days=3 + 80), tick=False):
        assert erase_due(by=world.users["admin"]) == []
    settings.REDTHREAD_FEEDBACK_RETENTION_MONTHS = 1
    with time_machine.travel(RECEIVED + dt.timedelta(days=3 + 40), tick=False):
        assert [r.reference for r in erase_due(by=world.users["admin"])] == [case.reference]


def test_an_open_case_keeps_its_data(cats: Any, world: World) -> None:
    from tests.feedback.factories import case_for

    case = case_for(world)
    with time_machine.travel(timezone.now() + dt.timedelta(days=400), tick=False):
        assert erase_due(by=world.users["admin"]) == []
    case.refresh_from_db()
    assert case.contact_email == "sven@example.se"


def test_the_command_runs_the_gallring(cats: Any, world: World) -> None:
    _closed_case(cats, world)
    out = io.StringIO()
    with time_machine.travel(RECEIVED + dt.timedelta(days=200), tick=False):
        call_command("erase_feedback_data", stdout=out)
    assert out.getvalue().strip().endswith(" 1")
    assert ErasureRecord.objects.get().erased_by.username == "system"


def test_the_admin_runs_gallring_from_the_page_and_the_revisor_reads_the_log(
    cats: Any, world: World, client_for: Any
) -> None:
    case = _closed_case(cats, world)
    with time_machine.travel(RECEIVED + dt.timedelta(days=200), tick=False):
        admin = client_for("admin")
        assert case.reference in admin.get(reverse("feedback:erasure")).content.decode()
        response = admin.post(reverse("feedback:erasure"))
        assert response.status_code == 302
    log = client_for("revisor").get(reverse("feedback:erasure")).content.decode()
    assert case.reference in log and "contact_email" in log


def test_the_register_extract_finds_what_is_held_about_a_person(
    cats: Any, world: World, client_for: Any
) -> None:
    case = _closed_case(cats, world)
    extract = personal_data_of(phone="0701234567")
    assert [c.reference for c in extract.cases] == [case.reference]
    response = client_for("admin").get(
        reverse("feedback:personal_data"), {"epost": "SVEN@example.se", "format": "json"}
    )
    data = response.json()
    assert data["cases"][0]["email"] == "sven@example.se"
    assert data["cases"][0]["answers"][0]["body"] == "Hej Sven!"
    assert personal_data_of(email="nobody@example.se").cases == []
