"""Single sign-on against a real OpenID Connect provider started on loopback."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlsplit

import pytest
from django.test import Client

from redthread.organisation.models import Person, RoleGrant, User
from redthread.organisation.oidc import discovery
from tests.organisation.oidc_provider import Provider
from tests.world import World


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any) -> None:
        return None


@pytest.fixture
def provider(settings: Any) -> Iterator[Provider]:
    with Provider("rodatraden", "hemligt") as running:
        settings.OIDC_ISSUER = running.url
        settings.OIDC_RP_CLIENT_ID = "rodatraden"
        settings.OIDC_RP_CLIENT_SECRET = "hemligt"
        settings.OIDC_GROUP_ROLES = ["grp-kvalitet=quality_strategist", "grp-ekonomi=economist"]
        discovery.cache_clear()
        yield running
    discovery.cache_clear()


def _sign_in(client: Client) -> Any:
    start = client.get("/konto/sso/")
    assert start.status_code == 302 and start["Location"].startswith("http://127.0.0.1")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(start["Location"])
    except HTTPError as redirect:  # the provider answers 302 back to us
        callback = urlsplit(redirect.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


def test_a_person_signs_in_with_the_organisations_account(world: World, provider: Provider) -> None:
    Person.objects.create(
        municipality=world.municipality,
        first_name="Karin",
        last_name="Holm",
        email="karin.holm@mjolby.se",
    )
    provider.claims = {
        "sub": "k-123",
        "email": "karin.holm@mjolby.se",
        "given_name": "Karin",
        "family_name": "Holm",
        "groups": ["grp-ekonomi", "grp-annat"],
    }
    client = Client()
    response = _sign_in(client)
    assert response.status_code == 302
    user = User.objects.get(email="karin.holm@mjolby.se")
    assert int(client.session["_auth_user_id"]) == user.pk
    person = Person.objects.get(email="karin.holm@mjolby.se")
    assert person.user == user  # the existing person, not a new one
    assert list(RoleGrant.objects.filter(person=person).values_list("role", flat=True)) == [
        "economist"
    ]
    assert client.get("/organisation/").status_code == 200


def test_groups_taken_away_at_the_provider_take_the_role_away(
    world: World, provider: Provider
) -> None:
    provider.claims = {"sub": "j-1", "email": "johanna@mjolby.se", "groups": ["grp-kvalitet"]}
    _sign_in(Client())
    person = Person.objects.get(email="johanna@mjolby.se")
    assert person.role_grants.filter(role="quality_strategist").exists()
    provider.claims = {"sub": "j-1", "email": "johanna@mjolby.se", "groups": []}
    _sign_in(Client())
    assert not person.role_grants.exists()
    assert person.history.exists()  # the person and the grants keep their history


def test_a_token_issued_for_another_client_is_refused(world: World, provider: Provider) -> None:
    provider.claims = {"sub": "x", "email": "x@mjolby.se"}
    provider.audience = "someone-else"
    client = Client()
    response = _sign_in(client)
    assert "_auth_user_id" not in client.session
    assert response.status_code in (302, 400)
    assert not User.objects.filter(email="x@mjolby.se").exists()


def test_local_accounts_keep_working_and_the_login_page_offers_both(
    world: World, provider: Provider
) -> None:
    page = Client().get("/konto/logga-in/").content.decode()
    assert "Logga in med organisationens konto" in page
    response = Client().post(
        "/konto/logga-in/", {"username": "medarbetare", "password": "test-password-123"}
    )
    assert response.status_code == 302


def test_without_configuration_there_is_no_single_sign_on(world: World) -> None:
    assert Client().get("/konto/sso/").status_code == 404
    assert "organisationens konto" not in Client().get("/konto/logga-in/").content.decode()
