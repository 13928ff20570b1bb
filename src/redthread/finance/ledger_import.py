"""Importing a ledger file: streaming, all or nothing, replacing earlier data for its months.

The reader (SIE or CSV) hands vouchers to a ``LedgerSink``, which inserts the
transactions in batches straight through the database cursor and keeps the monthly
aggregates in memory (bounded by accounts × codes × months, not by the file's size).
At the end the earlier data of the months the file covers is deleted, the aggregates
are written, unknown accounts and codes are added to the structure, and the import is
logged. Everything happens in one transaction: an error anywhere leaves the database
as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

from django.db import connection, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from redthread.cycle.models import PeriodClosed, ReportingPeriod, month_end
from redthread.finance.csvledger import CsvLedgerReader
from redthread.finance.ledger_structure import BalanceKey, add_accounts, add_codes, replace_earlier
from redthread.finance.models import (
    LedgerBalance,
    LedgerEntry,
    LedgerImport,
    LedgerSettings,
    LedgerSummary,
)
from redthread.finance.models.structure import account_class
from redthread.finance.sie.reader import SieReader
from redthread.finance.sie.tokenizer import SieError
from redthread.finance.sie.values import Dimensions, FileInfo, Row, ore_to_text
from redthread.organisation.models import Municipality

BATCH = 20_000
_TRANSACTION_KEY = itemgetter(0, 1, 3, 4, 5, 6)


class ImportRefused(Exception):
    """The file was refused; nothing was written. ``str()`` is the message for the user."""


@dataclass
class ImportOutcome:
    info: FileInfo
    accounts: dict[str, int]
    months: list[tuple[int, int]]
    ledger_import: LedgerImport | None = None
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "transactions": self.info.transactions,
            "vouchers": self.info.vouchers,
            "accounts": {k: ore_to_text(v) for k, v in sorted(self.accounts.items())},
        }


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def closed_through(municipality: Municipality, years: set[int]) -> dict[int, ReportingPeriod]:
    """Per year, the latest closed or locked reporting period: its months take no new data.

    A report covers the year up to its end date, so data for any month up to the end
    of a closed period would change a report that is already closed.
    """
    latest: dict[int, ReportingPeriod] = {}
    for period in ReportingPeriod.objects.closed().filter(
        municipality=municipality, year__in=years
    ):
        current = latest.get(period.year)
        if current is None or period.end_date > current.end_date:
            latest[period.year] = period
    return latest


def ensure_months_writable(municipality: Municipality, months: set[tuple[int, int]]) -> None:
    closed = closed_through(municipality, {year for year, _m in months})
    for year, month in sorted(months):
        period = closed.get(year)
        # Month 0 is the opening balance (#IB): it changes every report of the year.
        if period is not None and month_end(year, max(month, 1)) <= period.end_date:
            try:
                period.ensure_writable()
            except PeriodClosed as error:
                raise ImportRefused(
                    _("Filen innehåller utfall för %(month)s. %(reason)s")
                    % {"month": f"{year}-{month:02d}", "reason": " ".join(error.messages)}
                ) from None


class LedgerSink:
    """Receives what the reader reads; writes it when an import row is given."""

    def __init__(self, municipality: Municipality, ledger_import: LedgerImport | None) -> None:
        self.municipality = municipality
        self.ledger_import = ledger_import
        self.balances: dict[BalanceKey, int] = defaultdict(int)
        # Transactions per (year, month, account, ansvar, verksamhet, projekt), in öre.
        self.actual: dict[tuple[Any, ...], int] = defaultdict(int)
        self.declared_accounts: dict[str, str] = {}
        self.declared_codes: dict[str, dict[str, str]] = defaultdict(dict)
        self.batch: list[Row] = []
        self.checked: set[tuple[int, int]] = set()
        self.vendor = connection.vendor
        self.inserted = 0
        if ledger_import is not None:
            table = LedgerEntry._meta.db_table
            columns = [
                "year",
                "month",
                "date",
                "account",
                "responsibility",
                "activity",
                "project",
                "amount_ore",
                "series",
                "voucher",
                "text",
            ]
            ids = {"municipality_id": municipality.pk, "ledger_import_id": ledger_import.pk}
            self.insert_sql = insert_sql(table, ids, columns)
            self.copy_sql = (
                f"COPY {table} (municipality_id, ledger_import_id, {', '.join(columns)}) FROM STDIN"
            )

    def date_value(self, day: dt.date) -> object:
        return day.isoformat() if self.vendor == "sqlite" else day

    # The reader's interface.
    def header(self, info: FileInfo) -> None:
        pass

    def account(self, number: str, name: str, line: int) -> None:
        self.declared_accounts[number] = name[:200]

    def code(self, role: str, code: str, name: str) -> None:
        self.declared_codes[role][code] = name[:200]

    def voucher(self, rows: list[Row], first_line: int) -> None:
        actual = self.actual
        key = _TRANSACTION_KEY
        for row in rows:
            actual[key(row)] += row[7]
        month = (rows[0][0], rows[0][1])
        if month not in self.checked:
            self.checked.add(month)
            ensure_months_writable(self.municipality, {month})
        if self.ledger_import is not None:
            self.batch.extend(rows)
            if len(self.batch) >= BATCH:
                self.flush()

    def balance(
        self, kind: str, year: int, month: int, account: str, responsibility: str | None, ore: int
    ) -> None:
        # Totals are kept under a marker; ``finish`` splits them from the ansvar rows.
        key = (kind, year, month, account, "\x00" if responsibility is None else responsibility)
        self.balances[(*key, "", "")] += ore

    def flush(self) -> None:
        if not self.batch:
            return
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                raw = cursor.cursor  # psycopg's cursor, for COPY
                with raw.copy(self.copy_sql) as copy:
                    ids = (self.municipality.pk, self.ledger_import.pk)  # type: ignore[union-attr]
                    for row in self.batch:
                        copy.write_row(ids + row)
            else:
                cursor.executemany(self.insert_sql, cast(Any, self.batch))
        self.inserted += len(self.batch)
        self.batch.clear()

    # After the file is read.
    def resolved_balances(self) -> dict[BalanceKey, int]:
        """The balances with period totals (#PSALDO without objects) split from ansvar rows."""
        totals: dict[tuple[str, int, int, str], int] = {}
        by_code: dict[tuple[str, int, int, str], int] = defaultdict(int)
        result: dict[BalanceKey, int] = {("actual", *key): ore for key, ore in self.actual.items()}
        for key, ore in self.balances.items():
            kind, year, month, account, resp, _activity, _project = key
            if resp == "\x00":
                totals[(kind, year, month, account)] = ore
            else:
                result[key] = result.get(key, 0) + ore
                by_code[(kind, year, month, account)] += ore
        for (kind, year, month, account), total in totals.items():
            rest = total - by_code.get((kind, year, month, account), 0)
            key = (kind, year, month, account, "", "", "")
            if rest:
                result[key] = result.get(key, 0) + rest
        return result


def _month_range(months: set[tuple[int, int]]) -> list[tuple[int, int]]:
    if not months:
        return []
    first, last = min(months), max(months)
    result = []
    year, month = first
    while (year, month) <= last:
        result.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def _in_months(queryset: Any, months: list[tuple[int, int]]) -> Any:
    """Rows of ``queryset`` in the given months (one query, year by year)."""
    from django.db.models import Q

    condition = Q()
    by_year: dict[int, list[int]] = defaultdict(list)
    for year, month in months:
        by_year[year].append(month)
    for year, year_months in by_year.items():
        condition |= Q(year=year, month__in=year_months)
    return queryset.filter(condition)


def import_ledger(
    path: Path,
    *,
    municipality: Municipality,
    user: Any = None,
    dry_run: bool = False,
    file_name: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportOutcome:
    """Import ``path`` (SIE or CSV). Raises ``ImportRefused`` and writes nothing on any error."""
    name = file_name or path.name
    size = path.stat().st_size
    digest = file_hash(path)
    with path.open("rb") as probe:
        head = probe.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"\x00" in head or head.startswith((b"PK", b"%PDF")):
        raise ImportRefused(
            _(
                "Filen är varken en SIE-fil eller en CSV-fil (den ser ut att vara ett "
                "kalkylark, en PDF eller en annan binär fil). Exportera huvudboken som SIE 4."
            )
        )
    is_csv = bool(head) and not head.startswith((b"#", b"<", b"{"))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # A page cache of 64 MB keeps a big import's transaction from spilling to disk early.
            cursor.execute("PRAGMA cache_size = -65536")
    try:
        with transaction.atomic():
            ledger_import = None
            if not dry_run:
                ledger_import = LedgerImport.objects.create(
                    municipality=municipality,
                    file_name=name[:255],
                    file_hash=digest,
                    file_size=size,
                    file_format=LedgerImport.Format.CSV if is_csv else LedgerImport.Format.SIE,
                    imported_by=user if getattr(user, "pk", None) else None,
                )
            sink = LedgerSink(municipality, ledger_import)
            settings = LedgerSettings.for_municipality(municipality)
            reader: SieReader | CsvLedgerReader
            if is_csv:
                reader = CsvLedgerReader(sink, date_value=sink.date_value, progress=progress)
            else:
                reader = SieReader(
                    sink,
                    Dimensions(
                        responsibility=str(settings.responsibility_dimension),
                        activity=str(settings.activity_dimension),
                        project=str(settings.project_dimension),
                    ),
                    progress=progress,
                    date_value=sink.date_value,
                )
            with path.open("rb") as handle:
                if size == 0:
                    raise SieError(_("Filen är tom."))
                info = reader.read(handle)
            sink.flush()
            balances = sink.resolved_balances()
            actual_months = {(y, m) for (k, y, m, *_r) in balances if k == "actual"}
            budget_months = {(y, m) for (k, y, m, *_r) in balances if k == "budget"}
            ensure_months_writable(municipality, actual_months)
            # Opening balances (#IB, month 0) replace the year's earlier ones on their own;
            # they do not widen the range of months the file replaces.
            opening_years = {y for (y, m) in actual_months if m == 0}
            actual_months -= {(y, 0) for y in opening_years}
            accounts: dict[str, int] = defaultdict(int)
            if info.transactions:
                for (kind, _y, _m, account, *_rest), ore in balances.items():
                    if kind == "actual":
                        accounts[account] += ore
            outcome = ImportOutcome(
                info=info,
                accounts=dict(accounts),
                months=sorted(actual_months),
                warnings=list(info.warnings),
            )
            if ledger_import is not None:
                _finish(
                    ledger_import,
                    sink,
                    info,
                    balances,
                    actual_months,
                    budget_months,
                    outcome,
                    opening_years,
                )
                outcome.ledger_import = ledger_import
            return outcome
    except SieError as error:
        raise ImportRefused(str(error)) from None


def _finish(
    ledger_import: LedgerImport,
    sink: LedgerSink,
    info: FileInfo,
    balances: dict[BalanceKey, int],
    actual_months: set[tuple[int, int]],
    budget_months: set[tuple[int, int]],
    outcome: ImportOutcome,
    opening_years: set[int] | None = None,
) -> None:
    municipality = ledger_import.municipality
    actual_range = _month_range(actual_months)
    budget_range = _month_range(budget_months)
    mid = municipality.pk

    before = _totals_by_month(municipality, actual_range)
    if actual_range:
        _in_months(LedgerEntry.objects.filter(municipality_id=mid), actual_range).exclude(
            ledger_import_id=ledger_import.pk
        ).delete()
        for model in (LedgerBalance, LedgerSummary):
            _in_months(
                model.objects.filter(municipality_id=mid, kind="actual"), actual_range
            ).delete()
    if budget_range:
        for model in (LedgerBalance, LedgerSummary):
            _in_months(
                model.objects.filter(municipality_id=mid, kind="budget"), budget_range
            ).delete()
    if opening_years:
        for model in (LedgerBalance, LedgerSummary):
            model.objects.filter(
                municipality_id=mid, kind="actual", year__in=opening_years, month=0
            ).delete()

    summary: dict[tuple[str, int, int, str, str, int], int] = defaultdict(int)
    for (kind, year, month, _account, resp, activity, _project), ore in balances.items():
        summary[(kind, year, month, resp, activity, account_class(_account))] += ore
    ids = {"municipality_id": mid, "ledger_import_id": ledger_import.pk}
    _insert_many(
        insert_sql(
            LedgerBalance._meta.db_table,
            ids,
            [
                "kind",
                "year",
                "month",
                "account",
                "responsibility",
                "activity",
                "project",
                "amount_ore",
            ],
        ),
        [(*key, ore) for key, ore in balances.items()],
    )
    _insert_many(
        insert_sql(
            LedgerSummary._meta.db_table,
            ids,
            ["kind", "year", "month", "responsibility", "activity", "account_class", "amount_ore"],
        ),
        [(*key, ore) for key, ore in summary.items()],
    )

    used_accounts = {key[3] for key in balances}
    accounts_added = add_accounts(
        municipality, sink.declared_accounts, used_accounts, outcome.warnings
    )
    codes_added, unmapped = add_codes(municipality, sink.declared_codes, balances)

    after = _totals_by_month(municipality, actual_range)
    comparison = [
        {
            "month": f"{y}-{m:02d}",
            "before": ore_to_text(before.get((y, m), 0)),
            "after": ore_to_text(after.get((y, m), 0)),
        }
        for (y, m) in actual_range
    ]
    if actual_range:
        ledger_import.period_start = dt.date(*actual_range[0], 1)
        ledger_import.period_end = month_end(*actual_range[-1])
    if budget_range:
        ledger_import.budget_start = dt.date(*budget_range[0], 1)
        ledger_import.budget_end = month_end(*budget_range[-1])
    ledger_import.sie_type = info.sie_type
    ledger_import.program = info.program[:200]
    ledger_import.company = info.company[:200]
    ledger_import.encoding = info.encoding
    ledger_import.transactions = info.transactions
    ledger_import.vouchers = info.vouchers
    ledger_import.balances = info.balances
    ledger_import.budget_rows = info.budget_rows
    ledger_import.accounts_added = accounts_added
    ledger_import.codes_added = codes_added
    ledger_import.warnings = outcome.warnings
    ledger_import.unmapped = unmapped
    ledger_import.comparison = comparison
    ledger_import.save()
    replace_earlier(ledger_import)


def insert_sql(table: str, fixed: dict[str, Any], columns: list[str]) -> str:
    """An INSERT with the integer ids written in and a parameter for every other column.

    The table comes from a model and the ids are primary keys we created, never user input.
    """
    names = ", ".join([*fixed, *columns])
    values = ", ".join([*(str(int(v)) for v in fixed.values()), *(["%s"] * len(columns))])
    return "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ")"  # noqa: S608


def _insert_many(sql: str, rows: list[tuple[Any, ...]]) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _totals_by_month(
    municipality: Municipality, months: list[tuple[int, int]]
) -> dict[tuple[int, int], int]:
    if not months:
        return {}
    rows = (
        _in_months(
            LedgerSummary.objects.filter(
                municipality=municipality, kind="actual", account_class__in=(3, 4, 5, 6, 7, 8)
            ),
            months,
        )
        .values("year", "month")
        .annotate(total=Sum("amount_ore"))
    )
    return {(r["year"], r["month"]): int(r["total"] or 0) for r in rows}


def ledger_stats(municipality: Municipality | None = None) -> dict[str, int]:
    entries = LedgerEntry.objects.all()
    imports = LedgerImport.objects.active()
    if municipality is not None:
        entries = entries.filter(municipality_id=municipality.pk)
        imports = imports.filter(municipality=municipality)
    return {"entries": entries.count(), "imports": imports.count()}
