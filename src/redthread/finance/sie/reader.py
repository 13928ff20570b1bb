"""A streaming SIE reader: one line at a time, memory flat whatever the file's size.

The reader validates as it goes (dates, amounts, balanced vouchers, the checksum) and
hands what it reads to a sink. Transactions (#VER with #TRANS, SIE 4E and 4I) and
period balances and budgets (#PSALDO, #PBUDGET of SIE 2 and 3) are read; what the
ledger does not need (#IB, #UB, #RES, #SRU ...) is skipped, and unknown labels are
ignored as the format requires (SIE 4B §7.1). #RTRANS and #BTRANS are ignored too:
an #RTRANS line is always repeated as a #TRANS line (§11, #RTRANS 4-5).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from decimal import Decimal
from typing import BinaryIO

from django.utils.translation import gettext as _

from redthread.core.formatting import kr
from redthread.finance.sie.header import SieRecords
from redthread.finance.sie.tokenizer import (
    ObjectList,
    SieError,
    parse_object_list_body,
    tokenize,
)
from redthread.finance.sie.values import (
    ACCOUNT_MAX,
    CODE_MAX,
    TEXT_MAX,
    Codes,
    Dimensions,
    FileInfo,
    Row,
    Sink,
    amount_to_ore,
)

# The common #TRANS line, read without the general tokenizer. It accepts only what the
# tokenizer would read the same way; anything else falls through to the tokenizer.
_FAST_TRANS = re.compile(
    r'[ \t]*#TRANS[ \t]+(\d{1,10})[ \t]+\{([^{}"\\]*(?:"[^"\\]*"[^{}"\\]*)*)\}[ \t]+'
    r'(-?\d{1,15}(?:\.\d{1,2})?)(?:[ \t]+(\d{8}|"")(?:[ \t]+"([^"\\]*)")?)?[ \t\r]*\n?\Z'
)
# The common #VER line: series, number, date, text and further simple fields.
_SIMPLE = r'(?:"([^"\\]*)"|([^" \t{}\\]+))'
_FAST_VER = re.compile(
    r"[ \t]*#VER[ \t]+" + _SIMPLE + r"[ \t]+" + _SIMPLE + r"[ \t]+(\d{8})"
    r"(?:[ \t]+" + _SIMPLE + r'(?:[ \t]+(?:"[^"\\]*"|[^" \t{}\\]+))*)?[ \t\r]*\n?\Z'
)


class _Voucher:
    __slots__ = (
        "date",
        "line",
        "month",
        "number",
        "rows",
        "series",
        "text",
        "total",
        "value",
        "year",
    )

    def __init__(
        self, series: str, number: str, date: dt.date, value: object, text: str, line: int
    ) -> None:
        self.series = series
        self.number = number
        self.date = date
        self.value = value
        self.year = date.year
        self.month = date.month
        self.text = text
        self.line = line
        self.rows: list[Row] = []
        self.total = 0


class SieReader(SieRecords):
    """Reads one SIE file into a sink. Raises ``SieError`` on the first problem."""

    def __init__(
        self,
        sink: Sink,
        dimensions: Dimensions | None = None,
        progress: Callable[[int], None] | None = None,
        progress_every: int = 50_000,
        date_value: Callable[[dt.date], object] = lambda day: day,
    ) -> None:
        self.sink = sink
        self.dimensions = dimensions or Dimensions()
        self.progress = progress
        self.progress_every = progress_every
        self.date_value = date_value
        self.info = FileInfo()
        self._dates: dict[str, tuple[object, int, int]] = {}
        self._real_dates: dict[str, dt.date] = {}
        self._objects: dict[str, Codes] = {}
        self._header_sent = False
        self._opening_warned = False
        self._lost_characters = False
        self._checksum_open = False
        self._checksum_closed = False
        self._crc = 0
        self._object_names: dict[tuple[str, str], str] = {}

    # Encoding (§5.8: code page 437), with detection of files that only say so.
    def _codes(self, body: str, number: int) -> Codes:
        codes = self._objects.get(body)
        if codes is None:
            codes = self.dimensions.codes(parse_object_list_body(body, number), number)
            self._objects[body] = codes
        return codes

    def read(self, binary: BinaryIO) -> FileInfo:
        encoding = self._sniff(binary)
        check_lost = encoding == "utf-8"
        text = io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="\n")
        fast_trans = _FAST_TRANS.match
        fast_ver = _FAST_VER.match
        voucher: _Voucher | None = None
        pending: _Voucher | None = None
        number = 0
        next_progress = self.progress_every if self.progress is not None else -1
        first_record = True
        for line in text:
            number += 1
            if number == next_progress:
                next_progress += self.progress_every
                assert self.progress is not None
                self.progress(binary.tell())
            if check_lost and "\ufffd" in line:
                self._lost(number)
            if voucher is not None:
                match = fast_trans(line) if not self._checksum_open else None
                if match is not None:
                    account, body, amount, day, trans_text = match.groups()
                    codes = self._objects.get(body)
                    if codes is None:
                        codes = self._codes(body, number)
                    if day is None or day == '""':
                        date, year, month = voucher.value, voucher.year, voucher.month
                    else:
                        known = self._dates.get(day)
                        date, year, month = known if known is not None else self._date(day, number)
                    dot = amount.find(".")
                    if dot < 0:
                        ore = int(amount) * 100
                    elif len(amount) - dot == 3:
                        ore = int(amount[:dot] + amount[dot + 1 :])
                    else:
                        ore = int(amount[:dot] + amount[dot + 1 :]) * 10
                    voucher.total += ore
                    voucher.rows.append(
                        (
                            year,
                            month,
                            date,
                            account,
                            codes[0],
                            codes[1],
                            codes[2],
                            ore,
                            voucher.series,
                            voucher.number,
                            trans_text[:TEXT_MAX] if trans_text else voucher.text,
                        )
                    )
                    continue
            elif pending is None and not self._checksum_open:
                match = fast_ver(line)
                if match is not None and not first_record:
                    groups = match.groups()
                    series = groups[0] if groups[0] is not None else groups[1]
                    voucher_no = groups[2] if groups[2] is not None else groups[3]
                    day_text = groups[5] if groups[5] is not None else groups[6]
                    value, _y, _m = self._date(groups[4], number)
                    self._send_header()
                    pending = _Voucher(
                        series[:CODE_MAX],
                        voucher_no[:CODE_MAX],
                        self._real_dates[groups[4]],
                        value,
                        (day_text or "")[:TEXT_MAX],
                        number,
                    )
                    continue
            stripped = line.strip(" \t\r\n\x1a")
            if not stripped:
                continue
            if first_record:
                first_record = False
                if stripped.startswith("<"):
                    raise SieError(
                        _(
                            "filen är inte en SIE-fil utan en webbsida (HTML), kanske en "
                            "felsida som sparats i stället för filen. Hämta filen på nytt."
                        ),
                        number,
                    )
            fields: list[object] = (
                [stripped] if stripped in ("{", "}") else list(tokenize(stripped, number))
            )
            label = fields[0]
            if self._checksum_open and not self._checksum_closed and label != "#KSUMMA":
                self._checksum(fields)
            if label == "{":
                if pending is None:
                    raise SieError(
                        _("en klammer { står utan en #VER-rad före. Kontrollera verifikationen."),
                        number,
                    )
                voucher, pending = pending, None
                continue
            if label == "}":
                if voucher is None:
                    raise SieError(_("en klammer } avslutar ingen verifikation."), number)
                self._close(voucher, number)
                voucher = None
                continue
            if not isinstance(label, str) or not label.startswith("#"):
                raise SieError(
                    _(
                        "raden börjar inte med en etikett som #VER eller #TRANS. Är filen "
                        "en SIE-fil?"
                    ),
                    number,
                )
            if pending is not None:
                raise SieError(
                    _("verifikationen på rad %(line)s följs inte av en klammer {.")
                    % {"line": pending.line},
                    number,
                )
            label = label.upper()
            if label in ("#TRANS", "#RTRANS", "#BTRANS"):
                if voucher is None:
                    raise SieError(
                        _("%(label)s står utanför en verifikation (#VER med klamrar).")
                        % {"label": label},
                        number,
                    )
                if label == "#TRANS":
                    self._trans(voucher, fields, number)
                continue
            if voucher is not None:
                raise SieError(
                    _(
                        "verifikationen på rad %(line)s avslutas inte med } före nästa post "
                        "%(label)s."
                    )
                    % {"line": voucher.line, "label": label},
                    number,
                )
            if label == "#VER":
                self._send_header()
                pending = self._ver(fields, number)
            elif label in ("#PSALDO", "#PBUDGET"):
                self._send_header()
                self._period_balance(label, fields, number)
            elif label == "#IB":
                self._send_header()
                self._opening_balance(fields, number)
            else:
                self._header_record(label, fields, number)
        self.info.lines = number
        if pending is not None or voucher is not None:
            start = (pending or voucher).line  # type: ignore[union-attr]
            raise SieError(
                _("filen tar slut inne i verifikationen som börjar på rad %(line)s.")
                % {"line": start},
                number,
            )
        if self._checksum_open and not self._checksum_closed:
            raise SieError(
                _(
                    "filen började med #KSUMMA men saknar kontrollsumman i slutet. Filen är "
                    "troligen avkortad; hämta den på nytt."
                ),
                number,
            )
        if number == 0:
            raise SieError(_("Filen är tom."))
        self._send_header()
        if self.info.transactions == 0 and self.info.balances == 0 and self.info.budget_rows == 0:
            raise SieError(
                _(
                    "Filen innehåller inga transaktioner (#VER/#TRANS) eller periodsaldon "
                    "(#PSALDO/#PBUDGET) att läsa in."
                )
            )
        return self.info

    def _send_header(self) -> None:
        if not self._header_sent:
            self._header_sent = True
            self.sink.header(self.info)

    def _ver(self, fields: list[object], number: int) -> _Voucher:
        values = [f if isinstance(f, str) else "" for f in fields[1:]]
        if len(values) < 3:
            raise SieError(
                _("#VER ska ange serie, verifikationsnummer och datum, t.ex. #VER A 12 20260131."),
                number,
            )
        value, _year, _month = self._date(values[2], number)
        text = values[3][:TEXT_MAX] if len(values) > 3 else ""
        return _Voucher(
            values[0][:CODE_MAX],
            values[1][:CODE_MAX],
            self._real_dates[values[2]],
            value,
            text,
            number,
        )

    def _trans(self, voucher: _Voucher, fields: list[object], number: int) -> None:
        values = fields[1:]
        if values and not isinstance(values[1] if len(values) > 1 else None, ObjectList):
            values = [values[0], ObjectList(), *values[1:]]  # a vendor that leaves out {}
        if len(values) < 3:
            raise SieError(_("#TRANS ska ange konto, objektlista och belopp."), number)
        account, objects, amount = values[0], values[1], values[2]
        if not isinstance(account, str) or not account.isdigit() or len(account) > ACCOUNT_MAX:
            raise SieError(
                _("kontot %(account)s i #TRANS ska vara ett kontonummer.") % {"account": account},
                number,
            )
        if not isinstance(amount, str):
            raise SieError(_("#TRANS saknar belopp efter objektlistan."), number)
        assert isinstance(objects, ObjectList)
        resp, activity, project = self.dimensions.codes(objects, number)
        ore = amount_to_ore(amount, number)
        day = values[3] if len(values) > 3 and isinstance(values[3], str) else ""
        if day:
            date, year, month = self._date(day, number)
        else:
            date, year, month = voucher.value, voucher.year, voucher.month
        text = values[4] if len(values) > 4 and isinstance(values[4], str) else ""
        voucher.total += ore
        voucher.rows.append(
            (
                year,
                month,
                date,
                account,
                resp,
                activity,
                project,
                ore,
                voucher.series,
                voucher.number,
                text[:TEXT_MAX] if text else voucher.text,
            )
        )

    def _close(self, voucher: _Voucher, number: int) -> None:
        if voucher.total != 0:
            name = f"{voucher.series} {voucher.number}".strip() or "utan nummer"
            raise SieError(
                _(
                    "verifikationen %(voucher)s (%(date)s) som börjar på rad %(line)s "
                    "balanserar inte: transaktionerna summerar till %(total)s i stället för 0 kr."
                )
                % {
                    "voucher": name,
                    "date": voucher.date.isoformat(),
                    "line": voucher.line,
                    "total": kr(Decimal(voucher.total) / 100, 2),
                },
                number,
            )
        self.info.vouchers += 1
        self.info.transactions += len(voucher.rows)
        if voucher.rows:
            self.sink.voucher(voucher.rows, voucher.line)

    def _opening_balance(self, fields: list[object], number: int) -> None:
        """#IB 0 konto saldo: the opening balance of the file's fiscal year, kept as month 0."""
        values = fields[1:]
        if len(values) < 3:
            raise SieError(_("#IB ska ange årsnummer, konto och saldo."), number)
        year_no, account, amount = values[:3]
        if not isinstance(year_no, str) or year_no.strip() not in ("0", "+0", "-0"):
            self.info.skipped += 1  # an earlier year's opening balance
            return
        if not isinstance(account, str) or not account.isdigit() or len(account) > ACCOUNT_MAX:
            raise SieError(
                _("kontot %(account)s ska vara ett kontonummer.") % {"account": account}, number
            )
        if not isinstance(amount, str):
            raise SieError(_("#IB saknar saldo."), number)
        ore = amount_to_ore(amount, number)
        if self.info.fiscal_year is None:
            # Without #RAR 0 before it the year is unknown: the transactions still count.
            self.info.skipped += 1
            if not self._opening_warned:
                self._opening_warned = True
                self.info.warnings.append(
                    _(
                        "Ingående balanser (#IB) står före räkenskapsåret (#RAR 0) och "
                        "lästes inte in."
                    )
                )
            return
        if ore:
            self.info.balances += 1
            self.sink.balance("actual", self.info.fiscal_year[0].year, 0, account, None, ore)

    def _period_balance(self, label: str, fields: list[object], number: int) -> None:
        values = fields[1:]
        if len(values) > 2 and not isinstance(values[3] if len(values) > 3 else None, ObjectList):
            values = [*values[:3], ObjectList(), *values[3:]]
        if len(values) < 5:
            raise SieError(
                _("%(label)s ska ange årsnummer, period, konto, objektlista och saldo.")
                % {"label": label},
                number,
            )
        year_no, period, account, objects, amount = values[:5]
        if not isinstance(year_no, str) or not isinstance(period, str):
            raise SieError(_("%(label)s saknar årsnummer eller period.") % {"label": label}, number)
        if not isinstance(account, str) or not account.isdigit() or len(account) > ACCOUNT_MAX:
            raise SieError(
                _("kontot %(account)s ska vara ett kontonummer.") % {"account": account}, number
            )
        if not isinstance(amount, str):
            raise SieError(_("%(label)s saknar saldo.") % {"label": label}, number)
        ore = amount_to_ore(amount, number)
        if year_no.strip() not in ("0", "+0", "-0"):
            self.info.skipped += 1  # earlier years belong to earlier imports
            return
        if len(period) != 6 or not period.isdigit() or not 1 <= int(period[4:]) <= 12:
            raise SieError(
                _("perioden %(period)s ska skrivas ÅÅÅÅMM, t.ex. 202603.") % {"period": period},
                number,
            )
        assert isinstance(objects, ObjectList)
        kind = "budget" if label == "#PBUDGET" else "actual"
        if kind == "actual" and self.info.sie_type not in (2, 3):
            # A type 4 file may repeat its transactions as period balances: the
            # transactions are the ledger, the balances would count them twice.
            self.info.skipped += 1
            return
        year, month = int(period[:4]), int(period[4:])
        if not objects:
            responsibility = None
        else:
            dims = dict(objects)
            if self.info.sie_type == 2 or len(dims) != 1:
                self.info.skipped += 1  # §11 #PSALDO 4: type 2 ignores object rows
                return
            if self.dimensions.responsibility not in dims:
                self.info.skipped += 1  # a breakdown by another dimension: the total has it
                return
            responsibility = dims[self.dimensions.responsibility]
        if kind == "budget":
            self.info.budget_rows += 1
        else:
            self.info.balances += 1
        self.sink.balance(kind, year, month, account, responsibility, ore)
