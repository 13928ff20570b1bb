"""Target values and actuals per body in Excel: a template out, the filled-in file back in.

The workbook has two sheets, "Målvärden" and "Utfall", with one row per metric (and
period). An import checks every row first; any error and nothing is saved, and each
error names the sheet, the cell and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from redthread.cycle.models import ReportingPeriod
from redthread.goals.models import Actual, Indicator, Measure, Target
from redthread.organisation.models import Body, Decision

TARGET_SHEET = "Målvärden"
ACTUAL_SHEET = "Utfall"
TARGET_HEADERS = ["Typ", "Id", "Namn", "Enhet", "År", "Slag", "Målvärde"]
ACTUAL_HEADERS = [
    "Typ",
    "Id",
    "Namn",
    "Enhet",
    "Period",
    "Periodnamn",
    "Utfall",
    "Kvinnor",
    "Män",
    "Kommentar",
]
KINDS = {"indikator": "indicator", "mått": "measure"}
TARGET_KINDS = {"preliminärt": Target.Kind.PRELIMINARY, "slutligt": Target.Kind.FINAL}


class ImportRefused(Exception):
    """The file has errors; nothing was saved."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def metrics_of(body: Body, year: int) -> list[Indicator | Measure]:
    """KF and KS own the kommunmål's indicators; a nämnd its åtaganden's mått."""
    if body.kind in (Body.Kind.COUNCIL, Body.Kind.EXECUTIVE_BOARD):
        return list(
            Indicator.objects.filter(
                year=year, goal__area__vision__municipality=body.municipality
            ).order_by("goal__order", "order")
        )
    return list(
        Measure.objects.filter(year=year, commitment__body=body).order_by(
            "commitment__order", "order"
        )
    )


def export(body: Body, year: int) -> bytes:
    workbook = Workbook()
    targets_sheet = workbook.active
    assert targets_sheet is not None
    targets_sheet.title = TARGET_SHEET
    actuals_sheet = workbook.create_sheet(ACTUAL_SHEET)
    metrics = metrics_of(body, year)
    periods = list(
        ReportingPeriod.objects.filter(municipality=body.municipality, year=year)
        .exclude(state__in=[ReportingPeriod.State.CLOSED, ReportingPeriod.State.LOCKED])
        .order_by("end_date")
    )
    field = "indicator" if metrics and isinstance(metrics[0], Indicator) else "measure"
    targets = Target.objects.filter(**{f"{field}__in": metrics}, year=year)
    target_values = {(getattr(t, f"{field}_id"), t.kind): t.value for t in targets}
    actual_values = {
        (getattr(a, f"{field}_id"), a.period_id): a
        for a in Actual.objects.filter(**{f"{field}__in": metrics}, period__in=periods)
    }
    _header(targets_sheet, TARGET_HEADERS)
    _header(actuals_sheet, ACTUAL_HEADERS)
    label = "indikator" if field == "indicator" else "mått"
    for metric in metrics:
        for kind_label, kind in TARGET_KINDS.items():
            targets_sheet.append(
                [
                    label,
                    metric.pk,
                    metric.title,
                    metric.unit_label,
                    year,
                    kind_label,
                    target_values.get((metric.pk, kind)),
                ]
            )
        for period in periods:
            actual = actual_values.get((metric.pk, period.pk))
            actuals_sheet.append(
                [
                    label,
                    metric.pk,
                    metric.title,
                    metric.unit_label,
                    period.key,
                    period.label,
                    actual.value if actual else None,
                    actual.value_women if actual else None,
                    actual.value_men if actual else None,
                    actual.note if actual else "",
                ]
            )
    for sheet in (targets_sheet, actuals_sheet):
        sheet.freeze_panes = "A2"
        for index, width in enumerate([10, 8, 48, 10, 16, 26, 12, 12, 12, 30], start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(sheet: Any, headers: list[str]) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F2E6E8")


@dataclass
class ImportResult:
    targets: int = 0
    actuals: int = 0


def _number(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return Decimal(text)


def import_file(body: Body, year: int, file: IO[bytes], decision: Decision | None) -> ImportResult:
    """Import targets and actuals for ``body``; all rows or none."""
    try:
        workbook = load_workbook(file, data_only=True, read_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportRefused(
            [_("Filen är ingen Excel-fil (.xlsx). Ladda ner mallen och fyll i den.")]
        ) from None
    errors: list[str] = []
    for name in (TARGET_SHEET, ACTUAL_SHEET):
        if name not in workbook.sheetnames:
            errors.append(
                _("Bladet %(sheet)s saknas. Använd mallen som systemet ger.") % {"sheet": name}
            )
    if errors:
        raise ImportRefused(errors)
    metrics = {m.pk: m for m in metrics_of(body, year)}
    field = (
        "indicator"
        if metrics and isinstance(next(iter(metrics.values())), Indicator)
        else "measure"
    )
    periods = {
        p.key: p for p in ReportingPeriod.objects.filter(municipality=body.municipality, year=year)
    }
    targets: list[tuple[Any, str, Decimal]] = []  # (metric, Target.Kind, value)
    actuals: list[tuple[Any, ReportingPeriod, dict[str, Any]]] = []

    def ref(column: int, row: int) -> str:
        return f"{get_column_letter(column)}{row}"

    def metric_of(sheet: str, row: int, values: tuple[Any, ...]) -> Any:
        pk = values[1]
        metric = metrics.get(pk) if isinstance(pk, int) else None
        if metric is None:
            errors.append(
                _(
                    "Blad %(sheet)s, cell %(cell)s: id %(id)s hör inte till %(body)s %(year)s. Ändra inte kolumnerna Typ och Id."
                )
                % {"sheet": sheet, "cell": ref(2, row), "id": pk, "body": body, "year": year}
            )
        return metric

    def value_at(sheet: str, column: int, row: int, raw: Any) -> Decimal | None:
        try:
            return _number(raw)
        except (InvalidOperation, ValueError):
            errors.append(
                _(
                    "Blad %(sheet)s, cell %(cell)s: ”%(value)s” är inget tal. Skriv ett tal, t.ex. 87,5."
                )
                % {"sheet": sheet, "cell": ref(column, row), "value": raw}
            )
            return None

    for row, values in enumerate(
        workbook[TARGET_SHEET].iter_rows(min_row=2, values_only=True), start=2
    ):
        if not any(v not in (None, "") for v in values):
            continue
        values = tuple(values) + (None,) * (len(TARGET_HEADERS) - len(values))
        metric = metric_of(TARGET_SHEET, row, values)
        target_kind = TARGET_KINDS.get(str(values[5] or "").strip().lower())
        if target_kind is None:
            errors.append(
                _("Blad %(sheet)s, cell F%(row)s: skriv preliminärt eller slutligt.")
                % {"sheet": TARGET_SHEET, "row": row}
            )
        if values[4] != year:
            errors.append(
                _("Blad %(sheet)s, cell E%(row)s: året ska vara %(year)s.")
                % {"sheet": TARGET_SHEET, "row": row, "year": year}
            )
        value = value_at(TARGET_SHEET, 7, row, values[6])
        if metric is not None and target_kind is not None and value is not None:
            targets.append((metric, target_kind, value))

    for row, values in enumerate(
        workbook[ACTUAL_SHEET].iter_rows(min_row=2, values_only=True), start=2
    ):
        if not any(v not in (None, "") for v in values):
            continue
        values = tuple(values) + (None,) * (len(ACTUAL_HEADERS) - len(values))
        metric = metric_of(ACTUAL_SHEET, row, values)
        period = periods.get(str(values[4] or ""))
        if period is None:
            errors.append(
                _("Blad %(sheet)s, cell E%(row)s: perioden ”%(key)s” finns inte för %(year)s.")
                % {"sheet": ACTUAL_SHEET, "row": row, "key": values[4], "year": year}
            )
        elif not period.is_writable and any(v not in (None, "") for v in values[6:9]):
            errors.append(
                _("Blad %(sheet)s, rad %(row)s: perioden %(period)s är stängd och kan inte ändras.")
                % {"sheet": ACTUAL_SHEET, "row": row, "period": period.label}
            )
        numbers = {
            "value": value_at(ACTUAL_SHEET, 7, row, values[6]),
            "value_women": value_at(ACTUAL_SHEET, 8, row, values[7]),
            "value_men": value_at(ACTUAL_SHEET, 9, row, values[8]),
        }
        if (
            metric is not None
            and period is not None
            and any(v is not None for v in numbers.values())
        ):
            actuals.append((metric, period, {**numbers, "note": str(values[9] or "")[:255]}))

    if errors:
        raise ImportRefused(errors)
    result = ImportResult()
    with transaction.atomic():
        for metric, kind, value in targets:
            target, created = Target.objects.get_or_create(
                **{field: metric},
                year=year,
                kind=kind,
                defaults={"value": value, "decision": decision},
            )
            if created:
                result.targets += 1
            elif target.value != value or (decision and target.decision_id != decision.pk):
                if target.locking_period() is not None:
                    raise ImportRefused(
                        [
                            _(
                                "Målvärdet för %(metric)s %(year)s kan inte ändras: en period under året är stängd."
                            )
                            % {"metric": metric, "year": year}
                        ]
                    )
                target.value = value
                target.decision = decision or target.decision
                target.save()
                result.targets += 1
        for metric, period, values in actuals:
            actual = Actual.objects.filter(**{field: metric}, period=period).first()
            if actual is None:
                Actual.objects.create(**{field: metric}, period=period, **values)
                result.actuals += 1
            elif any(getattr(actual, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(actual, key, value)
                actual.save()
                result.actuals += 1
    return result
