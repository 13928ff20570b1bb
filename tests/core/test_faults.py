"""Faults: a full or read-only upload storage, and a write that fails half-way."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from redthread.organisation.models import Decision
from tests.world import World


def _full(*args: Any, **kwargs: Any) -> Any:
    raise OSError(28, "No space left on device")


def test_a_full_disk_refuses_the_upload_clearly_and_saves_nothing(
    world: World, client_for: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(FileSystemStorage, "_save", _full)
    upload = SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client_for("namndsekreterare").post(
        reverse("organisation:decision_create"),
        {
            "body": world.bodies["osn"].pk,
            "date": "2026-11-24",
            "paragraph": "77",
            "title": "Taxor 2027",
            "attachment": upload,
        },
    )
    assert response.status_code == 507
    text = response.content.decode()
    assert "lagringen är full eller skrivskyddad" in text and "Ingenting sparades" in text
    assert not Decision.objects.filter(paragraph="77").exists()


def test_a_server_error_in_the_middle_of_a_write_rolls_everything_back(
    world: World, client_for: Any, monkeypatch: Any
) -> None:
    from redthread.organisation import views

    original = views.messages.success

    def fail_after_saving(*args: Any, **kwargs: Any) -> None:
        original(*args, **kwargs)
        raise RuntimeError("crash after the save")

    monkeypatch.setattr(views.messages, "success", fail_after_saving)
    client = client_for("namndsekreterare")
    client.raise_request_exception = False
    response = client.post(
        reverse("organisation:decision_create"),
        {
            "body": world.bodies["osn"].pk,
            "date": "2026-11-24",
            "paragraph": "78",
            "title": "Halvt sparat?",
        },
    )
    assert response.status_code == 500
    assert not Decision.objects.filter(paragraph="78").exists()
