"""Reading population files from SCB: PxWeb CSV exports and PxWeb API responses.

Handles what SCB and people who re-save SCB's files produce: ISO-8859-1 or UTF-8 with
a BOM, comma, semicolon or tab, municipality codes with or without the leading zero
(``"0586 Mjölby"``, ``586``), years as columns (``"2017"``, ``pop2018``) or as rows, ages
as ``"5 år"``, ``"100+ år"`` or absent, and the JSON of PxWeb API v1 and v2 (JSON-stat 2).
Other dimensions (kön, civilstånd) are summed.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

REGION_NAMES = {"region", "kommun", "municipality", "municipality_code", "kommunkod", "regionkod"}
AGE_NAMES = {"ålder", "alder", "age", "ålder (år)"}
YEAR_NAMES = {"år", "ar", "tid", "year"}
_REGION_CODE = re.compile(r"^\s*(\d{1,4})\b\s*(.*)$")
_YEAR = re.compile(r"(?<!\d)(19|20)(\d{2})(?!\d)")
_AGE = re.compile(r"^\s*(\d{1,3})\+?\s*(år)?\s*$")


class PopulationError(Exception):
    """A population file that cannot be read; the message says what is wrong."""


@dataclass
class PopulationFile:
    # (region code or "", age or None, year) -> people
    values: dict[tuple[str, int | None, int], int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def regions(self) -> list[str]:
        return sorted({region for region, _a, _y in self.values})

    def for_region(self, code: str) -> dict[tuple[int | None, int], int]:
        if self.regions == [""]:
            return {(age, year): n for (_r, age, year), n in self.values.items()}
        return {(age, year): n for (r, age, year), n in self.values.items() if r == code}


def region_code(text: str) -> tuple[str, str]:
    """``"0586 Mjölby"`` -> ``("0586", "Mjölby")``; ``"586"`` -> ``("0586", "")``."""
    match = _REGION_CODE.match(text)
    if match is None:
        return "", text.strip()
    code = match[1]
    if len(code) in (3, 4):
        code = code.zfill(4)
    return code, match[2].strip()


def parse_age(text: str) -> int | str | None:
    """An age in years, ``None`` for the total, or ``"skip"`` for something else."""
    lowered = text.strip().lower()
    if lowered in ("", "tot", "totalt", "total", "samtliga", "alla"):
        return None
    match = _AGE.match(lowered)
    return int(match[1]) if match else "skip"


def _count(text: Any) -> int | None:
    value = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if value in ("", "..", ".", "-", "null", "None"):
        return None
    try:
        return int(float(value.replace(",", ".")))
    except ValueError:
        return None


def parse_population(data: bytes) -> PopulationFile:
    text = _decode(data)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            document = json.loads(stripped)
        except json.JSONDecodeError as error:
            raise PopulationError(
                _("JSON-filen kan inte läsas (rad %(line)s): %(msg)s")
                % {"line": error.lineno, "msg": error.msg}
            ) from None
        if isinstance(document, dict) and document.get("class") == "dataset":
            result = _jsonstat(document)
        elif isinstance(document, dict) and "columns" in document and "data" in document:
            result = _pxweb_v1(document)
        else:
            raise PopulationError(
                _("JSON-filen är varken ett svar från PxWeb API v1 eller JSON-stat 2 (v2).")
            )
    else:
        result = _csv(text)
    if not result.values:
        raise PopulationError(_("Filen innehåller inga värden för folkmängd."))
    if result.regions == [""]:
        result.warnings.append(_("Filen anger ingen region; värdena antas gälla kommunen."))
    return result


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("iso-8859-1")


def _add(result: PopulationFile, region: str, age: int | None, year: int, count: int) -> None:
    key = (region, age, year)
    result.values[key] = result.values.get(key, 0) + count


def _csv(text: str) -> PopulationFile:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise PopulationError(_("Filen är tom."))
    delimiter = max((";", "\t", ","), key=lines[0].count)
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    header = [h.strip().strip('"').lower() for h in rows[0]]
    region_col = next((i for i, h in enumerate(header) if h in REGION_NAMES), None)
    name_col = next((i for i, h in enumerate(header) if "name" in h or h == "namn"), None)
    age_col = next((i for i, h in enumerate(header) if h in AGE_NAMES), None)
    year_col = next((i for i, h in enumerate(header) if h in YEAR_NAMES), None)
    year_columns = {
        i: int(m[0])
        for i, h in enumerate(header)
        if i not in (region_col, age_col, year_col) and (m := _YEAR.search(h))
    }
    result = PopulationFile()
    if year_col is not None:
        value_col = next(
            (
                i
                for i in range(len(header) - 1, -1, -1)
                if i not in (region_col, age_col, year_col, name_col)
            ),
            None,
        )
        if value_col is None:
            raise PopulationError(_("Filen har ingen kolumn med antal."))
        for number, row in enumerate(rows[1:], start=2):
            _csv_value(
                result, row, region_col, name_col, age_col, number, row[year_col], row[value_col]
            )
    elif year_columns:
        for number, row in enumerate(rows[1:], start=2):
            for column, year in year_columns.items():
                if column < len(row):
                    _csv_value(
                        result, row, region_col, name_col, age_col, number, str(year), row[column]
                    )
    else:
        raise PopulationError(
            _(
                "Rubrikraden anger inget år: ange en kolumn år/tid eller ett år som rubrik "
                "(t.ex. 2025)."
            )
        )
    return result


def _csv_value(
    result: PopulationFile,
    row: list[str],
    region_col: int | None,
    name_col: int | None,
    age_col: int | None,
    number: int,
    year_text: str,
    value_text: str,
) -> None:
    region, label = ("", "")
    if region_col is not None and region_col < len(row):
        region, label = region_code(row[region_col])
        if name_col is not None and name_col < len(row) and not label:
            label = row[name_col].strip()
    age = parse_age(row[age_col]) if age_col is not None and age_col < len(row) else None
    if age == "skip":
        return
    match = _YEAR.search(year_text)
    if match is None:
        raise PopulationError(
            _("Rad %(line)s: året %(year)s kan inte läsas.") % {"line": number, "year": year_text}
        )
    count = _count(value_text)
    if count is None:
        return
    if region and label:
        result.labels[region] = label
    _add(result, region, age if isinstance(age, int) else None, int(match[0]), count)


def _classify(code: str, text: str) -> str:
    lowered = f"{code} {text}".lower()
    if "region" in lowered or lowered.startswith("kommun"):
        return "region"
    if "alder" in lowered or "ålder" in lowered or lowered.startswith("age"):
        return "age"
    if code == "Tid" or lowered.startswith("tid") or " år" in f" {text.lower()}":
        return "year"
    return "other"


def _pxweb_v1(document: dict[str, Any]) -> PopulationFile:
    columns = document["columns"]
    kinds = []
    value_index = None
    for index, column in enumerate(columns):
        if column.get("type") == "c":
            if value_index is None:
                value_index = index
            kinds.append("value")
        elif column.get("type") == "t":
            kinds.append("year")
        else:
            kinds.append(_classify(column.get("code", ""), column.get("text", "")))
    if "year" not in kinds:
        raise PopulationError(_("PxWeb-svaret saknar en tidsdimension."))
    result = PopulationFile()
    keys = [k for k in kinds if k != "value"]
    for item in document["data"]:
        key = dict(zip(keys, item.get("key", []), strict=False))
        values = item.get("values", [])
        if not values:
            continue
        count = _count(values[0])
        if count is None:
            continue
        region, _label = region_code(key["region"]) if "region" in key else ("", "")
        age = parse_age(key["age"]) if "age" in key else None
        if age == "skip":
            continue
        match = _YEAR.search(key["year"])
        if match is None:
            continue
        _add(result, region, age if isinstance(age, int) else None, int(match[0]), count)
    return result


def _jsonstat(document: dict[str, Any]) -> PopulationFile:
    ids: list[str] = document["id"]
    sizes: list[int] = document["size"]
    dimensions = document["dimension"]
    time_ids = set(document.get("role", {}).get("time", []))
    metric_ids = set(document.get("role", {}).get("metric", []))
    codes: list[list[str]] = []
    kinds: list[str] = []
    for dim in ids:
        index = dimensions[dim]["category"]["index"]
        ordered = (
            sorted(index, key=lambda code: index[code]) if isinstance(index, dict) else list(index)
        )
        codes.append(ordered)
        if dim in time_ids:
            kinds.append("year")
        elif dim in metric_ids:
            kinds.append("metric")
        else:
            kinds.append(_classify(dim, dimensions[dim].get("label", "")))
    values = document["value"]
    if isinstance(values, dict):
        flat: list[Any] = [None] * (1 if not sizes else math.prod(sizes))
        for position, value in values.items():
            flat[int(position)] = value
        values = flat
    metric_position = kinds.index("metric") if "metric" in kinds else None
    metric_code = None
    if metric_position is not None:
        options = codes[metric_position]
        metric_code = "BE0101N1" if "BE0101N1" in options else options[0]
    result = PopulationFile()
    sums: dict[tuple[str, int | None, int], int] = defaultdict(int)
    labels = {dim: dimensions[dim]["category"].get("label", {}) for dim in ids}
    for position, combination in enumerate(itertools.product(*codes)):
        if position >= len(values):
            break
        count = _count(values[position]) if values[position] is not None else None
        if count is None:
            continue
        key = dict(zip(kinds, combination, strict=False))
        if metric_code is not None and key.get("metric") != metric_code:
            continue
        region = ""
        if "region" in key:
            region, _label = region_code(key["region"])
            if region == "00" or key["region"] == "00":
                region = "00"
        age_value: int | str | None = None
        if "age" in key:
            age_dim = ids[kinds.index("age")]
            age_value = parse_age(labels[age_dim].get(key["age"], key["age"]))
            if age_value == "skip":
                age_value = parse_age(key["age"])
            if age_value == "skip":
                continue
        match = _YEAR.search(key.get("year", ""))
        if match is None:
            continue
        sums[(region, age_value if isinstance(age_value, int) else None, int(match[0]))] += count
    result.values = dict(sums)
    for dim, kind in zip(ids, kinds, strict=False):
        if kind == "region":
            for code, label in labels[dim].items():
                result.labels[region_code(code)[0] or code] = label
    return result
