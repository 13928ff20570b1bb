from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from redthread.env import database_from_url, env_bool, env_int


def test_it_reads_a_relative_sqlite_url_against_the_project() -> None:
    db = database_from_url("sqlite:///var/x.sqlite3", Path("/srv/rt"))
    assert db["NAME"] == "/srv/rt/var/x.sqlite3"


def test_it_reads_an_absolute_sqlite_url() -> None:
    assert database_from_url("sqlite:////tmp/x.sqlite3", Path("/srv"))["NAME"] == "/tmp/x.sqlite3"


def test_it_reads_a_postgres_url() -> None:
    db = database_from_url(
        "postgres://rt:p%40ss@db.example:5433/redthread?sslmode=require", Path("/")
    )
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "rt",
        "p@ss",
        "db.example",
        "5433",
        "redthread",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_it_refuses_an_unknown_database_scheme() -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_url("mysql://x/y", Path("/"))


def test_it_refuses_a_bad_boolean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOME_FLAG", "kanske")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")


def test_it_refuses_a_bad_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOME_NUMBER", "tio")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER"):
        env_int("SOME_NUMBER", 1)
