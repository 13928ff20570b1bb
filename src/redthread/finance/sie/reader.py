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
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import BinaryIO, Protocol

from django.utils.translation import gettext as _

from redthread.core.formatting import kr
from redthread.finance.sie.tokenizer import (
    ObjectList,
    SieError,
    parse_object_list_body,
    tokenize,
)

# year, month, date (as the sink stores it), account, ansvar, verksamhet, projekt,
# amount in öre, series, number, text
Row = tuple[int, int, object, str, str, str, str, int, str, str, str]
Codes = tuple[str, str, str]

TEXT_MAX = 200
CODE_MAX = 40
ACCOUNT_MAX = 10

# The common #TRANS line, read without the general tokenizer. It accepts only what the
# tokenizer would read the same way; anything else falls through to the tokenizer.
_FAST_TRANS = re.compile(
    r'[ \t]*#TRANS[ \t]+(\d{1,10})[ \t]+\{([^{}"\\]*(?:"[^"\\]*"[^{}"\\]*)*)\}[ \t]+'
    r'(-?\d{1,15}(?:\.\d{1,2})?)(?:[ \t]+(\d{8}|"")(?:[ \t]+"([^"\\]*)")?)?[ \t\r]*\n?\Z'
)
_AMOUNT = re.compile(r"-?\d{1,15}(?:\.\d+)?")
_ASCII_LATIN = re.compile(r"[\xe5\xe4\xf6\xc5\xc4\xd6\xe9]")
_ASCII_CP437 = re.compile(r"[\x86\x84\x94\x8f\x8e\x99\x82]")
# The common #VER line: series, number, date, text and further simple fields.
_SIMPLE = r'(?:"([^"\\]*)"|([^" \t{}\\]+))'
_FAST_VER = re.compile(
    r"[ \t]*#VER[ \t]+" + _SIMPLE + r"[ \t]+" + _SIMPLE + r"[ \t]+(\d{8})"
    r"(?:[ \t]+" + _SIMPLE + r'(?:[ \t]+(?:"[^"\\]*"|[^" \t{}\\]+))*)?[ \t\r]*\n?\Z'
)
SNIFF_BYTES = 1 << 20


def amount_to_ore(text: str, line: int | None = None) -> int:
    """``"-1234.5"`` -> ``-123450``. At most two decimals, a point as decimal sign (§5.9)."""
    if _AMOUNT.fullmatch(text) is None:
        raise SieError(
            _(
                "beloppet %(amount)s kan inte läsas. Belopp skrivs med punkt som decimaltecken "
                "och högst två decimaler, t.ex. -1234.50."
            )
            % {"amount": text},
            line,
        )
    dot = text.find(".")
    if dot < 0:
        return int(text) * 100
    decimals = text[dot + 1 :]
    if len(decimals) > 2:
        if decimals[2:].strip("0"):
            raise SieError(
                _("beloppet %(amount)s har fler än två decimaler.") % {"amount": text}, line
            )
        decimals = decimals[:2]
    value = int(text[:dot] + decimals)
    return value * 10 if len(decimals) == 1 else value


def ore_to_text(ore: int) -> str:
    """``-123450`` -> ``"-1234.50"``."""
    sign = "-" if ore < 0 else ""
    whole, cents = divmod(abs(ore), 100)
    return f"{sign}{whole}.{cents:02d}"


@dataclass
class Dimensions:
    """Which SIE dimension holds ansvar, verksamhet and projekt (configured per municipality)."""

    responsibility: str = "1"
    activity: str = "20"
    project: str = "6"

    def codes(self, objects: ObjectList, line: int | None) -> Codes:
        values = dict(objects)
        result = (
            values.get(self.responsibility, ""),
            values.get(self.activity, ""),
            values.get(self.project, ""),
        )
        for code in result:
            if len(code) > CODE_MAX:
                raise SieError(
                    _("objektkoden %(code)s är längre än %(max)s tecken.")
                    % {"code": code, "max": CODE_MAX},
                    line,
                )
        return result


@dataclass
class FileInfo:
    """What the file says about itself, and what the reader noticed."""

    sie_type: int | None = None
    program: str = ""
    company: str = ""
    declared_format: str = ""
    encoding: str = "cp437"
    fiscal_year: tuple[dt.date, dt.date] | None = None
    lines: int = 0
    vouchers: int = 0
    transactions: int = 0
    balances: int = 0
    budget_rows: int = 0
    skipped: int = 0
    checksum: str = ""
    warnings: list[str] = field(default_factory=list)


class Sink(Protocol):
    def header(self, info: FileInfo) -> None: ...
    def account(self, number: str, name: str, line: int) -> None: ...
    def code(self, role: str, code: str, name: str) -> None: ...
    def voucher(self, rows: list[Row], first_line: int) -> None: ...
    def balance(
        self, kind: str, year: int, month: int, account: str, responsibility: str | None, ore: int
    ) -> None: ...


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


class SieReader:
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
        self._lost_characters = False
        self._checksum_open = False
        self._checksum_closed = False
        self._crc = 0
        self._object_names: dict[tuple[str, str], str] = {}

    # Encoding (§5.8: code page 437), with detection of files that only say so.
    def _sniff(self, binary: BinaryIO) -> str:
        """The encoding, from the first non-ASCII line within the first megabyte."""
        start = binary.tell()
        sample = binary.read(SNIFF_BYTES)
        binary.seek(start)
        encoding = "cp437"
        pieces = sample.split(b"\n")
        truncated = len(sample) == SNIFF_BYTES
        for index, raw in enumerate(pieces):
            if raw.isascii():
                continue
            try:
                raw.decode("utf-8")
                encoding = "utf-8"
            except UnicodeDecodeError as error:
                cut_off = truncated and index == len(pieces) - 1 and error.end == len(raw)
                if cut_off and error.reason == "unexpected end of data":
                    encoding = "utf-8"
                else:
                    line = raw.decode("latin-1")
                    latin = len(_ASCII_LATIN.findall(line))
                    cp437 = len(_ASCII_CP437.findall(line))
                    encoding = "iso-8859-15" if latin > cp437 else "cp437"
            break
        self.info.encoding = encoding
        if encoding != "cp437":
            self.info.warnings.append(
                _(
                    "Filen anger teckenuppsättningen %(declared)s (kodsida 437) men är "
                    "skriven som %(actual)s. Den har lästs som %(actual)s; kontrollera "
                    "åäö i namnen."
                )
                % {
                    "declared": "PC8",
                    "actual": "UTF-8" if encoding == "utf-8" else "ISO-8859-15",
                }
            )
        return encoding

    def _lost(self, number: int) -> None:
        if not self._lost_characters:
            self._lost_characters = True
            self.info.warnings.append(
                _(
                    "Filen innehåller tecken som inte går att läsa (�), första gången på rad "
                    "%(line)s. Tecknen saknades redan i filen; rätta namnen efter importen."
                )
                % {"line": number}
            )

    def _real_date(self, text: str, number: int) -> dt.date:
        self._date(text, number)
        return self._real_dates[text]

    def _date(self, text: str, number: int) -> tuple[object, int, int]:
        cached = self._dates.get(text)
        if cached is not None:
            return cached
        try:
            if len(text) != 8 or not text.isdigit():
                raise ValueError
            day = dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            raise SieError(
                _("datumet %(date)s är inte ett giltigt datum på formen ÅÅÅÅMMDD.")
                % {"date": text},
                number,
            ) from None
        result = (self.date_value(day), day.year, day.month)
        self._dates[text] = result
        self._real_dates[text] = day
        return result

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

    def _checksum(self, fields: list[object]) -> None:
        parts: list[str] = []
        for item in fields:
            if isinstance(item, ObjectList):
                for dimension, code in item:
                    parts.append(dimension)
                    parts.append(code)
            elif item not in ("{", "}"):
                parts.append(str(item))
        data = "".join(parts).encode("cp437", errors="replace")
        self._crc = zlib.crc32(data, self._crc)

    def _header_record(self, label: str, fields: list[object], number: int) -> None:
        values = [f for f in fields[1:] if isinstance(f, str)]
        first = values[0] if values else ""
        if label == "#SIETYP":
            if not first.isdigit() or first not in ("1", "2", "3", "4"):
                raise SieError(
                    _("#SIETYP ska vara 1, 2, 3 eller 4, inte %(value)s.") % {"value": first},
                    number,
                )
            self.info.sie_type = int(first)
            if self.info.sie_type == 1:
                raise SieError(
                    _(
                        "filen är SIE typ 1, som bara innehåller årssaldon. Exportera SIE typ "
                        "4 (verifikationer) eller typ 2 eller 3 (periodsaldon) i stället."
                    ),
                    number,
                )
        elif label == "#FORMAT":
            self.info.declared_format = first
            if first.upper() != "PC8":
                self.info.warnings.append(
                    _("Filen anger #FORMAT %(value)s; SIE föreskriver PC8 (kodsida 437).")
                    % {"value": first}
                )
        elif label == "#PROGRAM":
            self.info.program = " ".join(values)[:TEXT_MAX]
        elif label == "#FNAMN":
            self.info.company = first[:TEXT_MAX]
        elif label == "#RAR" and len(values) >= 3 and values[0] == "0":
            self.info.fiscal_year = (
                self._real_date(values[1], number),
                self._real_date(values[2], number),
            )
        elif label == "#KONTO":
            if len(values) < 1 or not first.isdigit() or len(first) > ACCOUNT_MAX:
                raise SieError(
                    _("kontonumret %(account)s i #KONTO ska vara ett nummer.") % {"account": first},
                    number,
                )
            self.sink.account(first, values[1] if len(values) > 1 else "", number)
        elif label == "#OBJEKT" and len(values) >= 2:
            dimension = values[0].lstrip("0") or "0"
            role = self._role(dimension)
            if role and len(values[1]) <= CODE_MAX:
                self.sink.code(role, values[1], values[2] if len(values) > 2 else "")
        elif label == "#KSUMMA":
            if not self._checksum_open:
                self._checksum_open = True
            elif not self._checksum_closed:
                self._checksum_closed = True
                expected = first
                if not expected.isdigit() or int(expected) != self._crc:
                    raise SieError(
                        _(
                            "kontrollsumman stämmer inte (filen anger %(expected)s, innehållet "
                            "ger %(actual)s). Filen har ändrats eller skadats efter exporten."
                        )
                        % {"expected": expected, "actual": self._crc},
                        number,
                    )
                self.info.checksum = expected

    def _role(self, dimension: str) -> str:
        d = self.dimensions
        if dimension == d.responsibility:
            return "responsibility"
        if dimension == d.activity:
            return "activity"
        if dimension == d.project:
            return "project"
        return ""

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
