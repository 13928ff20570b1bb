from __future__ import annotations

from typing import Any

from django.urls import reverse

from redthread.organisation.models import Decision
from tests.world import World


def _form(world: World, **overrides: Any) -> dict[str, Any]:
    data = {
        "body": world.bodies["osn"].pk,
        "date": "2026-11-24",
        "paragraph": "112",
        "case_number": "OSN 2026:88",
        "title": "Åtaganden 2027",
        "summary": "",
    }
    data.update(overrides)
    return data


def test_the_namndsekreterare_records_a_decision_of_her_body(world: World, client_for: Any) -> None:
    response = client_for("namndsekreterare").post(
        reverse("organisation:decision_create"), _form(world)
    )
    decision = Decision.objects.get(body=world.bodies["osn"], paragraph="112")
    assert response.status_code == 302
    assert decision.citation == "OSN 2026-11-24 § 112, dnr OSN 2026:88"
    assert decision.history.first().history_user == world.users["namndsekreterare"]


def test_she_cannot_record_for_another_body(world: World, client_for: Any) -> None:
    response = client_for("namndsekreterare").post(
        reverse("organisation:decision_create"), _form(world, body=world.bodies["ks"].pk)
    )
    assert response.status_code == 200
    assert "Välj ett organ som du registrerar beslut för" in response.content.decode()
    assert not Decision.objects.filter(paragraph="112").exists()


def test_a_bad_date_says_how_to_write_it_and_saves_nothing(world: World, client_for: Any) -> None:
    response = client_for("namndsekreterare").post(
        reverse("organisation:decision_create"), _form(world, date="24/11")
    )
    assert "ÅÅÅÅ-MM-DD" in response.content.decode()
    assert not Decision.objects.filter(paragraph="112").exists()


def test_the_same_paragraph_twice_is_refused_with_a_clear_message(
    world: World, client_for: Any
) -> None:
    existing = world.decisions["osn"]
    response = client_for("namndsekreterare").post(
        reverse("organisation:decision_create"),
        _form(world, date=existing.date.isoformat(), paragraph=existing.paragraph),
    )
    assert "Det finns redan ett beslut med den paragrafen" in response.content.decode()


def test_an_attachment_of_the_wrong_type_is_refused(world: World, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("protokoll.exe", b"MZ", content_type="application/octet-stream")
    response = client_for("namndsekreterare").post(
        reverse("organisation:decision_create"), {**_form(world), "attachment": upload}
    )
    assert "PDF" in response.content.decode()
    assert not Decision.objects.filter(paragraph="112").exists()


def test_an_attachment_is_served_only_to_the_organisation(world: World, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    client_for("namndsekreterare").post(
        reverse("organisation:decision_create"), {**_form(world), "attachment": upload}
    )
    decision = Decision.objects.get(paragraph="112")
    url = reverse("organisation:decision_attachment", args=[decision.pk])
    assert client_for("medarbetare").get(url).status_code == 200
    assert client_for("outsider").get(url).status_code == 404
    assert client_for("anonymous").get(url).status_code == 302


def test_the_decision_list_filters_by_body_and_year(world: World, client_for: Any) -> None:
    client = client_for("politiker")
    text = client.get(
        reverse("organisation:decisions"), {"organ": world.bodies["kf"].pk}
    ).content.decode()
    assert "Mjölby kommuns ledningssystem" in text and "Internkontrollplan 2026" not in text
    text = client.get(reverse("organisation:decisions"), {"ar": "2026"}).content.decode()
    assert "Internkontrollplan 2026" in text and "Mjölby kommuns ledningssystem" not in text
