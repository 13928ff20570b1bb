"""The demo's kommunkoncern and personnel: the companies' figures and the HR system's
figures per förvaltning for 2024 and 2025. Invented for the demo, of Mjölby's size, and
marked illustrative; loading twice changes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from redthread.core.demo_tools import upsert
from redthread.finance.models import CompanyAccounts, PersonnelFigures

MN = 1_000_000

# company key -> year -> figures in kronor (costs positive, finansnetto signed).
COMPANIES: dict[str, dict[int, dict[str, Any]]] = {
    "fami": {
        2025: {
            "ownership_percent": Decimal(100),
            "revenue": 262 * MN,
            "costs": 171 * MN,
            "depreciation": 48 * MN,
            "financial_net": -27 * MN,
            "tax": 4 * MN,
            "fixed_assets": 2_150 * MN,
            "current_assets": 95 * MN,
            "equity": 420 * MN,
            "provisions": 35 * MN,
            "long_term_debt": 1_650 * MN,
            "short_term_debt": 140 * MN,
            "internal_revenue": 118 * MN,
            "internal_costs": 6 * MN,
            "internal_receivables": 9 * MN,
            "internal_liabilities": 3 * MN,
            "shares_book_value": 40 * MN,
        },
    },
    "mse": {
        2025: {
            "ownership_percent": Decimal("43.00"),
            "revenue": 410 * MN,
            "costs": 330 * MN,
            "depreciation": 38 * MN,
            "financial_net": -9 * MN,
            "tax": 7 * MN,
            "fixed_assets": 780 * MN,
            "current_assets": 120 * MN,
            "equity": 310 * MN,
            "provisions": 60 * MN,
            "long_term_debt": 420 * MN,
            "short_term_debt": 110 * MN,
            "internal_revenue": 21 * MN,
            "internal_costs": 0,
            "internal_receivables": 2 * MN,
            "internal_liabilities": 0,
            "shares_book_value": 5 * MN,
        },
    },
}

# unit key -> (employees, årsarbetare, sick leave %, turnover %) for 2024 and 2025.
PERSONNEL: dict[str, dict[int, tuple[int, str, str, str]]] = {
    "ksf": {2024: (236, "221.4", "4.10", "9.80"), 2025: (242, "228.9", "3.90", "8.70")},
    "osf": {2024: (1_312, "1148.0", "9.20", "13.10"), 2025: (1_296, "1139.5", "8.60", "12.40")},
    "uf": {2024: (1_105, "1012.7", "6.10", "10.20"), 2025: (1_118, "1027.3", "5.80", "9.60")},
    "kff": {2024: (98, "84.6", "4.80", "11.50"), 2025: (101, "87.2", "4.40", "10.90")},
    "stf": {2024: (334, "318.1", "6.70", "8.40"), 2025: (329, "314.6", "6.30", "7.90")},
    "bk": {2024: (27, "25.8", "3.20", "14.80"), 2025: (29, "27.5", "2.90", "10.30")},
    "mk": {2024: (23, "21.9", "3.60", "8.70"), 2025: (24, "22.8", "3.10", "12.50")},
    "rtj": {2024: (41, "39.5", "2.40", "4.90"), 2025: (42, "40.6", "2.20", "4.80")},
}


def load(bodies: dict[str, Any], units: dict[str, Any]) -> None:
    for key, years in COMPANIES.items():
        if key not in bodies:
            continue
        for year, values in years.items():
            upsert(
                CompanyAccounts,
                {"company": bodies[key], "year": year},
                is_illustrative=True,
                comment="Illustrativa siffror för demon.",
                **values,
            )
    for unit_key, per_year in PERSONNEL.items():
        if unit_key not in units:
            continue
        for year, (employees, fte, sick, turnover) in per_year.items():
            upsert(
                PersonnelFigures,
                {"unit": units[unit_key], "year": year, "month": 0},
                employees=employees,
                full_time_equivalents=Decimal(fte),
                sick_leave_percent=Decimal(sick),
                turnover_percent=Decimal(turnover),
                source="HR-systemet (exempeldata)",
                is_illustrative=True,
            )
