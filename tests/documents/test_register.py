from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from redthread.documents.models import GoverningDocument
from tests.documents.factories import internal_document, make_document, public_document
from tests.world import World

C = GoverningDocument.Category
S = GoverningDocument.State


def test_a_political_document_needs_the_decision_that_adopted_it(world: World) -> None:
    with pytest.raises(ValidationError, match="politiskt beslutat"):
        make_document(world, category=C.POLICY, decision=None)


def test_a_how_document_needs_the_unit_that_decides_it(world: World) -> None:
    with pytest.raises(ValidationError, match="beslutas av verksamheten"):
        make_document(world, category=C.INSTRUCTION, unit=None)


def test_the_kind_follows_the_category(world: World) -> None:
    assert make_document(world, category=C.OWNER_DIRECTIVE).kind == "what"
    assert make_document(world, category=C.HANDBOOK, title="Handbok").kind == "how"


def test_the_review_date_comes_after_the_document_takes_effect(world: World) -> None:
    with pytest.raises(ValidationError, match="aktualitetsprövning måste komma efter"):
        make_document(world, valid_from=dt.date(2026, 1, 1), review_by=dt.date(2025, 1, 1))


def test_a_political_document_takes_its_adoption_date_from_the_decision(world: World) -> None:
    document = public_document(world)
    assert document.adopted_on == world.decisions["osn"].date
    assert document.body == world.bodies["osn"]


def _new_version_form(world: World, old: GoverningDocument, **overrides: Any) -> dict[str, Any]:
    data = {
        "category": old.category,
        "title": "Riktlinje för hemtjänst 2027",
        "decision": world.decisions["ledningssystem"].pk,
        "unit": world.units["osf"].pk,
        "owner": world.people["forvaltningschef"].pk,
        "valid_from": "2027-01-01",
        "review_by": "2030-12-31",
        "replaces": old.pk,
    }
    data.update(overrides)
    return data


def test_replacing_a_document_revokes_it_and_links_it_to_its_successor(
    world: World, client_for: Any
) -> None:
    old = public_document(world)
    response = client_for("kvalitetsstrateg").post(
        reverse("documents:create"), _new_version_form(world, old)
    )
    new = GoverningDocument.objects.get(title="Riktlinje för hemtjänst 2027")
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.state == S.REVOKED
    assert old.revoked_on == dt.date(2027, 1, 1)
    assert old.revoked_by == new.decision
    assert old.successor == new and new.replaces == old
    page = client_for("medarbetare").get(old.get_absolute_url()).content.decode()
    assert "Upphävd" in page and new.get_absolute_url() in page and "ersatt av" in page


def test_the_replace_link_fills_the_form_from_the_old_document(
    world: World, client_for: Any
) -> None:
    old = public_document(world)
    page = client_for("kvalitetsstrateg").get(reverse("documents:create"), {"ersatter": old.pk})
    form = page.context["form"]
    assert form.initial["replaces"] == old.pk and form.initial["title"] == old.title


def test_a_political_document_is_not_replaced_by_a_how_document(world: World) -> None:
    old = public_document(world)
    with pytest.raises(ValidationError, match="VAD-dokument kan bara ersättas"):
        make_document(world, category=C.ROUTINE, title="Rutin", replaces=old)
    old.refresh_from_db()
    assert old.state == S.IN_FORCE


def test_a_political_document_is_revoked_only_by_a_decision(world: World, client_for: Any) -> None:
    document = public_document(world)
    client = client_for("kvalitetsstrateg")
    response = client.post(
        reverse("documents:revoke", args=[document.pk]), {"revoked_on": "2026-11-30"}
    )
    assert "upphävs genom ett politiskt beslut" in response.content.decode()
    document.refresh_from_db()
    assert document.state == S.IN_FORCE
    client.post(
        reverse("documents:revoke", args=[document.pk]),
        {"revoked_on": "2026-11-30", "decision": world.decisions["osn"].pk, "reason": "Ersätts ej"},
    )
    document.refresh_from_db()
    assert document.state == S.REVOKED and document.revoked_by == world.decisions["osn"]
    assert document.history.first().history_change_reason == "Ersätts ej"


def test_a_revoked_document_is_not_edited(world: World, client_for: Any) -> None:
    document = internal_document(world)
    document.revoke()
    response = client_for("enhetschef").get(reverse("documents:edit", args=[document.pk]))
    assert response.status_code == 302


def test_a_review_sets_the_next_review_date(world: World, client_for: Any) -> None:
    document = internal_document(world)
    client_for("enhetschef").post(
        reverse("documents:review", args=[document.pk]),
        {"outcome": "valid", "reviewed_on": "2026-11-20", "next_review_by": "2028-11-30"},
    )
    document.refresh_from_db()
    assert document.last_reviewed_on == dt.date(2026, 11, 20)
    assert document.review_by == dt.date(2028, 11, 30)
    assert document.state == S.IN_FORCE


def test_a_review_may_conclude_that_the_document_needs_revision(
    world: World, client_for: Any
) -> None:
    document = internal_document(world)
    client_for("enhetschef").post(
        reverse("documents:review", args=[document.pk]),
        {"outcome": "revise", "reviewed_on": "2026-11-20", "comment": "Nytt larmsystem"},
    )
    document.refresh_from_db()
    assert document.state == S.UNDER_REVISION
    assert document.history.first().history_change_reason == "Nytt larmsystem"


def test_a_document_that_stays_valid_needs_a_later_review_date(
    world: World, client_for: Any
) -> None:
    document = internal_document(world)
    response = client_for("enhetschef").post(
        reverse("documents:review", args=[document.pk]),
        {"outcome": "valid", "reviewed_on": "2026-11-20", "next_review_by": "2026-01-01"},
    )
    assert "Nästa prövning måste komma efter" in response.content.decode()
    document.refresh_from_db()
    assert document.last_reviewed_on is None


def test_the_owner_may_edit_a_document_but_a_colleague_may_not(
    world: World, client_for: Any
) -> None:
    document = internal_document(world)
    url = reverse("documents:edit", args=[document.pk])
    assert client_for("enhetschef").get(url).status_code == 200
    assert client_for("enhetschef_soder").get(url).status_code == 403
    assert client_for("revisor").get(url).status_code == 403


def test_a_namndsekreterare_records_a_document_only_for_her_body(
    world: World, client_for: Any
) -> None:
    data = {
        "category": C.PLAN,
        "title": "Plan för kompetensförsörjning",
        "decision": world.decisions["ledningssystem"].pk,  # a KF decision: not her body
        "owner": world.people["forvaltningschef"].pk,
        "valid_from": "2026-01-01",
        "review_by": "2028-01-01",
    }
    client = client_for("namndsekreterare")
    refused = client.post(reverse("documents:create"), data)
    assert refused.status_code == 200
    assert "bara för din egen förvaltning och för de organ du bereder" in refused.content.decode()
    assert not GoverningDocument.objects.filter(title="Plan för kompetensförsörjning").exists()
    data["decision"] = world.decisions["osn"].pk
    assert client.post(reverse("documents:create"), data).status_code == 302
    assert GoverningDocument.objects.filter(title="Plan för kompetensförsörjning").exists()


def test_the_owner_hands_the_document_over_to_a_colleague(world: World, client_for: Any) -> None:
    document = internal_document(world)
    response = client_for("enhetschef").post(
        reverse("documents:edit", args=[document.pk]),
        {
            "category": document.category,
            "title": document.title,
            "unit": document.unit_id,
            "adopted_on": "2025-03-01",
            "owner": world.people["medarbetare"].pk,
            "valid_from": "2026-02-01",
            "review_by": "2028-02-01",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.owner == world.people["medarbetare"]
