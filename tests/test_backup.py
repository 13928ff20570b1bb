"""The restore drill: back up the demo, restore it into an empty database, find it identical."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest


def _redthread(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "redthread"
    return subprocess.run(
        [str(command), *args], env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture
def databases(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty databases of the kind the suite runs on: a source and a restore target."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield (
            f"sqlite:///{tmp_path / 'source.sqlite3'}",
            f"sqlite:///{tmp_path / 'restored.sqlite3'}",
        )
        return
    import psycopg

    parts = urlsplit(url)
    base = parts.path.lstrip("/") or "redthread"
    names = (f"{base}_drill_source", f"{base}_drill_restored")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    yield tuple(urlunsplit(parts._replace(path=f"/{name}")) for name in names)  # type: ignore[misc]
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_of_the_demo_restores_identically(
    tmp_path: Path, databases: tuple[str, str]
) -> None:
    source, target = databases
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTEST_VERSION", "DATABASE_URL", "MEDIA_ROOT"}
    }
    base.update({"REDTHREAD_DEMO": "1", "REDTHREAD_VAR_DIR": str(tmp_path / "var")})
    env_source = {**base, "DATABASE_URL": source, "MEDIA_ROOT": str(tmp_path / "media")}
    env_target = {**base, "DATABASE_URL": target, "MEDIA_ROOT": str(tmp_path / "media-restored")}
    archive = tmp_path / "backup.tar.gz"

    assert _redthread(env_source, "migrate", "--noinput").returncode == 0
    loaded = _redthread(env_source, "load-demo", "--only", "organisation", "documents", "goals")
    assert loaded.returncode == 0, loaded.stderr
    made = _redthread(env_source, "backup", str(archive))
    assert made.returncode == 0, made.stderr
    restored = _redthread(env_target, "restore", str(archive))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "identical" in restored.stdout
    print(made.stdout.strip(), "|", restored.stdout.strip())

    files = sorted(
        p.relative_to(tmp_path / "media") for p in (tmp_path / "media").rglob("*") if p.is_file()
    )
    assert files, "the demo should have uploaded files"
    for name in files:
        assert (tmp_path / "media" / name).read_bytes() == (
            tmp_path / "media-restored" / name
        ).read_bytes()
    if source.startswith("sqlite"):
        for table in (
            "organisation_historicalperson",
            "goals_followup",
            "goals_historicalfollowup",
        ):
            counts = [
                sqlite3.connect(url.removeprefix("sqlite:///"))
                .execute(f"SELECT COUNT(*) FROM {table}")
                .fetchone()[0]
                for url in (source, target)
            ]
            assert counts[0] == counts[1] > 0


def test_restore_refuses_a_database_that_is_not_empty(
    tmp_path: Path, databases: tuple[str, str]
) -> None:
    source, _target = databases
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "DATABASE_URL"}}
    env.update(
        {
            "REDTHREAD_DEMO": "1",
            "DATABASE_URL": source,
            "MEDIA_ROOT": str(tmp_path / "media"),
            "REDTHREAD_VAR_DIR": str(tmp_path / "var"),
        }
    )
    _redthread(env, "migrate", "--noinput")
    _redthread(env, "load-demo", "--only", "organisation")
    archive = tmp_path / "b.tar.gz"
    assert _redthread(env, "backup", str(archive)).returncode == 0
    refused = _redthread(env, "restore", str(archive))
    assert refused.returncode != 0
    assert "Restore into an empty database" in refused.stderr


def test_restore_refuses_a_file_that_is_not_a_backup(
    tmp_path: Path, databases: tuple[str, str]
) -> None:
    bogus = tmp_path / "not.tar.gz"
    bogus.write_bytes(b"hello")
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION"}}
    env.update(
        {
            "REDTHREAD_DEMO": "1",
            "DATABASE_URL": databases[1],
            "REDTHREAD_VAR_DIR": str(tmp_path / "var"),
        }
    )
    refused = _redthread(env, "restore", str(bogus))
    assert refused.returncode != 0 and "not a backup archive" in refused.stderr
