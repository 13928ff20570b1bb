"""What a SIE reader does besides transactions: the encoding, the header records (#SIETYP,
#FORMAT, #KONTO, #OBJEKT, #RAR ...), dates and the #KSUMMA checksum (SIE 4B chapter 10)."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Callable
from typing import BinaryIO

from django.utils.translation import gettext as _

from redthread.finance.sie.tokenizer import ObjectList, SieError
from redthread.finance.sie.values import ACCOUNT_MAX, CODE_MAX, TEXT_MAX, Dimensions, FileInfo, Sink

SNIFF_BYTES = 1 << 20
_ASCII_LATIN = re.compile(r"[\xe5\xe4\xf6\xc5\xc4\xd6\xe9]")
_ASCII_CP437 = re.compile(r"[\x86\x84\x94\x8f\x8e\x99\x82]")


class SieRecords:
    """The reader's state and its handling of everything that is not a voucher."""

    info: FileInfo
    sink: Sink
    dimensions: Dimensions
    date_value: Callable[[dt.date], object]
    _dates: dict[str, tuple[object, int, int]]
    _real_dates: dict[str, dt.date]
    _lost_characters: bool
    _checksum_open: bool
    _checksum_closed: bool
    _crc: int

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
