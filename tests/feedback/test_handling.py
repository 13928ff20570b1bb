"""Handling a case: inboxes, assignment, states, notes, answers, conflicts, registration."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from redthread.feedback.models import Answer, Note, ServiceRequest
from redthread.feedback.models.case import State
from tests.feedback.factories import case_for, make_case
from tests.world import World


def test_the_handlaggare_sees_the_categorys_cases_in_the_inbox(
    world: World, client_for: Any
) -> None:
    light = case_for(world, "light")
    care = case_for(world, "care")
    page = client_for("handlaggare").get(reverse("feedback:inbox")).content.decode()
    assert light.reference in page and care.reference not in page


def test_the_enhetschef_and_forvaltningschef_see_their_units_cases(
    world: World, client_for: Any
) -> None:
    light = case_for(world, "light")
    care = case_for(world, "care")
    for role in ("enhetschef", "forvaltningschef"):
        page = client_for(role).get(reverse("feedback:inbox")).content.decode()
        assert care.reference in page and light.reference not in page
    page = client_for("enhetschef_soder").get(reverse("feedback:inbox")).content.decode()
    assert care.reference not in page


def test_a_medarbetare_sees_no_case_but_may_register_one(world: World, client_for: Any) -> None:
    case_for(world, "light")
    client = client_for("medarbetare")
    page = client.get(reverse("feedback:inbox")).content.decode()
    assert "Inga ärenden" in page
    assert client.get(case_for(world).get_absolute_url()).status_code == 404


def test_the_inbox_filters_by_unit_category_and_state(
    world: World, client_for: Any, cats: Any
) -> None:
    light = case_for(world, "light")
    care = case_for(world, "care")
    client = client_for("admin")
    page = client.get(reverse("feedback:inbox"), {"kategori": cats["care"].pk}).content.decode()
    assert care.reference in page and light.reference not in page
    page = client.get(reverse("feedback:inbox"), {"enhet": world.units["osf"].pk}).content.decode()
    assert care.reference in page and light.reference not in page
    light.move_to(State.RESOLVED)
    page = client.get(reverse("feedback:inbox")).content.decode()
    assert light.reference not in page
    page = client.get(reverse("feedback:inbox"), {"status": "resolved"}).content.decode()
    assert light.reference in page


def test_the_inbox_runs_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(25):
        make_case(world)
    client = client_for("handlaggare")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("feedback:inbox"))
    assert response.content.decode().count("/synpunkter/arenden/") == 25


def test_a_handlaggare_handles_a_case_to_closed(world: World, client_for: Any) -> None:
    case = case_for(world)
    client = client_for("handlaggare")
    url = lambda name: reverse(name, args=[case.pk])  # noqa: E731
    client.post(
        url("feedback:assign"), {"person": world.people["handlaggare"].pk, "version": case.version}
    )
    case.refresh_from_db()
    assert case.state == State.ASSIGNED and case.assigned_to == world.people["handlaggare"]
    client.post(url("feedback:transition"), {"state": "in_progress", "version": case.version})
    client.post(url("feedback:note"), {"text": "Elektriker beställd."})
    case.refresh_from_db()
    client.post(
        url("feedback:transition"),
        {"state": "resolved", "status_note": "Lampan är bytt.", "version": case.version},
    )
    case.refresh_from_db()
    client.post(
        url("feedback:transition"),
        {"state": "closed", "status_note": case.status_note, "version": case.version},
    )
    case.refresh_from_db()
    assert case.state == State.CLOSED and case.closed_at and case.responded_at
    assert case.status_note == "Lampan är bytt."
    assert Note.objects.filter(service_request=case).count() == 1
    status = client.get(case.get_public_url()).content.decode()
    assert "Avslutad" in status and "Lampan är bytt." in status


def test_a_transition_the_state_does_not_allow_is_refused(world: World) -> None:
    from django.core.exceptions import ValidationError

    case = case_for(world)
    case.move_to(State.CLOSED)
    with pytest.raises(ValidationError):
        case.move_to(State.RESOLVED)


def test_a_stale_form_gets_a_conflict_and_changes_nothing(world: World, client_for: Any) -> None:
    case = case_for(world)
    stale = case.version
    case.assign(world.people["handlaggare"])
    response = client_for("handlaggare").post(
        reverse("feedback:transition", args=[case.pk]),
        {"state": "resolved", "version": stale},
        follow=True,
    )
    assert "ändrats av någon annan" in response.content.decode()
    case.refresh_from_db()
    assert case.state == State.ASSIGNED


def test_the_revisor_and_kvalitetsstrateg_read_but_do_not_handle(
    world: World, client_for: Any
) -> None:
    case = case_for(world)
    for role in ("revisor", "kvalitetsstrateg"):
        client = client_for(role)
        page = client.get(case.get_absolute_url()).content.decode()
        assert case.reference in page and "Ändra status" not in page
        response = client.post(reverse("feedback:transition", args=[case.pk]), {"state": "closed"})
        assert response.status_code == 403
    case.refresh_from_db()
    assert case.state == State.NEW


def test_an_answer_by_email_from_a_template(world: World, client_for: Any) -> None:
    case = case_for(world)
    client = client_for("handlaggare")
    from redthread.feedback.models import AnswerTemplate

    template = AnswerTemplate.objects.get(name="Åtgärdat")
    page = client.get(reverse("feedback:answer", args=[case.pk]), {"mall": template.pk})
    text = page.content.decode()
    assert f"Ditt ärende {case.reference}" in text and "Hej Sven Svensson!" in text
    response = client.post(
        reverse("feedback:answer", args=[case.pk]),
        {
            "channel": "email",
            "subject": f"Ditt ärende {case.reference}",
            "body": "Hej! Lampan är lagad.",
        },
    )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["sven@example.se"]
    assert mail.outbox[-1].body == "Hej! Lampan är lagad."
    case.refresh_from_db()
    assert case.responded_at is not None and case.response_days == 0
    assert Answer.objects.get(service_request=case).recipient == "sven@example.se"


def test_a_failed_email_saves_nothing(world: World, client_for: Any, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens: the connection is refused
    case = case_for(world)
    response = client_for("handlaggare").post(
        reverse("feedback:answer", args=[case.pk]),
        {"channel": "email", "subject": "Svar", "body": "Hej!"},
    )
    assert response.status_code == 200
    assert "kunde inte skickas" in response.content.decode()
    case.refresh_from_db()
    assert case.responded_at is None and not Answer.objects.exists()


def test_without_an_email_address_only_phone_or_letter(world: World, client_for: Any) -> None:
    case = make_case(world)
    client = client_for("handlaggare")
    response = client.post(
        reverse("feedback:answer", args=[case.pk]),
        {"channel": "email", "subject": "x", "body": "y"},
    )
    assert response.status_code == 200 and not Answer.objects.exists()
    response = client.post(
        reverse("feedback:answer", args=[case.pk]),
        {"channel": "phone", "body": "Ringde och förklarade."},
    )
    assert response.status_code == 302
    assert not mail.outbox


def test_an_employee_registers_a_call_on_the_persons_behalf(
    world: World, client_for: Any, cats: Any
) -> None:
    client = client_for("medarbetare")
    response = client.post(
        reverse("feedback:register"),
        {
            "channel": "phone",
            "kind": "complaint",
            "category": cats["care"].pk,
            "description": "Ringde om sena besök från hemtjänsten.",
            "wants_answer": "on",
            "contact_phone": "013-123 45",
            "consent": "on",
        },
    )
    case = ServiceRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.channel == "phone" and case.registered_by == world.users["medarbetare"]
    assert client.get(case.get_absolute_url()).status_code == 200  # who registered reads it
    page = client_for("enhetschef").get(reverse("feedback:inbox")).content.decode()
    assert case.reference in page


def test_edit_corrects_the_category_and_what_is_public(
    world: World, client_for: Any, cats: Any
) -> None:
    case = case_for(world)
    response = client_for("handlaggare").post(
        reverse("feedback:edit", args=[case.pk]),
        {
            "version": case.version,
            "kind": "fault",
            "category": cats["light"].pk,
            "unit": world.units["kc"].pk,
            "address": "Storgatan 14",
            "publish_description": "on",
            "status_note": "Vi tittar på det.",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.unit == world.units["kc"] and case.publish_description


def test_a_duplicate_points_to_the_first_case(world: World, client_for: Any) -> None:
    first = make_case(world)
    second = make_case(world)
    client_for("handlaggare").post(
        reverse("feedback:transition", args=[second.pk]),
        {"state": "duplicate", "duplicate_of": first.reference.lower(), "version": second.version},
    )
    second.refresh_from_db()
    assert second.state == State.DUPLICATE and second.duplicate_of == first
    assert second.open311_status == "closed"


def test_a_duplicate_needs_the_other_case(world: World, client_for: Any) -> None:
    case = make_case(world)
    response = client_for("handlaggare").post(
        reverse("feedback:transition", args=[case.pk]),
        {"state": "duplicate", "version": case.version},
        follow=True,
    )
    assert "Välj vilket ärende" in response.content.decode()


def test_the_start_page_tells_the_handlaggare_what_waits(world: World, client_for: Any) -> None:
    case_for(world)
    page = client_for("handlaggare").get("/").content.decode()
    assert "1 öppet ärende i din inkorg" in page
    assert "i din inkorg" not in client_for("medarbetare").get("/").content.decode()
