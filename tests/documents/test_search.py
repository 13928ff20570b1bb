from __future__ import annotations

from typing import Any

from django.urls import reverse

from redthread.documents.models import GoverningDocument
from tests.documents.factories import internal_document, make_document, public_document
from tests.world import World

C = GoverningDocument.Category


def _titles(client: Any, **params: Any) -> set[str]:
    response = client.get(reverse("documents:register"), params)
    return {row["document"].title for row in response.context["rows"]}


def test_the_register_is_searched_by_title_kind_category_body_and_text(
    world: World, client_for: Any
) -> None:
    public_document(world)
    internal_document(world)
    make_document(
        world,
        category=C.POLICY,
        title="Finanspolicy",
        summary="Upplåning och placeringar.",
        decision=world.decisions["ledningssystem"],
    )
    client = client_for("medarbetare")
    assert _titles(client, q="finans") == {"Finanspolicy"}
    assert _titles(client, q="placeringar") == {"Finanspolicy"}
    assert _titles(client, q="OSN 2026:12") == {"Riktlinje för hemtjänst"}  # the case number
    assert _titles(client, slag="how") == {"Rutin för nyckelhantering"}
    assert _titles(client, typ="policy") == {"Finanspolicy"}
    assert _titles(client, organ=str(world.bodies["kf"].pk)) == {"Finanspolicy"}


def test_the_register_lists_what_is_due_for_review_first(world: World, client_for: Any) -> None:
    import datetime as dt

    import time_machine

    internal_document(world)
    make_document(world, title="Snart", review_by=dt.date(2026, 12, 15))
    make_document(world, title="Försenad", review_by=dt.date(2026, 10, 1))
    with time_machine.travel(dt.date(2026, 11, 28)):
        response = client_for("kvalitetsstrateg").get(
            reverse("documents:register"), {"aktualitet": "snart"}
        )
    rows = response.context["rows"]
    assert [(r["document"].title, r["review"]) for r in rows] == [
        ("Försenad", "overdue"),
        ("Snart", "soon"),
    ]


def test_the_site_search_finds_documents_the_user_may_see(world: World, client_for: Any) -> None:
    internal_document(world)
    found = client_for("medarbetare").get(reverse("core:search"), {"q": "nyckelhantering"})
    assert "Rutin för nyckelhantering" in found.content.decode()
    nothing = client_for("outsider").get(reverse("core:search"), {"q": "nyckelhantering"})
    assert "Rutin för nyckelhantering" not in nothing.content.decode()


def test_the_register_runs_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(40):
        make_document(world, title=f"Riktlinje {number:02}", unit=world.units["norr"])
    client = client_for("medarbetare")
    client.get(reverse("documents:register"))  # warm the session and caches
    with django_assert_max_num_queries(13):
        response = client.get(reverse("documents:register"))
    assert len(response.context["rows"]) == 40
