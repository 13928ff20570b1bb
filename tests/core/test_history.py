from __future__ import annotations

from typing import Any

from django.apps import apps
from django.urls import reverse

from redthread.organisation.models import Body, Unit
from tests.world import World

# Models that deliberately keep no history, each with the reason.
NO_HISTORY = {
    "StartPageVisit": "a bookmark of when a user last looked at the start page, not domain data",
    "FailedLogin": "a security log of failed sign-ins: appended, never edited",
    "KoladaValue": "a mirror of Kolada's published figures; an actual fed from one keeps history",
    "KoladaSync": "the log of syncs with Kolada: who fetched what and when",
    # Imported, immutable bulk rows: millions a year. A history row each would double them;
    # the import that brought them (finance.LedgerImport, a DomainModel) is their audit trail.
    "LedgerEntry": "one #TRANS of an imported ledger",
    "LedgerBalance": "monthly sums the import derives from the transactions",
    "LedgerSummary": "coarser monthly sums the month report reads",
    # Written once with who and when, never changed or removed (the model refuses both).
    "ReportSnapshot": "a final report as handed over, with its hash; immutable",
}


def test_every_domain_model_keeps_history() -> None:
    missing = [
        model.__name__
        for model in apps.get_models()
        if model.__module__.startswith("redthread.")
        and not model.__name__.startswith("Historical")
        and model.__name__ not in NO_HISTORY
        and not hasattr(model, "history")
    ]
    assert not missing, f"Models without history: {missing}"


def test_historik_shows_who_changed_what_before_and_after(world: World, client_for: Any) -> None:
    admin = client_for("admin")
    body = world.bodies["osn"]
    response = admin.post(
        reverse("admin:organisation_body_change", args=[body.pk]),
        {
            "municipality": world.municipality.pk,
            "kind": body.kind,
            "name": "Vård- och omsorgsnämnden",
            "short_name": "VON",
            "parent": body.parent_id or "",
            "order": body.order,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    page = client_for("revisor").get(reverse("core:history", args=["organisation.body", body.pk]))
    text = page.content.decode()
    assert "Omsorgs- och socialnämnden" in text
    assert "Vård- och omsorgsnämnden" in text
    assert "OSN" in text and "VON" in text
    assert "Admin" in text  # who made the change


def test_historik_names_related_objects_not_ids(world: World, client_for: Any) -> None:
    unit = world.units["soder"]
    unit.parent = world.units["osf"]
    unit.save()
    page = client_for("revisor").get(reverse("core:history", args=["organisation.unit", unit.pk]))
    text = page.content.decode()
    assert "Äldreomsorg" in text and "Omsorgs- och socialförvaltningen" in text


def test_historik_of_an_unknown_model_is_not_found(client_for: Any) -> None:
    response = client_for("revisor").get(reverse("core:history", args=["nothing.here", 1]))
    assert response.status_code == 404


def test_a_write_outside_a_request_is_attributed_to_the_acting_user(world: World) -> None:
    from redthread.core.audit import acting_as

    with acting_as(world.users["admin"]):
        Body.objects.filter(pk=world.bodies["un"].pk).get().save()
    record = world.bodies["un"].history.first()
    assert record.history_user == world.users["admin"]
    assert Unit.history.exists()
