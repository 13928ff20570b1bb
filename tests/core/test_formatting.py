from __future__ import annotations

import datetime as dt
from decimal import Decimal

from redthread.core import formatting

NB = "\u00a0"


def test_it_writes_kronor_with_no_break_spaces() -> None:
    assert formatting.kr(1234567) == f"1{NB}234{NB}567{NB}kr"


def test_it_rounds_thousands_half_up() -> None:
    assert formatting.tkr(1234567) == f"1{NB}235{NB}tkr"
    assert formatting.tkr(500) == f"1{NB}tkr"


def test_it_writes_millions_with_a_decimal_comma() -> None:
    assert formatting.mnkr(Decimal("2412000000")) == f"2{NB}412,0{NB}mnkr"


def test_it_writes_per_cent_with_a_decimal_comma() -> None:
    assert formatting.percent(12.5) == f"12,5{NB}%"
    assert formatting.share(0.125) == f"12,5{NB}%"


def test_it_writes_negative_numbers_with_a_true_minus() -> None:
    assert formatting.kr(-1500) == f"\u22121{NB}500{NB}kr"


def test_it_writes_missing_values_as_a_dash() -> None:
    assert formatting.kr(None) == "–"
    assert formatting.percent("") == "–"


def test_it_writes_dates_the_iso_way() -> None:
    assert formatting.date(dt.date(2026, 11, 28)) == "2026-11-28"
