"""Values of the SIE format: amounts, the dimensions configured, what a file says about
itself, and the sink a reader hands its records to."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Protocol

from django.utils.translation import gettext as _

from redthread.finance.sie.tokenizer import ObjectList, SieError

# year, month, date (as the sink stores it), account, ansvar, verksamhet, projekt,
# amount in öre, series, number, text
Row = tuple[int, int, object, str, str, str, str, int, str, str, str]
Codes = tuple[str, str, str]

TEXT_MAX = 200
CODE_MAX = 40
ACCOUNT_MAX = 10
_AMOUNT = re.compile(r"-?\d{1,15}(?:\.\d+)?")


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
