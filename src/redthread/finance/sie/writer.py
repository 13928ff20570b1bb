"""Writing SIE 4 files: for exports, for the demo's generated ledger and for tests.

The output follows SIE 4B: code page 437, ``#FORMAT PC8``, quoted fields, object lists
``{1 "100" 20 "510"}`` and vouchers with their transactions inside braces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TextIO


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def amount(ore: int) -> str:
    sign = "-" if ore < 0 else ""
    whole, cents = divmod(abs(ore), 100)
    return f"{sign}{whole}.{cents:02d}"


@dataclass
class Transaction:
    account: str
    ore: int
    objects: Sequence[tuple[str, str]] = ()
    date: dt.date | None = None
    text: str = ""


@dataclass
class Voucher:
    series: str
    number: str
    date: dt.date
    text: str
    transactions: list[Transaction] = field(default_factory=list)


class SieWriter:
    """Writes records to a text stream opened with ``encoding="cp437"``."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def header(
        self,
        *,
        company: str,
        year: int,
        program: str = "Röda tråden",
        generated: dt.date | None = None,
        sie_type: int = 4,
        dimensions: Iterable[tuple[str, str]] = (),
    ) -> None:
        w = self.out.write
        w("#FLAGGA 0\n")
        w(f"#PROGRAM {quote(program)} 1.0\n")
        w("#FORMAT PC8\n")
        w(f"#GEN {(generated or dt.date(year, 12, 31)):%Y%m%d}\n")
        w(f"#SIETYP {sie_type}\n")
        w(f"#FNAMN {quote(company)}\n")
        w(f"#RAR 0 {year}0101 {year}1231\n")
        w("#KPTYP EUBAS97\n")
        for number, name in dimensions:
            w(f"#DIM {number} {quote(name)}\n")

    def account(self, number: str, name: str) -> None:
        self.out.write(f"#KONTO {number} {quote(name)}\n")

    def opening_balance(self, account: str, ore: int, year_no: int = 0) -> None:
        """#IB: the account's balance at the start of the fiscal year."""
        self.out.write(f"#IB {year_no} {account} {amount(ore)}\n")

    def object(self, dimension: str, code: str, name: str) -> None:
        self.out.write(f"#OBJEKT {dimension} {quote(code)} {quote(name)}\n")

    def voucher(self, voucher: Voucher) -> None:
        w = self.out.write
        w(f"#VER {quote(voucher.series)} {quote(voucher.number)} {voucher.date:%Y%m%d} ")
        w(f"{quote(voucher.text)}\n{{\n")
        for t in voucher.transactions:
            objects = " ".join(f"{d} {quote(o)}" for d, o in t.objects)
            line = f"   #TRANS {t.account} {{{objects}}} {amount(t.ore)}"
            if t.date is not None or t.text:
                line += f" {t.date:%Y%m%d}" if t.date is not None else ' ""'
            if t.text:
                line += f" {quote(t.text)}"
            w(line + "\n")
        w("}\n")

    def period_balance(
        self,
        label: str,
        year: int,
        month: int,
        account: str,
        ore: int,
        objects: Sequence[tuple[str, str]] = (),
    ) -> None:
        objs = " ".join(f"{d} {quote(o)}" for d, o in objects)
        self.out.write(f"{label} 0 {year}{month:02d} {account} {{{objs}}} {amount(ore)}\n")
