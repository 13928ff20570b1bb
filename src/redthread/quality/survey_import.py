"""Survey results in, from CSV or Excel: per index, unit and gender, all rows or none.

The file has a header row with the columns ``Index``, ``Enhet``, ``Värde``, ``Kvinnor``,
``Män`` and ``Antal svar`` (only Index and a value are required; the order is free). A row
without a unit (or with "Hela kommunen") is the whole municipality's figure; for an index
linked to an indicator, that figure becomes the indicator's actual for the helår of the
year the survey ran. Every row is checked before anything is saved; each error names the
row (CSV) or the cell (Excel) and says what to do. Importing again replaces the results.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from redthread.cycle.models import ReportingPeriod
from redthread.goals.models import Actual, Indicator, Source
from redthread.organisation.models import Unit
from redthread.quality.models import Survey, SurveyIndex, SurveyResult

MAX_ROWS = 20_000
COLUMNS = {
    "index": ("index", "indikator", "fråga"),
    "unit": ("enhet", "enhetsnamn", "arbetsplats"),
    "value": ("värde", "totalt", "resultat"),
    "women": ("kvinnor", "kvinna"),
    "men": ("män", "man"),
    "respondents": ("antal svar", "svar", "antal svarande"),
}
WHOLE = {"", "hela kommunen", "kommunen", "totalt", "total"}


class ImportRefused(Exception):
    """The file has errors; nothing was saved."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Row:
    index: SurveyIndex
    unit: Unit | None
    value: Decimal | None
    women: Decimal | None
    men: Decimal | None
    respondents: int | None


@dataclass
class ImportResult:
    rows: int = 0
    units: int = 0
    indicators: list[tuple[Indicator, ReportingPeriod, Decimal | None]] = field(
        default_factory=list
    )


@dataclass
class Cells:
    """One data row of the file, with a way to name the place of each value in an error."""

    number: int
    values: dict[str, Any]
    places: dict[str, str]


def read_rows(file: IO[bytes], name: str) -> Iterator[Cells]:
    """The data rows of a CSV or XLSX file, by column key; raises ImportRefused on a bad file."""
    data = file.read()
    if data[:4] == b"PK\x03\x04" or name.lower().endswith(".xlsx"):
        yield from _xlsx_rows(data)
    else:
        yield from _csv_rows(data)


def _header(cells: list[Any], place: str) -> dict[int, str]:
    names = {str(c or "").strip().casefold(): i for i, c in enumerate(cells)}
    columns: dict[int, str] = {}
    for key, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in names:
                columns[names[alias]] = key
                break
    if "index" not in columns.values():
        raise ImportRefused(
            [
                _(
                    "%(place)s: kolumnen Index saknas. Första raden ska ha rubrikerna Index, "
                    "Enhet, Värde, Kvinnor, Män och Antal svar."
                )
                % {"place": place}
            ]
        )
    if not {"value", "women", "men"} & set(columns.values()):
        raise ImportRefused(
            [
                _("%(place)s: kolumnen Värde saknas (eller Kvinnor och Män). Lägg till den.")
                % {"place": place}
            ]
        )
    return columns


def _csv_rows(data: bytes) -> Iterator[Cells]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if not text.strip():
        raise ImportRefused([_("Filen är tom. Välj filen med enkätresultaten.")])
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    columns: dict[int, str] | None = None
    for line, cells in enumerate(reader, start=1):
        if columns is None:
            columns = _header(cells, _("Rad 1"))
            continue
        if not any(c.strip() for c in cells):
            continue
        values = {key: cells[i] if i < len(cells) else "" for i, key in columns.items()}
        places = {
            key: _("rad %(line)s, kolumn %(column)s") % {"line": line, "column": _label(key)}
            for key in columns.values()
        }
        yield Cells(line, values, places)


def _xlsx_rows(data: bytes) -> Iterator[Cells]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportRefused(
            [_("Filen går inte att läsa som Excel (.xlsx). Spara den som .xlsx eller CSV.")]
        ) from None
    sheet = workbook.worksheets[0]
    columns: dict[int, str] | None = None
    for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = list(cells)
        if columns is None:
            columns = _header(cells, _("Cell A1"))
            continue
        if not any(c not in (None, "") for c in cells):
            continue
        values = {key: cells[i] if i < len(cells) else None for i, key in columns.items()}
        places = {
            key: _("cell %(cell)s") % {"cell": f"{get_column_letter(i + 1)}{line}"}
            for i, key in columns.items()
        }
        yield Cells(line, values, places)
    if columns is None:
        raise ImportRefused([_("Filen är tom. Välj filen med enkätresultaten.")])


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _label(key: str) -> str:
    return {
        "index": _("Index"),
        "unit": _("Enhet"),
        "value": _("Värde"),
        "women": _("Kvinnor"),
        "men": _("Män"),
        "respondents": _("Antal svar"),
    }[key]


def _decimal(raw: Any) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise InvalidOperation
    if isinstance(raw, int | float | Decimal):
        return Decimal(str(raw))
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return Decimal(text)


def parse(survey: Survey, file: IO[bytes], name: str) -> list[Row]:
    """Every row of the file checked against the survey's indexes and the organisation."""
    indexes = {
        i.code.casefold(): i
        for i in SurveyIndex.objects.filter(municipality=survey.municipality, kind=survey.kind)
    }
    units: dict[str, list[Unit]] = {}
    for candidate in Unit.objects.filter(municipality=survey.municipality):
        for name in {candidate.name.casefold(), candidate.short_name.casefold()} - {""}:
            units.setdefault(name, []).append(candidate)
    errors: list[str] = []
    rows: list[Row] = []
    seen: dict[tuple[int, int | None], int] = {}
    for cells in read_rows(file, name):
        if len(rows) + len(errors) > MAX_ROWS:
            raise ImportRefused(
                [_("Filen har fler än %(max)s rader. Dela upp den.") % {"max": MAX_ROWS}]
            )
        place = cells.places
        code = str(cells.values.get("index") or "").strip()
        index = indexes.get(code.casefold())
        if index is None:
            known = ", ".join(i.code for i in indexes.values()) or _("inga")
            errors.append(
                _("%(place)s: indexet ”%(code)s” finns inte för %(kind)s. Kända index: %(known)s.")
                % {
                    "place": _upper_first(place["index"]),
                    "code": code,
                    "kind": survey.get_kind_display(),
                    "known": known,
                }
            )
        unit_name = str(cells.values.get("unit") or "").strip()
        unit: Unit | None = None
        unit_known = True
        if unit_name.casefold() not in WHOLE:
            matches = units.get(unit_name.casefold(), [])
            if len(matches) != 1:
                message = (
                    _(
                        "%(place)s: enheten ”%(unit)s” finns inte. Skriv enhetens namn som i "
                        "organisationen, eller lämna tomt för hela kommunen."
                    )
                    if not matches
                    else _("%(place)s: flera enheter heter ”%(unit)s”. Skriv förkortningen.")
                )
                errors.append(message % {"place": _upper_first(place["unit"]), "unit": unit_name})
                unit_known = False
            else:
                unit = matches[0]
        numbers: dict[str, Decimal | None] = {}
        for key in ("value", "women", "men"):
            raw = cells.values.get(key)
            try:
                numbers[key] = _decimal(raw)
            except (InvalidOperation, ValueError):
                numbers[key] = None
                errors.append(
                    _("%(place)s: ”%(value)s” är inget tal. Skriv ett tal, t.ex. 78,5.")
                    % {"place": _upper_first(place[key]), "value": raw}
                )
        respondents: int | None = None
        raw = cells.values.get("respondents")
        try:
            count = _decimal(raw)
            if count is not None:
                if count < 0 or count != count.to_integral_value():
                    raise InvalidOperation
                respondents = int(count)
        except (InvalidOperation, ValueError):
            errors.append(
                _("%(place)s: antal svar ska vara ett heltal, inte ”%(value)s”.")
                % {"place": _upper_first(place["respondents"]), "value": raw}
            )
        if all(v is None for v in numbers.values()) and not any(
            cells.values.get(k) not in (None, "") for k in ("value", "women", "men")
        ):
            errors.append(
                _("Rad %(line)s: ange ett värde, eller värden för kvinnor och män.")
                % {"line": cells.number}
            )
        if index is not None and unit_known:
            place_key = (index.pk, unit.pk if unit else None)
            if place_key in seen:
                errors.append(
                    _("Rad %(line)s: %(code)s för %(unit)s finns redan på rad %(first)s.")
                    % {
                        "line": cells.number,
                        "code": index.code,
                        "unit": unit or _("hela kommunen"),
                        "first": seen[place_key],
                    }
                )
            seen[place_key] = cells.number
            rows.append(
                Row(index, unit, numbers["value"], numbers["women"], numbers["men"], respondents)
            )
    if not rows and not errors:
        errors.append(_("Filen har inga rader med resultat under rubrikraden."))
    if errors:
        raise ImportRefused(errors)
    return rows


def _annual_period(survey: Survey) -> ReportingPeriod | None:
    return ReportingPeriod.objects.filter(
        municipality=survey.municipality, year=survey.year, kind=ReportingPeriod.Kind.ANNUAL
    ).first()


def indicator_targets(survey: Survey, rows: list[Row]) -> list[tuple[Row, Indicator]]:
    """The whole-municipality rows of indexes linked to an indicator, with the indicator version."""
    found = []
    for row in rows:
        if row.unit is None and row.index.indicator_id is not None:
            indicator = row.index.indicator_for_year(survey.year)
            if indicator is not None:
                found.append((row, indicator))
    return found


def import_results(survey: Survey, file: IO[bytes], name: str) -> ImportResult:
    """Check the file, then replace the survey's results and feed the indicators, in one go."""
    rows = parse(survey, file, name)
    feeds = indicator_targets(survey, rows)
    period = _annual_period(survey)
    if feeds and period is None:
        raise ImportRefused(
            [
                _("Det finns ingen helårsperiod %(year)s att lägga indikatorvärdena i.")
                % {"year": survey.year}
            ]
        )
    if feeds and period is not None and not period.is_writable:
        raise ImportRefused(
            [
                _(
                    "%(period)s är stängd, så indikatorn %(indicator)s kan inte få enkätens "
                    "värde. Kvalitetsstrategen kan öppna perioden igen med stöd av ett beslut."
                )
                % {"period": period.label, "indicator": feeds[0][1].title}
            ]
        )
    return save(survey, rows, period)


def save(survey: Survey, rows: list[Row], period: ReportingPeriod | None) -> ImportResult:
    """Replace the survey's results with ``rows`` and write the indicators' actuals."""
    result = ImportResult(rows=len(rows), units=len({r.unit.pk for r in rows if r.unit}))
    with transaction.atomic():
        wanted = {(r.index.pk, r.unit.pk if r.unit else None): r for r in rows}
        for existing in SurveyResult.objects.filter(survey=survey):
            if (existing.index_id, existing.unit_id) not in wanted:
                existing.delete()
        stored = {(r.index_id, r.unit_id): r for r in SurveyResult.objects.filter(survey=survey)}
        for key, row in wanted.items():
            values = {
                "value": row.value,
                "value_women": row.women,
                "value_men": row.men,
                "respondents": row.respondents,
            }
            current = stored.get(key)
            if current is None:
                SurveyResult.objects.create(survey=survey, index=row.index, unit=row.unit, **values)
            elif any(getattr(current, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(current, k, v)
                current.save()
        if period is not None:
            for row, indicator in indicator_targets(survey, rows):
                _write_actual(survey, indicator, period, row)
                result.indicators.append((indicator, period, row.value))
        if survey.state == Survey.State.PLANNED:
            survey.state = Survey.State.DONE
            survey.save()
    return result


def _write_actual(survey: Survey, indicator: Indicator, period: ReportingPeriod, row: Row) -> None:
    values = {
        "value": row.value,
        "value_women": row.women,
        "value_men": row.men,
        "source": Source.SURVEY,
        "note": str(survey)[:255],
    }
    actual = Actual.objects.filter(indicator=indicator, period=period).first()
    if actual is None:
        Actual.objects.create(indicator=indicator, period=period, **values)
    elif any(getattr(actual, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(actual, k, v)
        actual.save()
