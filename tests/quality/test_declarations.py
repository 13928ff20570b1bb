"""Kvalitetsdeklarationer: drafted, decided by the nämnd into versions, read by citizens."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from redthread.cycle.models import ReportingPeriod
from redthread.goals.models import Actual
from redthread.organisation.models import Decision
from redthread.quality.models import ServiceDeclaration, ServicePromise
from tests.quality.factories import CODE, a_decided_declaration, a_declaration, second_decision
from tests.world import World


def test_deciding_freezes_the_draft_as_a_numbered_version(world: World) -> None:
    declaration = a_declaration(world)
    assert declaration.state == ServiceDeclaration.State.DRAFT
    version = declaration.decide(world.decisions["osn"])
    assert version.number == 1
    assert version.valid_from == world.decisions["osn"].date
    assert version.content["service"] == "Hemtjänst"
    assert [p["text"] for p in version.content["promises"]] == [
        "Din kontaktman gör de flesta av dina besök.",
        "Du möter ett fast team.",
    ]
    declaration.refresh_from_db()
    assert declaration.state == ServiceDeclaration.State.IN_FORCE
    assert not declaration.has_undecided_changes()
    ServicePromise.objects.filter(declaration=declaration, order=20).update(text="Ändrat")
    assert declaration.has_undecided_changes()


def test_citizens_read_the_decided_version_not_the_draft(world: World, client_for: Any) -> None:
    declaration = a_decided_declaration(world)
    declaration.summary = "Ett utkast som nämnden inte har sett."
    declaration.save()
    page = client_for("anonymous").get(reverse("quality:public_declaration", args=[CODE]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Stöd och hjälp i hemmet, dag och kväll." in text
    assert "Ett utkast som nämnden inte har sett." not in text
    assert "OSN 2026-03-18 § 31" in text and "OSN 2026-01-28 § 5" in text
    assert "2026-01-28 – 2026-03-17" in text  # version 1 applied until the day before version 2


def test_an_earlier_version_stays_readable_with_its_decision(world: World, client_for: Any) -> None:
    a_decided_declaration(world)
    client = client_for("anonymous")
    page = client.get(reverse("quality:public_declaration_version", args=[CODE, 1]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Det här är en tidigare version" in text
    assert "Stöd och hjälp i hemmet." in text and "dag och kväll" not in text
    assert "OSN 2026-01-28 § 5" in text
    current = client.get(reverse("quality:public_declaration_version", args=[CODE, 2]))
    assert current.status_code == 302  # the version in force is the declaration's own page
    assert (
        client.get(reverse("quality:public_declaration_version", args=[CODE, 9])).status_code == 404
    )


def test_a_draft_is_not_public(world: World, client_for: Any) -> None:
    a_declaration(world)
    client = client_for("anonymous")
    assert client.get(reverse("quality:public_declaration", args=[CODE])).status_code == 404
    assert "Hemtjänst" not in client.get(reverse("quality:public_declarations")).content.decode()


def test_the_public_page_shows_results_of_closed_periods_only(
    world: World, client_for: Any
) -> None:
    a_decided_declaration(world)
    url = reverse("quality:public_declaration", args=[CODE])
    anonymous = client_for("anonymous")
    assert "Löftena har inte mätts ännu" in anonymous.get(url).content.decode()
    interim = world.extra["chain"].periods["interim"]
    interim.state = ReportingPeriod.State.CLOSED
    interim.save()
    text = anonymous.get(url).content.decode()
    assert "Delår 2026" in text
    assert "Löftet hölls nästan" in text
    assert "67\u00a0%" in text and "70\u00a0%" in text  # in the mått's decimals


def test_the_contact_when_a_promise_is_broken_opens_the_synpunkt_form_with_the_service(
    world: World, client_for: Any
) -> None:
    a_decided_declaration(world)
    text = client_for("anonymous").get(reverse("quality:public_declaration", args=[CODE])).content
    assert f"?service={CODE}".encode() in text
    assert "Lämna en synpunkt om Hemtjänst".encode() in text


def test_the_nämnd_decides_only_with_its_own_decision(world: World) -> None:
    declaration = a_declaration(world)
    other = Decision.objects.create(
        body=world.bodies["un"], date=dt.date(2026, 2, 1), paragraph="3", title="Annat"
    )
    with pytest.raises(ValidationError, match="Omsorgs- och socialnämnden"):
        declaration.decide(other)
    assert not declaration.versions.exists()


def test_a_declaration_without_promises_cannot_be_decided(world: World) -> None:
    declaration = a_declaration(world)
    declaration.promises.all().delete()
    with pytest.raises(ValidationError, match="minst ett löfte"):
        declaration.decide(world.decisions["osn"])


def test_a_new_version_must_apply_from_a_later_day(world: World) -> None:
    declaration = a_decided_declaration(world)
    later = Decision.objects.create(
        body=world.bodies["osn"], date=dt.date(2026, 2, 1), paragraph="12", title="För tidigt"
    )
    with pytest.raises(ValidationError, match="senare datum än version 2"):
        declaration.decide(later)
    with pytest.raises(ValidationError, match="redan fastställd"):
        declaration.decide(second_decision(world))
    assert declaration.versions.count() == 2


def test_the_secretary_records_the_decision_on_the_page(world: World, client_for: Any) -> None:
    declaration = a_declaration(world)
    url = reverse("quality:declaration_decide", args=[declaration.pk])
    response = client_for("namndsekreterare").post(url, {"decision": world.decisions["osn"].pk})
    assert response.status_code == 302
    assert declaration.versions.get().decision == world.decisions["osn"]
    refused = client_for("enhetschef").post(url, {"decision": world.decisions["osn"].pk})
    assert refused.status_code == 403


def test_a_refused_decision_says_why_and_saves_nothing(world: World, client_for: Any) -> None:
    declaration = a_declaration(world)
    declaration.promises.all().delete()
    response = client_for("forvaltningschef").post(
        reverse("quality:declaration_decide", args=[declaration.pk]),
        {"decision": world.decisions["osn"].pk},
    )
    assert response.status_code == 400
    assert "Skriv minst ett löfte" in response.content.decode()
    assert not declaration.versions.exists()


def test_two_people_editing_the_draft_do_not_overwrite_each_other(
    world: World, client_for: Any
) -> None:
    declaration = a_declaration(world)
    url = reverse("quality:declaration_edit", args=[declaration.pk])
    form = {
        "service": "Hemtjänst",
        "code": CODE,
        "body": world.bodies["osn"].pk,
        "unit": world.units["aldre"].pk,
        "summary": declaration.summary,
        "order": 100,
        "version": declaration.version,
    }
    first = client_for("forvaltningschef").post(url, {**form, "contact": "Ring 0142-850 00"})
    assert first.status_code == 302
    second = client_for("kvalitetsstrateg").post(url, {**form, "contact": "Mejla oss"})
    assert second.status_code == 409
    assert "Ring 0142-850 00" in second.content.decode()
    declaration.refresh_from_db()
    assert declaration.contact == "Ring 0142-850 00"


def test_a_declaration_for_a_unit_outside_the_nämnd_is_refused(
    world: World, client_for: Any
) -> None:
    response = client_for("forvaltningschef").post(
        reverse("quality:declaration_create"),
        {
            "service": "Förskola",
            "code": "forskola",
            "body": world.bodies["osn"].pk,
            "unit": world.units["haga"].pk,
            "summary": "Förskola.",
            "order": 100,
        },
    )
    assert response.status_code == 400
    assert "arbetar åt nämnden" in response.content.decode()
    assert not ServiceDeclaration.objects.filter(code="forskola").exists()


def test_a_promise_is_added_with_its_measure(world: World, client_for: Any) -> None:
    declaration = a_declaration(world)
    measure = world.extra["chain"].measures["team"]
    response = client_for("forvaltningschef").post(
        reverse("quality:promise_create", args=[declaration.pk]),
        {"text": "Du får svar inom 5 arbetsdagar.", "measure": measure.pk, "order": 30},
    )
    assert response.status_code == 302
    promise = declaration.promises.get(order=30)
    assert promise.measure == measure


def test_the_internal_page_shows_each_period_and_open_ones_as_open(
    world: World, client_for: Any
) -> None:
    declaration = a_declaration(world)
    promise = declaration.promises.get(order=10)
    november = world.extra["chain"].periods["nov"]
    november.state = ReportingPeriod.State.OPEN
    november.save()
    Actual.objects.create(measure=promise.measure, period=november, value=Decimal("71"))
    text = (
        client_for("medarbetare")
        .get(reverse("quality:declaration", args=[declaration.pk]))
        .content.decode()
    )
    assert "Månadsrapport november 2026" in text and "(öppen)" in text
    assert "Löftet hölls" in text and "Delår 2026" in text
    assert "Deklarationen är ett utkast" in text
