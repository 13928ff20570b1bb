from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from redthread.documents.models import DocumentLink, GoverningDocument
from tests.documents.factories import internal_document, public_document
from tests.world import World


def _target(obj: Any) -> str:
    return f"{ContentType.objects.get_for_model(obj).pk}:{obj.pk}"


def test_a_document_is_linked_to_what_it_governs_and_found_from_it(
    world: World, client_for: Any
) -> None:
    document = public_document(world)
    osn = world.bodies["osn"]
    response = client_for("forvaltningschef").post(
        reverse("documents:link_add", args=[document.pk]),
        {"target": _target(osn), "note": "Reglerar nämndens uppdrag"},
    )
    assert response.status_code == 302
    assert list(GoverningDocument.objects.governing(osn)) == [document]
    page = client_for("medarbetare").get(document.get_absolute_url()).content.decode()
    assert osn.get_absolute_url() in page and "Reglerar nämndens uppdrag" in page


def test_the_same_link_twice_is_refused_with_a_message(world: World, client_for: Any) -> None:
    document = public_document(world)
    client = client_for("forvaltningschef")
    url = reverse("documents:link_add", args=[document.pk])
    client.post(url, {"target": _target(world.bodies["osn"])})
    response = client.post(url, {"target": _target(world.bodies["osn"])}, follow=True)
    assert "redan kopplat" in response.content.decode()
    assert DocumentLink.objects.count() == 1


def test_a_link_to_something_unlisted_is_refused(world: World, client_for: Any) -> None:
    document = public_document(world)
    user_ct = ContentType.objects.get_for_model(world.users["admin"])
    client_for("forvaltningschef").post(
        reverse("documents:link_add", args=[document.pk]), {"target": f"{user_ct.pk}:1"}
    )
    assert not DocumentLink.objects.exists()


def test_the_template_tag_shows_the_public_only_what_is_public(world: World) -> None:
    from django.contrib.auth.models import AnonymousUser

    public = public_document(world)
    internal = internal_document(world)
    unit = world.units["osf"]
    for document in (public, internal):
        DocumentLink.objects.create(
            document=document,
            content_type=ContentType.objects.get_for_model(unit),
            object_id=unit.pk,
        )
    template = Template(
        "{% load documents %}{% governing_documents unit as docs %}"
        "{% for d in docs %}{{ d.title }};{% endfor %}"
    )
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert template.render(Context({"unit": unit, "request": request})) == (
        "Riktlinje för hemtjänst;"
    )
    request.user = world.users["medarbetare"]
    assert template.render(Context({"unit": unit, "request": request})) == (
        "Riktlinje för hemtjänst;Rutin för nyckelhantering;"
    )
