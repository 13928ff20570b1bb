"""Saving a nämnd's detail budget from the grid or from an XLSX file, all or nothing.

Both paths produce the same ``ParsedLine`` list and go through ``save_detail_budget``,
which checks the codes, refuses duplicates and requires the lines to sum to the
nämnd's totalbudget before anything is written.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from redthread.core.formatting import kr
from redthread.finance.models import (
    Account,
    ActivityCode,
    BudgetLine,
    BudgetYear,
    ResponsibilityCode,
)
from redthread.finance.models.budget import MONTH_FIELDS
from redthread.organisation.models import Body

SHEET = "Detaljbudget"
MONTH_HEADERS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
HEADER = ["Ansvar", "Verksamhet", "Konto", *MONTH_HEADERS, "Summa"]


@dataclass
class ParsedLine:
    where: str  # "rad 3" or "Detaljbudget!A5": named in every error about the line
    responsibility: str
    activity: str
    account: str
    months: list[int]

    @property
    def total(self) -> int:
        return sum(self.months)


def save_detail_budget(
    budget_year: BudgetYear, body: Body, lines: list[ParsedLine]
) -> tuple[int, int, int]:
    """Replace the nämnd's detail budget with ``lines``. Returns (created, changed, deleted)."""
    municipality = budget_year.municipality
    responsibilities = {
        r.code: r for r in ResponsibilityCode.objects.filter(municipality=municipality, body=body)
    }
    activities = {a.code: a for a in ActivityCode.objects.filter(municipality=municipality)}
    accounts = {a.number: a for a in Account.objects.filter(municipality=municipality)}
    seen: set[tuple[str, str, str]] = set()
    for line in lines:
        if line.responsibility not in responsibilities:
            raise ValidationError(
                _(
                    "%(where)s: ansvar %(code)s hör inte till %(body)s. Koppla ansvaret till "
                    "nämnden under Struktur, eller ta bort raden."
                )
                % {"where": line.where, "code": line.responsibility or "–", "body": body.name}
            )
        if line.activity not in activities:
            raise ValidationError(
                _("%(where)s: verksamhet %(code)s finns inte.")
                % {"where": line.where, "code": line.activity or "–"}
            )
        if line.account not in accounts:
            raise ValidationError(
                _("%(where)s: konto %(code)s finns inte i kontoplanen.")
                % {"where": line.where, "code": line.account or "–"}
            )
        key = (line.responsibility, line.activity, line.account)
        if key in seen:
            raise ValidationError(
                _("%(where)s: ansvar, verksamhet och konto finns redan på en rad ovanför.")
                % {"where": line.where}
            )
        seen.add(key)
    total = sum(line.total for line in lines)
    frame = budget_year.total_budget(body)
    if total != frame:
        raise ValidationError(
            _(
                "Detaljbudgeten summerar till %(total)s men nämndens totalbudget är %(frame)s. "
                "Fördela skillnaden, %(diff)s, innan du sparar."
            )
            % {"total": kr(total), "frame": kr(frame), "diff": kr(frame - total)}
        )
    created = changed = deleted = 0
    with transaction.atomic():
        existing = {
            (b.responsibility.code, b.activity.code, b.account.number): b
            for b in BudgetLine.objects.filter(budget_year=budget_year, body=body).select_related(
                "responsibility", "activity", "account"
            )
        }
        for line in lines:
            key = (line.responsibility, line.activity, line.account)
            current = existing.pop(key, None)
            if current is None:
                BudgetLine.objects.create(
                    budget_year=budget_year,
                    body=body,
                    responsibility=responsibilities[line.responsibility],
                    activity=activities[line.activity],
                    account=accounts[line.account],
                    **dict(zip(MONTH_FIELDS, line.months, strict=True)),
                )
                created += 1
            elif current.months != line.months:
                for name, value in zip(MONTH_FIELDS, line.months, strict=True):
                    setattr(current, name, value)
                current.save()
                changed += 1
        for leftover in existing.values():
            leftover.delete()
            deleted += 1
    return created, changed, deleted


def export_xlsx(budget_year: BudgetYear, body: Body) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    lines = BudgetLine.objects.filter(budget_year=budget_year, body=body).select_related(
        "responsibility", "activity", "account"
    )
    for number, line in enumerate(lines, start=2):
        sheet.append(
            [
                line.responsibility.code,
                line.activity.code,
                line.account.number,
                *line.months,
                f"=SUM(D{number}:O{number})",
            ]
        )
    sheet.freeze_panes = "D2"
    info = workbook.create_sheet("Information")
    info.append([_("Nämnd"), body.name])
    info.append([_("Budgetår"), budget_year.year])
    info.append([_("Totalbudget"), budget_year.total_budget(body)])
    info.append(
        [
            _("Anvisning"),
            _(
                "Fyll i bladet Detaljbudget: en rad per ansvar, verksamhet och konto, belopp i "
                "hela kronor per månad. Kostnader positiva, intäkter negativa. Summan ska bli "
                "totalbudgeten."
            ),
        ]
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def parse_xlsx(data: bytes) -> list[ParsedLine]:
    """The lines of the sheet Detaljbudget; errors name the sheet and the cell."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception:
        raise ValidationError(
            _(
                "Filen kan inte läsas som en Excel-arbetsbok (.xlsx). Exportera mallen och fyll i den."
            )
        ) from None
    if SHEET not in workbook.sheetnames:
        raise ValidationError(
            _("Arbetsboken saknar bladet %(sheet)s. Utgå från den exporterade mallen.")
            % {"sheet": SHEET}
        )
    sheet = workbook[SHEET]
    rows = sheet.iter_rows(values_only=True)
    header = [str(v).strip() if v is not None else "" for v in next(rows, ())]
    for index, expected in enumerate(HEADER[:15]):
        actual = header[index] if index < len(header) else ""
        if actual.lower() != expected.lower():
            raise ValidationError(
                _("%(sheet)s!%(cell)s: rubriken ska vara %(expected)s, inte %(actual)s.")
                % {
                    "sheet": SHEET,
                    "cell": f"{get_column_letter(index + 1)}1",
                    "expected": expected,
                    "actual": actual or "tom",
                }
            )
    lines: list[ParsedLine] = []
    for number, row in enumerate(rows, start=2):
        values = list(row) + [None] * (15 - len(row))
        if all(v in (None, "") for v in values[:15]):
            continue
        codes = [_code(v) for v in values[:3]]
        for column, code in enumerate(codes):
            if not code:
                raise ValidationError(
                    _("%(sheet)s!%(cell)s: %(what)s saknas.")
                    % {
                        "sheet": SHEET,
                        "cell": f"{get_column_letter(column + 1)}{number}",
                        "what": HEADER[column].lower(),
                    }
                )
        months = []
        for column in range(3, 15):
            months.append(
                _amount(values[column], f"{SHEET}!{get_column_letter(column + 1)}{number}")
            )
        lines.append(
            ParsedLine(
                where=f"{SHEET}!A{number}",
                responsibility=codes[0],
                activity=codes[1],
                account=codes[2],
                months=months,
            )
        )
    workbook.close()
    return lines


def _code(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _amount(value: Any, cell: str) -> int:
    if value in (None, ""):
        return 0
    if isinstance(value, bool):
        raise ValidationError(_("%(cell)s: ange ett belopp i kronor.") % {"cell": cell})
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValidationError(
                _("%(cell)s: ange hela kronor, inte %(value)s.") % {"cell": cell, "value": value}
            )
        return int(value)
    text = str(value).strip().replace(" ", "").replace("\u00a0", "").replace("\u2212", "-")
    try:
        return int(text)
    except ValueError:
        raise ValidationError(
            _("%(cell)s: %(value)s är inte ett belopp i hela kronor.")
            % {"cell": cell, "value": value}
        ) from None


def parse_grid(post: Any, count: int) -> list[ParsedLine]:
    """The grid's rows from a POST: ``r<i>-resp``, ``r<i>-act``, ``r<i>-acc``, ``r<i>-m01`` …"""
    lines = []
    for index in range(count):
        prefix = f"r{index}-"
        codes = [post.get(prefix + name, "").strip() for name in ("resp", "act", "acc")]
        raw = [post.get(f"{prefix}{name}", "").strip() for name in MONTH_FIELDS]
        if post.get(prefix + "delete") or (not any(codes) and not any(raw)):
            continue
        months = [
            _amount(
                value, _("rad %(row)s, %(month)s") % {"row": index + 1, "month": MONTH_HEADERS[m]}
            )
            for m, value in enumerate(raw)
        ]
        lines.append(
            ParsedLine(
                where=_("Rad %(row)s") % {"row": index + 1},
                responsibility=codes[0],
                activity=codes[1],
                account=codes[2],
                months=months,
            )
        )
    return lines
