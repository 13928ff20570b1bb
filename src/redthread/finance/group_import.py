"""CSV imports of the companies' figures and the HR system's personnel figures.

Both are semicolon-separated UTF-8 (with or without BOM), a header on the first line,
Swedish decimal comma accepted. An import is all or nothing: every line is checked
first, and one bad line refuses the whole file with a message naming the line and the
column. See the finance README for the formats.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from redthread.finance.models.group import (
    CompanyAccounts,
    PersonnelFigures,
    ensure_year_writable,
)
from redthread.organisation.models import Body, Municipality, Unit

MAX_ERRORS = 20

# The ``post`` names of the company CSV and the model field each fills.
COMPANY_POSTS = {
    "agarandel": "ownership_percent",
    "intakter": "revenue",
    "kostnader": "costs",
    "avskrivningar": "depreciation",
    "finansnetto": "financial_net",
    "skatt": "tax",
    "anlaggningstillgangar": "fixed_assets",
    "omsattningstillgangar": "current_assets",
    "eget_kapital": "equity",
    "avsattningar": "provisions",
    "langfristiga_skulder": "long_term_debt",
    "kortfristiga_skulder": "short_term_debt",
    "interna_intakter": "internal_revenue",
    "interna_kostnader": "internal_costs",
    "interna_fordringar": "internal_receivables",
    "interna_skulder": "internal_liabilities",
    "aktiernas_bokforda_varde": "shares_book_value",
}
COMPANY_COLUMNS = ["bolag", "ar", "post", "belopp"]
PERSONNEL_COLUMNS = [
    "forvaltning",
    "ar",
    "anstallda",
    "arsarbetare",
    "sjukfranvaro_procent",
    "personalomsattning_procent",
]
PERSONNEL_OPTIONAL = ["manad"]


class CsvRefused(Exception):
    """The file was refused and nothing changed; ``errors`` are the messages for the user."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(" ".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    years: set[int] = field(default_factory=set)


def normalise(name: str) -> str:
    """A header or name compared loosely: lower case, no accents, underscores for spaces."""
    text = name.strip().lower().replace("\ufeff", "")
    for a, b in (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"), (" ", "_"), ("-", "_")):
        text = text.replace(a, b)
    return text


def read_rows(
    data: bytes, required: list[str], optional: list[str] | None = None
) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column: text}) per data line; raises ``CsvRefused``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvRefused(
            [
                _(
                    "Filen är inte sparad som UTF-8. Spara den som ”CSV UTF-8 (semikolonavgränsad)” "
                    "och läs in den igen."
                )
            ]
        ) from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise CsvRefused([_("Filen är tom. Den första raden ska vara rubrikerna.")])
    if ";" not in lines[0]:
        raise CsvRefused(
            [
                _(
                    "Rad 1: kolumnerna ska skiljas med semikolon (;). Rubrikraden ska vara: "
                    "%(header)s"
                )
                % {"header": ";".join(required)}
            ]
        )
    optional = optional or []
    reader = csv.reader(io.StringIO(text), delimiter=";")
    header = [normalise(h) for h in next(reader)]
    missing = [c for c in required if c not in header]
    if missing:
        raise CsvRefused(
            [
                _("Rad 1: kolumnen %(columns)s saknas. Rubrikraden ska vara: %(header)s")
                % {"columns": ", ".join(missing), "header": ";".join(required)}
            ]
        )
    unknown = [h for h in header if h and h not in required and h not in optional]
    if unknown:
        raise CsvRefused(
            [
                _("Rad 1: okänd kolumn %(columns)s. Tillåtna kolumner: %(allowed)s")
                % {"columns": ", ".join(unknown), "allowed": ", ".join([*required, *optional])}
            ]
        )
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            raise CsvRefused(
                [
                    _("Rad %(line)s har %(found)s kolumner men rubrikraden %(expected)s.")
                    % {"line": number, "found": len(cells), "expected": len(header)}
                ]
            )
        values = {
            name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)
        }
        rows.append((number, values))
    if not rows:
        raise CsvRefused([_("Filen innehåller bara rubrikraden; det finns inget att läsa in.")])
    return rows


class _Errors:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, line: int, column: str | None, text: str) -> None:
        if column:
            self.messages.append(
                _("Rad %(line)s, kolumn %(column)s: %(text)s")
                % {"line": line, "column": column, "text": text}
            )
        else:
            self.messages.append(_("Rad %(line)s: %(text)s") % {"line": line, "text": text})

    def raise_if_any(self) -> None:
        if self.messages:
            shown = self.messages[:MAX_ERRORS]
            if len(self.messages) > MAX_ERRORS:
                shown.append(
                    _("… och %(count)s fel till.") % {"count": len(self.messages) - MAX_ERRORS}
                )
            raise CsvRefused(shown)


def parse_decimal(text: str) -> Decimal:
    """``1 234,5`` or ``1234.5``; raises ``ValueError`` with a message."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace("%", "").replace(",", ".")
    if not cleaned:
        raise ValueError(_("värde saknas."))
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("”%(text)s” är inte ett tal.") % {"text": text}) from None
    if not value.is_finite():
        raise ValueError(_("”%(text)s” är inte ett tal.") % {"text": text})
    return value


def parse_int(text: str) -> int:
    value = parse_decimal(text)
    if value != value.to_integral_value():
        raise ValueError(_("”%(text)s” ska vara ett heltal.") % {"text": text})
    return int(value)


def parse_year(text: str) -> int:
    value = parse_int(text)
    if not 1990 <= value <= 2100:
        raise ValueError(_("året %(year)s är inte rimligt.") % {"year": text})
    return value


def _by_name(objects: list[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for obj in objects:
        for name in (obj.name, obj.short_name):
            if name:
                found.setdefault(normalise(name), obj)
    return found


def _closed_years(municipality: Municipality, years: set[int], errors: _Errors) -> None:
    for year in sorted(years):
        try:
            ensure_year_writable(municipality, year)
        except ValidationError as error:
            errors.messages.append(
                _("Året %(year)s är stängt: %(reason)s")
                % {"year": year, "reason": " ".join(error.messages)}
            )


def _save(obj: Any, values: dict[str, Any], result: ImportResult) -> None:
    if obj.pk is None:
        obj.save()
        result.created += 1
    elif values:
        obj.save()
        result.changed += 1
    else:
        result.unchanged += 1


# --- companies --------------------------------------------------------------------------


def import_company_accounts(municipality: Municipality, data: bytes) -> ImportResult:
    """``bolag;ar;post;belopp``: each line one figure of one company's year."""
    rows = read_rows(data, COMPANY_COLUMNS)
    errors = _Errors()
    companies = _by_name(
        list(Body.objects.filter(municipality=municipality, kind=Body.Kind.COMPANY))
    )
    figures: dict[tuple[int, int], dict[str, Any]] = defaultdict(dict)
    lines: dict[tuple[int, int], int] = {}
    for number, row in rows:
        company = companies.get(normalise(row["bolag"]))
        if company is None:
            known = ", ".join(sorted({c.name for c in companies.values()})) or _("inga")
            errors.add(
                number,
                "bolag",
                _("bolaget ”%(name)s” finns inte bland kommunens bolag (%(known)s).")
                % {"name": row["bolag"], "known": known},
            )
            continue
        try:
            year = parse_year(row["ar"])
        except ValueError as error:
            errors.add(number, "ar", str(error))
            continue
        post = COMPANY_POSTS.get(normalise(row["post"]))
        if post is None:
            errors.add(
                number,
                "post",
                _("okänd post ”%(post)s”. Tillåtna: %(allowed)s.")
                % {"post": row["post"], "allowed": ", ".join(COMPANY_POSTS)},
            )
            continue
        try:
            value: Any = (
                parse_decimal(row["belopp"])
                if post == "ownership_percent"
                else parse_int(row["belopp"])
            )
        except ValueError as error:
            errors.add(number, "belopp", str(error))
            continue
        key = (company.pk, year)
        if post in figures[key]:
            errors.add(
                number,
                "post",
                _("posten ”%(post)s” för %(company)s %(year)s står redan på en tidigare rad.")
                % {"post": row["post"], "company": company.name, "year": year},
            )
            continue
        figures[key][post] = value
        lines.setdefault(key, number)
    errors.raise_if_any()
    _closed_years(municipality, {year for _c, year in figures}, errors)
    errors.raise_if_any()
    result = ImportResult()
    objects = []
    for (company_id, year), values in figures.items():
        obj = CompanyAccounts.objects.filter(company_id=company_id, year=year).first()
        if obj is None:
            obj = CompanyAccounts(company_id=company_id, year=year)
        changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
        for name, value in values.items():
            setattr(obj, name, value)
        try:
            obj.full_clean(validate_unique=False)
        except ValidationError as error:
            errors.add(
                lines[(company_id, year)],
                None,
                _("%(company)s %(year)s: %(reason)s")
                % {
                    "company": obj.company.name,
                    "year": year,
                    "reason": " ".join(error.messages),
                },
            )
            continue
        objects.append((obj, changed))
        result.years.add(year)
    errors.raise_if_any()
    with transaction.atomic():
        for obj, changed in objects:
            _save(obj, changed, result)
    return result


# --- personnel --------------------------------------------------------------------------


def import_personnel(municipality: Municipality, data: bytes, *, source: str = "") -> ImportResult:
    """``forvaltning;ar;anstallda;arsarbetare;sjukfranvaro_procent;personalomsattning_procent``
    (optionally ``manad``): one line per förvaltning and year."""
    rows = read_rows(data, PERSONNEL_COLUMNS, PERSONNEL_OPTIONAL)
    errors = _Errors()
    units = _by_name(
        list(Unit.objects.filter(municipality=municipality, parent__isnull=True).administrations())
    )
    parsed: dict[tuple[int, int, int], tuple[int, dict[str, Any]]] = {}
    for number, row in rows:
        unit = units.get(normalise(row["forvaltning"]))
        if unit is None:
            known = ", ".join(sorted({u.name for u in units.values()})) or _("inga")
            errors.add(
                number,
                "forvaltning",
                _("förvaltningen ”%(name)s” finns inte (%(known)s).")
                % {"name": row["forvaltning"], "known": known},
            )
            continue
        values: dict[str, Any] = {}
        ok = True
        for column, name, parse, low, high in (
            ("ar", "year", parse_year, None, None),
            ("anstallda", "employees", parse_int, Decimal(0), None),
            ("arsarbetare", "full_time_equivalents", parse_decimal, Decimal(0), None),
            ("sjukfranvaro_procent", "sick_leave_percent", parse_decimal, Decimal(0), Decimal(100)),
            (
                "personalomsattning_procent",
                "turnover_percent",
                parse_decimal,
                Decimal(0),
                Decimal(100),
            ),
        ):
            try:
                value = parse(row[column])
            except ValueError as error:
                errors.add(number, column, str(error))
                ok = False
                continue
            if low is not None and value < low:
                errors.add(number, column, _("värdet kan inte vara negativt."))
                ok = False
                continue
            if high is not None and value > high:
                errors.add(number, column, _("en procentsats ligger mellan 0 och 100."))
                ok = False
                continue
            if name == "full_time_equivalents":
                value = Decimal(value).quantize(Decimal("0.1"))
            if name in ("sick_leave_percent", "turnover_percent"):
                value = Decimal(value).quantize(Decimal("0.01"))
            values[name] = value
        month = 0
        if row.get("manad"):
            try:
                month = parse_int(row["manad"])
                if not 0 <= month <= 12:
                    raise ValueError(_("månaden ska vara 1–12, eller tom för helåret."))
            except ValueError as error:
                errors.add(number, "manad", str(error))
                ok = False
        if not ok:
            continue
        key = (unit.pk, values["year"], month)
        if key in parsed:
            errors.add(
                number,
                "forvaltning",
                _("%(unit)s %(year)s står redan på rad %(line)s.")
                % {"unit": unit.name, "year": values["year"], "line": parsed[key][0]},
            )
            continue
        parsed[key] = (number, values)
    errors.raise_if_any()
    _closed_years(municipality, {year for _u, year, _m in parsed}, errors)
    errors.raise_if_any()
    result = ImportResult()
    with transaction.atomic():
        for (unit_id, year, month), (_line, values) in parsed.items():
            obj = PersonnelFigures.objects.filter(unit_id=unit_id, year=year, month=month).first()
            if obj is None:
                obj = PersonnelFigures(unit_id=unit_id, year=year, month=month)
            changed = {k: v for k, v in values.items() if k != "year" and getattr(obj, k) != v}
            for name, value in values.items():
                setattr(obj, name, value)
            if changed and source:
                obj.source = source[:200]
            _save(obj, changed, result)
            result.years.add(year)
    return result
