"""The public form, receipt and status page: no login, no personal data shown, abuse refused."""

from __future__ import annotations

import io
from typing import Any

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from redthread.feedback.models import Photo, ServiceRequest
from tests.world import World

FORM = reverse("feedback:submit")


def form_data(cats: Any, **extra: Any) -> dict[str, Any]:
    data = {
        "kind": "fault",
        "category": cats["light"].pk,
        "description": "Gatlampan utanför Storgatan 12 är trasig.",
        "address": "Storgatan 12, Mantorp",
    }
    data.update(extra)
    return data


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (400, 300), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (58.0, 19.0, 28.2), 3: "E", 4: (15.0, 7.0, 51.6)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_citizen_sends_a_fault_report_and_gets_a_reference(cats: Any) -> None:
    client = Client()
    response = client.post(FORM, form_data(cats))
    case = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:receipt", args=[case.reference])
    assert case.channel == "web" and case.state == "new"
    assert case.unit == cats["light"].unit
    assert not case.wants_answer and not case.contact_email
    page = client.get(response["Location"]).content.decode()
    assert case.reference in page


def test_the_form_needs_no_login_and_shows_the_categories(cats: Any) -> None:
    page = Client().get(FORM).content.decode()
    assert "Gatubelysning" in page and "Omsorg" in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_contact_details_are_kept_only_with_a_wish_for_an_answer_and_consent(cats: Any) -> None:
    client = Client()
    response = client.post(FORM, form_data(cats, contact_email="sven@example.se"))
    assert response.status_code == 400
    assert "Jag vill ha svar" in response.content.decode()
    response = client.post(
        FORM, form_data(cats, wants_answer="on", contact_email="sven@example.se")
    )
    assert response.status_code == 400
    assert "samtycket" in response.content.decode()
    assert not ServiceRequest.objects.exists()
    response = client.post(
        FORM,
        form_data(cats, wants_answer="on", contact_email="sven@example.se", consent="on"),
    )
    assert response.status_code == 302
    case = ServiceRequest.objects.get()
    assert case.wants_answer and case.contact_email == "sven@example.se" and case.consent_at


def test_a_receipt_goes_to_the_email_address(
    cats: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(
            FORM, form_data(cats, wants_answer="on", contact_email="sven@example.se", consent="on")
        )
    case = ServiceRequest.objects.get()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sven@example.se"]
    assert case.reference in mail.outbox[0].body


def test_a_fault_report_needs_a_place(cats: Any) -> None:
    response = Client().post(FORM, form_data(cats, address=""))
    assert response.status_code == 400
    assert "Skriv var felet finns" in response.content.decode()
    response = Client().post(
        FORM, form_data(cats, address="", latitude="58,3245", longitude="15,131")
    )
    assert response.status_code == 302
    assert str(ServiceRequest.objects.get().latitude) == "58.324500"


def test_a_complaint_needs_no_place(cats: Any) -> None:
    response = Client().post(
        FORM, form_data(cats, kind="complaint", category=cats["care"].pk, address="")
    )
    assert response.status_code == 302


def test_half_a_coordinate_is_refused(cats: Any) -> None:
    response = Client().post(FORM, form_data(cats, latitude="58.3"))
    assert response.status_code == 400
    assert not ServiceRequest.objects.exists()


def test_the_status_page_shows_the_state_but_no_personal_data(cats: Any) -> None:
    client = Client()
    client.post(
        FORM,
        form_data(
            cats,
            wants_answer="on",
            contact_name="Sven Svensson",
            contact_email="sven@example.se",
            contact_phone="070-123 45 67",
            consent="on",
        ),
    )
    case = ServiceRequest.objects.get()
    for url in (case.get_public_url(), reverse("feedback:receipt", args=[case.reference])):
        page = Client().get(url).content.decode()
        assert "Ny" in page or case.reference in page
        for secret in ("Sven", "sven@example.se", "070-123", "Storgatan 12, Mantorp är trasig"):
            assert secret not in page
    assert "Gatlampan utanför" not in Client().get(case.get_public_url()).content.decode()


def test_the_status_lookup_finds_a_reference_and_explains_a_miss(cats: Any) -> None:
    Client().post(FORM, form_data(cats))
    case = ServiceRequest.objects.get()
    lookup = reverse("feedback:status_lookup")
    response = Client().get(lookup, {"referens": case.reference.lower()})
    assert response.status_code == 302 and response["Location"] == case.get_public_url()
    response = Client().get(lookup, {"referens": "2026-XXXXXX"})
    assert response.status_code == 404
    assert "Vi hittar inget ärende" in response.content.decode()
    assert Client().get(reverse("feedback:status", args=["2026-XXXXXX"])).status_code == 404


def test_input_is_never_rendered_as_html(cats: Any, world: World, client_for: Any) -> None:
    script = "<script>alert('x')</script>"
    Client().post(FORM, form_data(cats, description=script, address=script))
    case = ServiceRequest.objects.get()
    case.publish_description = True
    case.save()
    for page in (
        Client().get(case.get_public_url()).content.decode(),
        client_for("handlaggare").get(case.get_absolute_url()).content.decode(),
    ):
        assert script not in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_the_honeypot_refuses_a_bot_and_saves_nothing(cats: Any) -> None:
    response = Client().post(FORM, form_data(cats, website="http://spam.example"))
    assert response.status_code == 400
    assert not ServiceRequest.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(cats: Any) -> None:
    response = Client(enforce_csrf_checks=True).post(FORM, form_data(cats))
    assert response.status_code == 403
    assert not ServiceRequest.objects.exists()


def test_the_rate_limit_stops_a_client_and_holds_per_client(cats: Any, settings: Any) -> None:
    settings.REDTHREAD_FEEDBACK_RATE_LIMIT = "3/h"
    client = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(3):
        assert client.post(FORM, form_data(cats)).status_code == 302
    response = client.post(FORM, form_data(cats))
    assert response.status_code == 429
    assert "Vänta en stund" in response.content.decode()
    assert ServiceRequest.objects.count() == 3
    other = Client(REMOTE_ADDR="192.0.2.11")
    assert other.post(FORM, form_data(cats)).status_code == 302


def test_behind_a_proxy_the_limit_follows_the_forwarded_address(cats: Any, settings: Any) -> None:
    settings.REDTHREAD_FEEDBACK_RATE_LIMIT = "1/h"
    settings.REDTHREAD_PROXY_COUNT = 1
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert first.post(FORM, form_data(cats)).status_code == 302
    assert second.post(FORM, form_data(cats)).status_code == 302
    assert first.post(FORM, form_data(cats)).status_code == 429


def test_the_rate_limit_stores_no_address(cats: Any) -> None:
    from redthread.feedback.models import RateLimitBucket

    Client(REMOTE_ADDR="192.0.2.10").post(FORM, form_data(cats))
    bucket = RateLimitBucket.objects.get()
    assert "192.0.2.10" not in bucket.client and len(bucket.client) == 64
    assert bucket.count == 1 and not RateLimitBucket.history.exists()


def test_a_photo_is_kept_without_its_exif_and_gps(cats: Any, world: World, client_for: Any) -> None:
    upload = SimpleUploadedFile("lampa.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = Client().post(FORM, {**form_data(cats), "photos": [upload]})
    assert response.status_code == 302
    photo = Photo.objects.get()
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info
    handler = client_for("handlaggare")
    served = handler.get(reverse("feedback:photo", args=[photo.service_request_id, photo.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert (
        client_for("enhetschef")
        .get(reverse("feedback:photo", args=[photo.service_request_id, photo.pk]))
        .status_code
        == 404
    )


def test_a_file_that_is_not_a_photo_is_refused(cats: Any) -> None:
    fake = SimpleUploadedFile("lampa.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = Client().post(FORM, {**form_data(cats), "photos": [fake]})
    assert response.status_code == 400
    assert "kunde inte läsas som en bild" in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_a_gif_and_a_too_large_photo_are_refused(cats: Any) -> None:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    gif = SimpleUploadedFile("a.gif", out.getvalue(), content_type="image/gif")
    response = Client().post(FORM, {**form_data(cats), "photos": [gif]})
    assert "inte en JPEG- eller PNG-bild" in response.content.decode()
    big = SimpleUploadedFile("big.jpg", b"\xff" * (5 * 1024 * 1024 + 1), content_type="image/jpeg")
    response = Client().post(FORM, {**form_data(cats), "photos": [big]})
    assert "större än 5 MB" in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_at_most_three_photos(cats: Any) -> None:
    def png() -> SimpleUploadedFile:
        out = io.BytesIO()
        Image.new("RGB", (20, 20)).save(out, format="PNG")
        return SimpleUploadedFile("a.png", out.getvalue(), content_type="image/png")

    response = Client().post(FORM, {**form_data(cats), "photos": [png() for _ in range(4)]})
    assert response.status_code == 400
    assert "högst tre bilder" in response.content.decode()


def test_a_too_long_description_is_refused(cats: Any) -> None:
    response = Client().post(FORM, form_data(cats, description="x" * 4001))
    assert response.status_code == 400
    assert not ServiceRequest.objects.exists()
