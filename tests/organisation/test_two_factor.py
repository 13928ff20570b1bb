"""Two-factor sign-in with TOTP (RFC 6238)."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from redthread.organisation import totp
from redthread.organisation.models import SecurityPolicy, TwoFactorDevice
from tests.world import PASSWORD, World

RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # "12345678901234567890" in base32


def test_codes_match_the_rfc_6238_test_vectors() -> None:
    assert totp.code_at(RFC_SECRET, 59 // 30, digits=8) == "94287082"
    assert totp.code_at(RFC_SECRET, 1111111109 // 30, digits=8) == "07081804"
    assert totp.code_at(RFC_SECRET, 20000000000 // 30, digits=8) == "65353130"


def test_a_code_is_accepted_once_and_within_one_step_of_drift() -> None:
    now = 1_700_000_000.0
    step = totp.current_step(now)
    code = totp.code_at(RFC_SECRET, step - 1)
    assert totp.matching_step(RFC_SECRET, code, None, now=now) == step - 1
    assert totp.matching_step(RFC_SECRET, code, step - 1, now=now) is None  # replayed
    assert totp.matching_step(RFC_SECRET, totp.code_at(RFC_SECRET, step - 3), None, now=now) is None


def _login(username: str) -> Client:
    client = Client()
    client.post(reverse("login"), {"username": username, "password": PASSWORD})
    return client


def test_a_user_with_an_authenticator_must_give_a_code_before_any_page(world: World) -> None:
    secret = totp.new_secret()
    TwoFactorDevice.objects.create(user=world.users["enhetschef"], secret=secret)
    client = _login("enhetschef")
    response = client.get("/mal/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("two_factor"))
    wrong = client.post(reverse("two_factor"), {"code": "000000", "next": "/mal/"})
    assert "Koden stämmer inte" in wrong.content.decode()
    right = client.post(
        reverse("two_factor"), {"code": totp.code_at(secret, totp.current_step()), "next": "/mal/"}
    )
    assert right.status_code == 302 and right["Location"] == "/mal/"
    assert client.get("/mal/").status_code == 200


def test_the_policy_sends_writers_without_an_authenticator_to_set_one_up(world: World) -> None:
    SecurityPolicy.objects.create(
        municipality=world.municipality, two_factor=SecurityPolicy.TwoFactor.WRITERS
    )
    writer = _login("enhetschef")
    response = writer.get("/")
    assert response["Location"].startswith(reverse("two_factor_setup"))
    page = writer.get(reverse("two_factor_setup")).content.decode()
    assert "Kommunen kräver tvåfaktorinloggning" in page and "otpauth://totp/" in page
    secret = writer.session["redthread_two_factor_setup"]
    done = writer.post(
        reverse("two_factor_setup"),
        {"code": totp.code_at(secret, totp.current_step()), "next": "/"},
    )
    assert done.status_code == 302
    assert TwoFactorDevice.objects.filter(user=world.users["enhetschef"]).exists()
    assert writer.get("/").status_code == 200
    reader = _login("politiker")  # reads only: not required
    assert reader.get("/").status_code == 200


def test_the_api_tells_a_session_without_the_code_what_to_do(world: World) -> None:
    TwoFactorDevice.objects.create(user=world.users["medarbetare"], secret=totp.new_secret())
    client = _login("medarbetare")
    response = client.get("/api/v1/organisation/bodies")
    assert response.status_code == 403 and "tvåfaktorkod" in response.json()["detail"]


def test_the_history_records_the_device_but_never_the_secret(world: World, client_for: Any) -> None:
    device = TwoFactorDevice.objects.create(
        user=world.users["medarbetare"], secret=totp.new_secret()
    )
    record = device.history.first()
    assert not hasattr(record, "secret")
