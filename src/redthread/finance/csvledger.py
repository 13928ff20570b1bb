"""Reading a ledger exported as CSV, into the same sink as a SIE file.

One transaction per row with a header naming the columns (in any order, any case):
``datum;konto;belopp`` are required; ``ansvar``, ``verksamhet``, ``projekt``, ``serie``,
``verifikation`` and ``text`` are optional. Separator ``;``, ``,`` or tab; UTF-8 (with or
without BOM) or Windows-1252; amounts with a decimal comma or point. Consecutive rows
with the same serie and verifikation form a voucher, and every voucher must balance.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from decimal import Decimal
from typing import BinaryIO

from django.utils.translation import gettext as _

from redthread.core.formatting import kr
from redthread.finance.sie.tokenizer import SieError
from redthread.finance.sie.values import CODE_MAX, TEXT_MAX, FileInfo, Row, Sink

REQUIRED = ("datum", "konto", "belopp")
OPTIONAL = ("ansvar", "verksamhet", "projekt", "serie", "verifikation", "text")
_AMOUNT = re.compile(r"-?\d+(?:[.,]\d{1,2})?")
_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


class CsvLedgerReader:
    def __init__(
        self,
        sink: Sink,
        date_value: Callable[[dt.date], object] = lambda day: day,
        progress: Callable[[int], None] | None = None,
        progress_every: int = 50_000,
    ) -> None:
        self.sink = sink
        self.date_value = date_value
        self.progress = progress
        self.progress_every = progress_every
        self.info = FileInfo(sie_type=None)
        self._dates: dict[str, tuple[object, int, int, dt.date]] = {}

    def _date(self, text: str, number: int) -> tuple[object, int, int, dt.date]:
        cached = self._dates.get(text)
        if cached is None:
            match = _DATE.fullmatch(text.strip())
            try:
                if match is None:
                    raise ValueError
                day = dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                raise SieError(
                    _("datumet %(date)s ska skrivas ÅÅÅÅ-MM-DD.") % {"date": text}, number
                ) from None
            cached = (self.date_value(day), day.year, day.month, day)
            self._dates[text] = cached
        return cached

    def read(self, binary: BinaryIO) -> FileInfo:
        sample = binary.read(1 << 16)
        binary.seek(0)
        try:
            sample.decode("utf-8")
            encoding = "utf-8-sig"
        except UnicodeDecodeError:
            encoding = "cp1252"
        self.info.encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        text = io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="")
        first = text.readline()
        delimiter = max((";", "\t", ","), key=first.count)
        header = [h.strip().lower() for h in next(csv.reader([first], delimiter=delimiter))]
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise SieError(
                _(
                    "rubrikraden saknar kolumnerna %(missing)s. En CSV-fil ska ha rubrikerna "
                    "datum, konto och belopp, och kan ha ansvar, verksamhet, projekt, serie, "
                    "verifikation och text."
                )
                % {"missing": ", ".join(missing)},
                1,
            )
        index = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}
        self.sink.header(self.info)
        current: tuple[str, str] | None = None
        rows: list[Row] = []
        total = 0
        start_line = 2
        number = 1

        def close(line: int) -> None:
            nonlocal rows, total
            if total != 0:
                raise SieError(
                    _(
                        "verifikationen %(voucher)s som börjar på rad %(line)s balanserar inte: "
                        "raderna summerar till %(total)s i stället för 0 kr."
                    )
                    % {
                        "voucher": " ".join(current or ()).strip() or "utan nummer",
                        "line": start_line,
                        "total": kr(Decimal(total) / 100, 2),
                    },
                    line,
                )
            if rows:
                self.info.vouchers += 1
                self.info.transactions += len(rows)
                self.sink.voucher(rows, start_line)
            rows, total = [], 0

        width = len(header)
        for number, record in enumerate(csv.reader(text, delimiter=delimiter), start=2):
            if self.progress is not None and number % self.progress_every == 0:
                self.progress(binary.tell())
            if not any(field.strip() for field in record):
                continue
            if len(record) < width:
                record = record + [""] * (width - len(record))

            def get(name: str, record: list[str] = record) -> str:
                position = index.get(name)
                return record[position].strip() if position is not None else ""

            key = (get("serie"), get("verifikation"))
            if key != current:
                if current is not None:
                    close(number)
                current, start_line = key, number
            value, year, month, _day = self._date(get("datum"), number)
            account = get("konto")
            if not account.isdigit() or len(account) > 10:
                raise SieError(
                    _("kontot %(account)s ska vara ett kontonummer.") % {"account": account},
                    number,
                )
            amount = get("belopp").replace(" ", "").replace("\u00a0", "").replace("\u2212", "-")
            if _AMOUNT.fullmatch(amount) is None:
                raise SieError(
                    _("beloppet %(amount)s kan inte läsas, skriv t.ex. -1234,50.")
                    % {"amount": amount},
                    number,
                )
            ore = int(Decimal(amount.replace(",", ".")) * 100)
            codes = [get("ansvar"), get("verksamhet"), get("projekt")]
            for code in codes:
                if len(code) > CODE_MAX:
                    raise SieError(
                        _("koden %(code)s är längre än %(max)s tecken.")
                        % {"code": code, "max": CODE_MAX},
                        number,
                    )
            total += ore
            rows.append(
                (
                    year,
                    month,
                    value,
                    account,
                    codes[0],
                    codes[1],
                    codes[2],
                    ore,
                    key[0][:CODE_MAX],
                    key[1][:CODE_MAX],
                    get("text")[:TEXT_MAX],
                )
            )
        if current is not None:
            close(number)
        self.info.lines = number
        if self.info.transactions == 0:
            raise SieError(_("Filen innehåller inga transaktioner att läsa in."))
        return self.info
