"""Kolada's metadata and values read from published files, for offline use and the demo.

The files are those the rKolada package publishes from Kolada's API (``KOLADA_DATA_DIR``,
by default ``../shared/data/kolada`` beside the project): the key-figure catalogue
(``*kpi*.csv``), municipalities and regions (``*municipality.csv``), municipality groups
(``*municipality_groups.json``) and value series (``*values*.csv``, columns gender, count,
status, value, kpi, year, municipality_id …). Rows are turned into the API's shape, so the
same code saves them. A file that cannot be read raises ``KoladaFileError`` naming the file
and the line.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from redthread.analysis.client import GENDERS, KoladaError, ValueRow


class KoladaFileError(KoladaError):
    """A published file could not be read; nothing from it is saved."""


@dataclass
class FileCatalogue:
    directory: Path
    kpis: list[dict[str, Any]] = field(default_factory=list)
    municipalities: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    values: list[ValueRow] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def _find(directory: Path, pattern: str, exclude: str = "") -> list[Path]:
    return sorted(p for p in directory.glob(pattern) if not (exclude and exclude in p.name))


def read_directory(directory: Path, *, values: bool = True) -> FileCatalogue:
    """Everything in ``directory`` that looks like a published Kolada file."""
    if not directory.is_dir():
        raise KoladaFileError(
            _("Mappen %(dir)s finns inte. Ange mappen med Koladas filer.") % {"dir": directory}
        )
    catalogue = FileCatalogue(directory)
    for path in _find(directory, "*kpi*.csv", exclude="values"):
        catalogue.kpis += _csv_rows(path, required=("id", "title"))
        catalogue.files.append(path.name)
    for path in _find(directory, "*municipality.csv"):
        catalogue.municipalities += _csv_rows(path, required=("id", "title", "type"))
        catalogue.files.append(path.name)
    for path in _find(directory, "*municipality_groups.json"):
        catalogue.groups += _groups(path)
        catalogue.files.append(path.name)
    if values:
        for path in _find(directory, "*values*.csv"):
            catalogue.values += _values(path)
            catalogue.files.append(path.name)
    return catalogue


def _open_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise KoladaFileError(
            _("%(file)s kunde inte läsas: %(error)s") % {"file": path.name, "error": error}
        ) from None


def _csv_rows(path: Path, required: tuple[str, ...]) -> list[dict[str, Any]]:
    rows = _open_csv(path)
    for line, row in enumerate(rows, start=2):
        missing = [name for name in required if not (row.get(name) or "").strip()]
        if missing:
            raise KoladaFileError(
                _("%(file)s rad %(line)s: %(fields)s saknas.")
                % {"file": path.name, "line": line, "fields": ", ".join(missing)}
            )
    return [dict(row) for row in rows]


def _groups(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise KoladaFileError(
            _("%(file)s kunde inte läsas: %(error)s") % {"file": path.name, "error": error}
        ) from None
    if isinstance(data, dict):
        data = data.get("values")
    if not isinstance(data, list):
        raise KoladaFileError(_("%(file)s: grupperna är inte en lista.") % {"file": path.name})
    groups = []
    for index, group in enumerate(data, start=1):
        members = group.get("members") if isinstance(group, dict) else None
        if (
            not isinstance(group, dict)
            or not isinstance(group.get("id"), str)
            or not isinstance(members, list)
        ):
            raise KoladaFileError(
                _("%(file)s: grupp nummer %(index)s saknar id eller medlemmar.")
                % {"file": path.name, "index": index}
            )
        ids = [m.get("id", m.get("member_id")) for m in members if isinstance(m, dict)]
        if len(ids) != len(members) or not all(isinstance(i, str) for i in ids):
            raise KoladaFileError(
                _("%(file)s: gruppen %(group)s har en medlem utan id.")
                % {"file": path.name, "group": group["id"]}
            )
        groups.append({"id": group["id"], "title": group.get("title", ""), "members": ids})
    return groups


def _values(path: Path) -> list[ValueRow]:
    rows = _open_csv(path)
    result = []
    for line, row in enumerate(rows, start=2):
        where = {"file": path.name, "line": line}
        municipality = (row.get("municipality_id") or row.get("municipality") or "").strip()
        kpi, gender = (row.get("kpi") or "").strip(), (row.get("gender") or "").strip()
        year_text = (row.get("year") or row.get("period") or "").strip()
        if not kpi or not municipality or not year_text.isdigit() or gender not in GENDERS:
            raise KoladaFileError(
                _("%(file)s rad %(line)s: kpi, kommun, år eller kön saknas eller är fel.") % where
            )
        value_text = (row.get("value") or "").strip()
        value = None
        if value_text and value_text.upper() != "NA":
            try:
                value = Decimal(value_text).quantize(Decimal("0.000001"))
            except InvalidOperation:
                raise KoladaFileError(
                    _("%(file)s rad %(line)s: värdet %(value)s är inget tal.")
                    % {**where, "value": value_text}
                ) from None
        count_text = (row.get("count") or "").strip()
        result.append(
            ValueRow(
                kpi=kpi,
                municipality=municipality.zfill(4),
                year=int(year_text),
                gender=gender,
                value=value,
                count=int(count_text) if count_text.isdigit() else None,
                status=(row.get("status") or "").strip()[:40],
            )
        )
    return result
