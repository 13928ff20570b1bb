"""Headers, request ids, health, a database that goes away, and throttled sign-in."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from tests.world import World


def test_every_response_carries_the_security_headers(world: World) -> None:
    response = Client().get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["Permissions-Policy"].startswith("camera=()")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_production_settings_add_hsts_and_secure_cookies(world: World, settings: Any) -> None:
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    response = Client().post(
        reverse("login"), {"username": "enhetschef", "password": "test-password-123"}, secure=True
    )
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Secure" in str(response.cookies["sessionid"]) and "HttpOnly" in str(
        response.cookies["sessionid"]
    )


def test_a_request_id_is_returned_and_logged(world: World, caplog: Any) -> None:
    response = Client(HTTP_X_REQUEST_ID="abc12345-proxy").get("/finns-inte/")
    assert response["X-Request-ID"] == "abc12345-proxy"
    assert any(getattr(r, "request_id", None) == "abc12345-proxy" for r in caplog.records)


def test_a_forged_request_id_is_replaced(world: World) -> None:
    response = Client(HTTP_X_REQUEST_ID="<script>").get("/")
    assert response["X-Request-ID"] != "<script>" and len(response["X-Request-ID"]) == 32


def test_logs_are_one_json_object_per_line() -> None:
    from redthread.core.security import JsonFormatter

    record = logging.LogRecord(
        "redthread", logging.INFO, __file__, 1, "Import %s klar", ("SIE",), None
    )
    record.request_id = "r1"
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "Import SIE klar" and entry["request_id"] == "r1"


def test_healthz_reports_the_database_and_the_task_queue(world: World) -> None:
    data = Client().get("/healthz").json()
    assert data == {"status": "ok", "database": "ok", "tasks": "ok"}


def test_a_database_that_is_away_gives_a_swedish_503_and_recovers(
    world: World, monkeypatch: Any
) -> None:
    from django.contrib.sessions.backends.db import SessionStore

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("could not connect to server: Connection refused")

    client = Client(raise_request_exception=False)
    client.force_login(world.users["medarbetare"])
    monkeypatch.setattr(SessionStore, "load", broken)
    response = client.get("/organisation/")
    assert response.status_code == 503
    text = response.content.decode()
    assert (
        "tillfälligt otillgänglig" in text
        and "Traceback" not in text
        and "Connection refused" not in text
    )
    monkeypatch.undo()
    assert client.get("/organisation/").status_code == 200


def test_sign_in_pauses_after_five_wrong_passwords(world: World) -> None:
    client = Client()
    for _ in range(5):
        client.post(reverse("login"), {"username": "enhetschef", "password": "fel"})
    response = client.post(
        reverse("login"), {"username": "enhetschef", "password": "test-password-123"}
    )
    assert response.status_code == 200
    assert "För många misslyckade inloggningar" in response.content.decode()
    other = Client().post(
        reverse("login"), {"username": "medarbetare", "password": "test-password-123"}
    )
    assert other.status_code == 302  # another account is not affected


def test_a_successful_sign_in_forgets_earlier_failures(world: World) -> None:
    from redthread.organisation.models import FailedLogin

    client = Client()
    client.post(reverse("login"), {"username": "enhetschef", "password": "fel"})
    client.post(reverse("login"), {"username": "enhetschef", "password": "test-password-123"})
    assert not FailedLogin.objects.filter(username="enhetschef").exists()


def test_a_short_password_is_refused_by_the_policy(world: World) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validate_password("kort1", world.users["admin"])
    assert any("12" in m for m in error.value.messages)
