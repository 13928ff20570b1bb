"""Backup and restore of the database and the uploaded files, in one verifiable archive.

The archive (``.tar.gz``) holds the database (SQLite: a consistent copy made with SQLite's
backup API; PostgreSQL: ``pg_dump --format=custom``), every file under ``MEDIA_ROOT``, and a
manifest with a digest of every table and every file. A restore goes into an empty database
and checks each digest, so it either reproduces the backup exactly or says what differs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
DATABASE_SQLITE = "database.sqlite3"
DATABASE_PG = "database.pgdump"
MEDIA = "media"


class BackupError(Exception):
    """Something a person can act on: the message says what."""


def tables() -> list[str]:
    """Every table of the project, history tables included, and Django's own."""
    names = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    return sorted(names & set(connection.introspection.table_names()))


def table_digest(table: str) -> tuple[int, str]:
    """Rows and a digest of a table's content, independent of physical order."""
    quoted = connection.ops.quote_name(table)
    digest = hashlib.sha256()
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (the name comes from the models)
        rows = sorted(
            json.dumps([_plain(v) for v in row], sort_keys=True, default=str)
            for row in cursor.fetchall()
        )
    for row in rows:
        digest.update(row.encode())
        count += 1
    return count, digest.hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, memoryview | bytes):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value) if value is not None else None


def database_digests() -> dict[str, dict[str, Any]]:
    return {t: dict(zip(("rows", "sha256"), table_digest(t), strict=True)) for t in tables()}


def media_digests(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(target: Path) -> dict[str, Any]:
    """Write an archive of the database and the uploaded files to ``target``."""
    media_root = Path(settings.MEDIA_ROOT)
    manifest: dict[str, Any] = {
        "created": dt.datetime.now(dt.UTC).isoformat(),
        "engine": connection.vendor,
        "tables": database_digests(),
        "media": media_digests(media_root),
    }
    with tempfile.TemporaryDirectory() as work, tarfile.open(target, "w:gz") as archive:
        if connection.vendor == "sqlite":
            copy = Path(work) / DATABASE_SQLITE
            connection.ensure_connection()
            destination = sqlite3.connect(copy)
            with destination:
                connection.connection.backup(destination)
            destination.close()
            archive.add(copy, DATABASE_SQLITE)
        elif connection.vendor == "postgresql":
            dump = Path(work) / DATABASE_PG
            _run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", *_pg_args()])
            archive.add(dump, DATABASE_PG)
        else:
            raise BackupError(
                f"Backup is supported for SQLite and PostgreSQL, not {connection.vendor}."
            )
        for name in manifest["media"]:
            archive.add(media_root / name, f"{MEDIA}/{name}")
        _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
    return manifest


@dataclass
class RestoreReport:
    tables: int
    rows: int
    files: int
    differences: list[str]


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    member = archive.extractfile(MANIFEST)
    if member is None:
        raise BackupError("The archive has no manifest.json; it is not a Röda tråden backup.")
    data: dict[str, Any] = json.loads(member.read())
    return data


def restore(source: Path) -> RestoreReport:
    """Restore ``source`` into the current, empty database and ``MEDIA_ROOT``, then verify."""
    if not source.exists():
        raise BackupError(f"No backup at {source}.")
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{source} is not a backup archive ({error}).") from None
    with archive, tempfile.TemporaryDirectory() as work:
        manifest = _read_manifest(archive)
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"The backup is of a {manifest['engine']} database; restore it into {manifest['engine']}, "
                f"not {connection.vendor}."
            )
        _ensure_empty()
        archive.extractall(work, filter="data")
        if connection.vendor == "sqlite":
            _restore_sqlite(Path(work) / DATABASE_SQLITE)
        else:
            connection.close()
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--exit-on-error",
                    *_pg_args(),
                    str(Path(work) / DATABASE_PG),
                ]
            )
        media_root = Path(settings.MEDIA_ROOT)
        for name in manifest["media"]:
            destination = media_root / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(work) / MEDIA / name, destination)
    return verify(manifest)


def verify(manifest: dict[str, Any]) -> RestoreReport:
    differences = []
    restored = database_digests()
    for table, expected in manifest["tables"].items():
        actual = restored.get(table)
        if actual != expected:
            differences.append(
                f"table {table}: expected {expected['rows']} rows, got {actual['rows'] if actual else 'none'}"
            )
    files = media_digests(Path(settings.MEDIA_ROOT))
    for name, digest in manifest["media"].items():
        if files.get(name) != digest:
            differences.append(f"file {name} differs or is missing")
    return RestoreReport(
        tables=len(manifest["tables"]),
        rows=sum(t["rows"] for t in manifest["tables"].values()),
        files=len(manifest["media"]),
        differences=differences,
    )


def _ensure_empty() -> None:
    existing = set(connection.introspection.table_names())
    if connection.vendor == "sqlite" and not existing:
        return
    busy = [t for t in tables() if t != "django_migrations" and table_digest(t)[0] > 0]
    if existing and (busy or connection.vendor == "postgresql"):
        raise BackupError(
            "Restore into an empty database: create a new database (without running migrate) and "
            "point DATABASE_URL at it. Nothing was changed."
        )


def _restore_sqlite(copy: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(copy)
    with source:
        source.backup(connection.connection)
    source.close()


def _pg_args() -> list[str]:
    db = connection.settings_dict
    args = []
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    args.append(f"--dbname={db['NAME']}")
    return args


def _run(command: list[str]) -> None:
    env = {**os.environ}
    password = connection.settings_dict.get("PASSWORD")
    if password:
        env["PGPASSWORD"] = password
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed; install the PostgreSQL client tools."
        ) from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")
