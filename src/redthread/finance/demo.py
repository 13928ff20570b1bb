"""Mjölby's finances for the demo: budget 2025–2027 with plan years, changes with decisions,
the allocation model, a generated ledger for 2025 and 2026, leases, IT, the fund.

Everything here is illustrative: the frames are of Mjölby's size (about 2.4 billion
kronor gross costs) but invented, and so are every decision, code and transaction.
Running the loader twice gives the same data: the generated ledger is deterministic and
a file already imported (same SHA-256) is not imported again.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from redthread.core.demo_tools import DemoContext, upsert
from redthread.cycle.models import ReportingPeriod, ensure_periods
from redthread.finance import chart
from redthread.finance.charges import generate_charges
from redthread.finance.demo_ledger import load_ledger
from redthread.finance.models import (
    Account,
    ActivityCode,
    AgeGroup,
    AllocationAdjustment,
    AllocationModel,
    AllocationYear,
    BalanceRequirement,
    BudgetChange,
    BudgetLine,
    BudgetYear,
    CapitalBudget,
    CarryOverRule,
    ChangeLine,
    DemographicDriver,
    FinancialGoal,
    Forecast,
    FundApplication,
    FundCost,
    InternalCharge,
    InternalLease,
    ItChargeModel,
    ItPriceItem,
    ItUsage,
    OperatingFrame,
    PopulationFigure,
    PremisesAdaptation,
    ProjectCode,
    ResponsibilityCode,
    SocialInvestmentFund,
    UnallocatedReserve,
)
from redthread.finance.models.budget import MONTH_FIELDS
from redthread.organisation.models import Body, Decision

# Net cost frames per nämnd, in million kronor, for 2025 and for 2026 with plan years.
FRAMES = {
    "ks": (226.0, 232.0, 238.5, 245.0, 251.0),
    "osn": (820.0, 848.0, 872.0, 896.0, 920.0),
    "un": (835.0, 862.0, 884.0, 906.0, 928.0),
    "kfn": (71.0, 73.0, 75.0, 77.0, 79.0),
    "bn": (11.5, 12.0, 12.3, 12.6, 12.9),
    "mhn": (8.2, 8.5, 8.7, 8.9, 9.1),
    "ofn": (5.1, 5.3, 5.4, 5.5, 5.6),
    "vn": (0.9, 2.6, 0.9, 0.9, 2.7),
    "rev": (2.1, 2.2, 2.2, 2.3, 2.3),
}
# How each nämnd's outcome departs from its budget in the generated ledger.
DEVIATION = {
    "osn": Decimal("0.018"),
    "un": Decimal("-0.004"),
    "ks": Decimal("0.006"),
    "kfn": Decimal("-0.01"),
}

# ansvar code, name, unit key, nämnd key, verksamhet, share of the nämnd's net cost, kind
RESPONSIBILITIES: list[tuple[str, str, str, str, str, float, str]] = [
    ("1010", "Kommunstyrelsen, politik", "ksf", "ks", "100", 0.04, "admin"),
    ("1110", "Ekonomiavdelningen", "ksf_eko", "ks", "920", 0.08, "admin"),
    ("1120", "Personalavdelningen", "ksf_hr", "ks", "920", 0.07, "admin"),
    ("1130", "Kansliavdelningen", "ksf_kansli", "ks", "920", 0.06, "admin"),
    ("1140", "It-avdelningen", "ksf_it", "ks", "920", 0.09, "admin"),
    ("1150", "Utvecklingsavdelningen", "ksf_utv", "ks", "920", 0.05, "admin"),
    ("1160", "Kontaktcenter", "ksf_kc", "ks", "920", 0.03, "admin"),
    ("1310", "Gata och park", "stf_gata", "ks", "250", 0.22, "technical"),
    ("1320", "Fastighet och lokaler", "stf_fastighet", "ks", "910", 0.10, "technical"),
    ("1330", "Kost", "stf_kost", "ks", "910", 0.06, "technical"),
    ("1340", "Lokalvård", "stf_lokalvard", "ks", "910", 0.04, "technical"),
    ("1410", "Räddningstjänsten", "rtj", "ks", "260", 0.16, "technical"),
    ("1910", "Valnämnden", "ksf_kansli", "vn", "100", 1.0, "admin"),
    ("1920", "Revisionen", "ksf_kansli", "rev", "100", 1.0, "admin"),
    ("1950", "Överförmyndarnämnden", "ksf_kansli", "ofn", "100", 1.0, "admin"),
    ("3100", "Äldreomsorg, ledning", "osf_aldre", "osn", "510", 0.05, "care"),
    ("3110", "Hemtjänst Norr", "osf_hemtjanst_norr", "osn", "510", 0.12, "care"),
    ("3120", "Hemtjänst Söder", "osf_hemtjanst_soder", "osn", "510", 0.11, "care"),
    ("3130", "Hemtjänst Mantorp", "osf_hemtjanst_mantorp", "osn", "510", 0.08, "care"),
    ("3140", "Solgårdens vård- och omsorgsboende", "osf_sabo", "osn", "510", 0.22, "care"),
    ("3200", "Individ- och familjeomsorg, ledning", "osf_ifo", "osn", "530", 0.04, "social"),
    ("3210", "Barn och familj", "osf_barn", "osn", "530", 0.12, "social"),
    ("3220", "Vuxenenheten", "osf_vuxen", "osn", "530", 0.08, "social"),
    ("3300", "Funktionsstöd", "osf_fs", "osn", "520", 0.12, "care"),
    ("3310", "Daglig verksamhet", "osf_daglig", "osn", "520", 0.06, "care"),
    ("4100", "Förskola", "uf_forskola", "un", "407", 0.17, "school"),
    ("4110", "Förskoleområde Mantorp", "uf_forskola_mantorp", "un", "407", 0.08, "school"),
    ("4200", "Grundskola, gemensamt", "uf_grundskola", "un", "440", 0.14, "school"),
    ("4210", "Hagaskolan", "uf_hagaskolan", "un", "440", 0.18, "school"),
    ("4220", "Västra skolan", "uf_vastra", "un", "440", 0.17, "school"),
    ("4300", "Gymnasium och vuxenutbildning", "uf_gymnasium", "un", "450", 0.09, "school"),
    ("4310", "Kungshögaskolan", "uf_kungshoga", "un", "450", 0.17, "school"),
    ("5100", "Biblioteket", "kff_bibliotek", "kfn", "315", 0.30, "culture"),
    ("5200", "Fritid och anläggningar", "kff_fritid", "kfn", "320", 0.45, "culture"),
    ("5300", "Kulturskolan", "kff_kulturskola", "kfn", "310", 0.25, "culture"),
    ("6100", "Byggnadskontoret", "bk", "bn", "210", 1.0, "admin"),
    ("7100", "Miljökontoret", "mk", "mhn", "270", 1.0, "admin"),
]
FINANCING = ("9000", "Finansförvaltningen", "ksf_eko")

# Share of an ansvar's net cost per account, by kind of activity; revenues negative.
PROFILES: dict[str, list[tuple[str, float]]] = {
    "care": [
        ("5011", 0.60),
        ("5111", 0.09),
        ("5610", 0.22),
        ("4010", 0.06),
        ("6150", 0.11),
        ("6810", 0.04),
        ("6510", 0.04),
        ("3120", -0.06),
        ("3410", -0.12),
        ("3510", -0.02),
    ],
    "social": [
        ("5011", 0.36),
        ("5610", 0.12),
        ("4510", 0.33),
        ("4710", 0.22),
        ("6150", 0.04),
        ("6590", 0.03),
        ("3410", -0.10),
    ],
    "school": [
        ("5011", 0.55),
        ("5610", 0.18),
        ("4010", 0.07),
        ("6150", 0.20),
        ("4510", 0.08),
        ("6510", 0.05),
        ("3110", -0.03),
        ("3410", -0.07),
        ("3510", -0.05),
    ],
    "admin": [
        ("5011", 0.62),
        ("5610", 0.20),
        ("6510", 0.10),
        ("6590", 0.06),
        ("6150", 0.05),
        ("7010", 0.03),
        ("3510", -0.06),
    ],
    "technical": [
        ("5011", 0.45),
        ("5610", 0.15),
        ("4610", 0.26),
        ("6210", 0.16),
        ("4010", 0.12),
        ("7810", 0.15),
        ("6810", 0.06),
        ("3210", -0.12),
        ("3130", -0.12),
        ("3010", -0.11),
    ],
    "culture": [
        ("5011", 0.52),
        ("5610", 0.16),
        ("6150", 0.30),
        ("4010", 0.08),
        ("6410", 0.04),
        ("3130", -0.10),
    ],
}
# Monthly weights: less salary cost in July, holiday pay in June and August.
MONTHS = [1.0, 1.0, 1.0, 1.0, 1.0, 1.08, 0.72, 1.08, 1.0, 1.0, 1.0, 1.12]

MN = 1_000_000


def load(context: DemoContext) -> None:
    municipality = context["municipality"]
    bodies: dict[str, Body] = context["bodies"]
    units = context["units"]
    people = context["people"]
    for year in (2025, 2026, 2027):
        ensure_periods(municipality, year)

    for number, name in chart.ACCOUNTS:
        upsert(Account, {"municipality": municipality, "number": number}, name=name)
    activities = {
        code: upsert(ActivityCode, {"municipality": municipality, "code": code}, name=name)
        for code, name in chart.ACTIVITIES
    }
    responsibilities = {}
    for code, name, unit, body, _activity, _share, _kind in RESPONSIBILITIES:
        responsibilities[code] = upsert(
            ResponsibilityCode,
            {"municipality": municipality, "code": code},
            name=name,
            unit=units[unit],
            body=bodies[body],
            is_financing=False,
        )
    code, name, unit = FINANCING
    responsibilities[code] = upsert(
        ResponsibilityCode,
        {"municipality": municipality, "code": code},
        name=name,
        unit=units[unit],
        body=None,
        is_financing=True,
    )
    context["finance_responsibilities"] = responsibilities

    decisions = _decisions(bodies)
    years = _budget_years(municipality, bodies, decisions)
    _changes(years[2026], bodies, decisions, responsibilities)
    _detail_budget(years[2026], bodies, responsibilities, activities)
    _capital(municipality, years[2026], units, decisions)
    user = people["ekonom"].user
    load_ledger(context, municipality, user, years[2026])
    _forecasts(municipality, bodies, activities)
    _allocation(municipality, bodies, decisions)
    _internal(municipality, units, responsibilities, decisions)
    _fund_and_balance(municipality, units, decisions)
    context.log.append(
        "Finance: budget 2025–2027, ledger 2025–2026 and the fund (all illustrative)."
    )


def _decision(
    body: Body, date: dt.date, paragraph: str, case: str, title: str, summary: str = ""
) -> Decision:
    return upsert(
        Decision,
        {"body": body, "date": date, "paragraph": paragraph},
        case_number=case,
        title=title,
        summary=summary,
        is_illustrative=True,
    )


def _decisions(bodies: dict[str, Body]) -> dict[str, Decision]:
    kf, ks = bodies["kf"], bodies["ks"]
    return {
        "budget_2025": _decision(
            kf,
            dt.date(2024, 11, 25),
            "118",
            "KS 2024:290",
            "Mål och budget 2025 med plan 2026–2028",
        ),
        "frames_2026": _decision(
            kf,
            dt.date(2025, 6, 16),
            "71",
            "KS 2025:122",
            "Driftramar och investeringsbudget 2026, preliminära",
        ),
        "budget_2026": _decision(
            kf,
            dt.date(2025, 11, 24),
            "121",
            "KS 2025:301",
            "Mål och budget 2026 med plan 2027–2029",
            "Kommunfullmäktige fastställer kommunmål, skattesats 21,80 kr, driftbudget per nämnd och investeringsbudget.",
        ),
        "carry_over_rule": _decision(
            kf,
            dt.date(2019, 3, 25),
            "24",
            "KS 2019:45",
            "Riktlinjer för över- och underskott mellan år",
        ),
        "carry_over_2026": _decision(
            kf,
            dt.date(2026, 4, 20),
            "38",
            "KS 2026:61",
            "Tilläggsbudget 2026: nämndernas resultat 2025",
        ),
        "appropriation_osn": _decision(
            ks,
            dt.date(2026, 3, 10),
            "44",
            "KS 2026:57",
            "Tilläggsanslag för ökad volym i hemtjänsten",
        ),
        "appropriation_un": _decision(
            ks, dt.date(2026, 6, 9), "96", "KS 2026:140", "Tilläggsanslag för nyanlända elever"
        ),
        "reallocation": _decision(
            ks,
            dt.date(2026, 5, 12),
            "77",
            "KS 2026:118",
            "Omdisponering: skolskjutsar från kommunstyrelsen till utbildningsnämnden",
        ),
        "frames_2027": _decision(
            kf, dt.date(2026, 6, 15), "69", "KS 2026:150", "Driftramar 2027, preliminära"
        ),
        "it_2026": _decision(
            ks,
            dt.date(2025, 12, 9),
            "201",
            "KS 2025:330",
            "It-finansieringsmodell och prislista 2026",
        ),
        "fund": _decision(
            kf, dt.date(2021, 4, 26), "40", "KS 2021:66", "Inrättande av social investeringsfond"
        ),
        "fund_app_1": _decision(
            ks,
            dt.date(2025, 9, 9),
            "150",
            "KS 2025:201",
            "Social investeringsfond: Familjecentral i Mantorp",
        ),
        "fund_app_2": _decision(
            ks,
            dt.date(2026, 2, 10),
            "21",
            "KS 2026:20",
            "Social investeringsfond: Unga vuxna i arbete",
        ),
        "annual_2025": _decision(
            kf, dt.date(2026, 4, 20), "37", "KS 2026:60", "Årsredovisning 2025"
        ),
        "annual_2024": _decision(
            kf, dt.date(2025, 4, 22), "35", "KS 2025:55", "Årsredovisning 2024"
        ),
    }


def _budget_years(
    municipality: Any, bodies: dict[str, Body], decisions: dict[str, Decision]
) -> dict[int, BudgetYear]:
    years = {
        2025: upsert(
            BudgetYear,
            {"municipality": municipality, "year": 2025},
            tax_rate=Decimal("21.80"),
            tax_revenue=1_561 * MN,
            general_grants=523 * MN,
            financial_net=-9 * MN,
            central_costs=52 * MN,
            premises_appropriation=3 * MN,
            is_illustrative=True,
        ),
        2026: upsert(
            BudgetYear,
            {"municipality": municipality, "year": 2026},
            tax_rate=Decimal("21.80"),
            tax_revenue=1_613 * MN,
            general_grants=542 * MN,
            financial_net=-11 * MN,
            central_costs=54 * MN,
            premises_appropriation=3_500_000,
            is_illustrative=True,
        ),
        2027: upsert(
            BudgetYear,
            {"municipality": municipality, "year": 2027},
            tax_rate=Decimal("21.80"),
            tax_revenue=1_657 * MN,
            general_grants=557 * MN,
            financial_net=-13 * MN,
            central_costs=57 * MN,
            premises_appropriation=3_500_000,
            is_illustrative=True,
        ),
    }
    for key, values in FRAMES.items():
        body = bodies[key]
        upsert(
            OperatingFrame,
            {"budget_year": years[2025], "body": body, "year": 2025},
            amount=int(values[0] * MN),
            decision=decisions["budget_2025"],
        )
        for offset, year in enumerate(range(2026, 2030)):
            upsert(
                OperatingFrame,
                {"budget_year": years[2026], "body": body, "year": year},
                amount=int(values[1 + offset] * MN),
                decision=decisions["budget_2026"],
            )
        for offset, year in enumerate(range(2027, 2031)):
            amount = int(values[min(2 + offset, 4)] * MN * (1 + 0.02 * max(0, offset - 2)))
            upsert(
                OperatingFrame,
                {"budget_year": years[2027], "body": body, "year": year},
                amount=amount,
                decision=decisions["frames_2027"],
            )
    upsert(
        UnallocatedReserve,
        {"budget_year": years[2025]},
        amount=12 * MN,
        decision=decisions["budget_2025"],
    )
    upsert(
        UnallocatedReserve,
        {"budget_year": years[2026]},
        amount=15 * MN,
        decision=decisions["budget_2026"],
    )
    upsert(
        CarryOverRule,
        {"budget_year": years[2026]},
        surplus_cap_percent=Decimal("2.00"),
        deficit_cap_percent=Decimal("1.00"),
        decision=decisions["carry_over_rule"],
    )
    for year, decision in ((2025, decisions["budget_2025"]), (2026, decisions["budget_2026"])):
        budget_year = years[year]
        if not budget_year.changes.filter(kind=BudgetChange.Kind.ANNUAL).exists():
            change = budget_year.adopt_frames(decision)
            change.is_illustrative = True
            change.save()
    if years[2027].state != BudgetYear.State.PRELIMINARY:
        years[2027].state = BudgetYear.State.PRELIMINARY
        years[2027].decision = decisions["frames_2027"]
        years[2027].save()
    return years


def _book(
    budget_year: BudgetYear,
    kind: str,
    decision: Decision,
    title: str,
    lines: list[ChangeLine],
    description: str = "",
) -> None:
    if BudgetChange.objects.filter(
        budget_year=budget_year, decision=decision, title=title
    ).exists():
        return
    BudgetChange.book(
        budget_year=budget_year,
        kind=kind,
        decision=decision,
        title=title,
        lines=lines,
        description=description,
        is_illustrative=True,
    )


def _changes(
    budget_year: BudgetYear,
    bodies: dict[str, Body],
    decisions: dict[str, Decision],
    responsibilities: dict[str, ResponsibilityCode],
) -> None:
    K = BudgetChange.Kind
    _book(
        budget_year,
        K.SUPPLEMENTARY_APPROPRIATION,
        decisions["appropriation_osn"],
        "Ökad volym i hemtjänsten",
        [ChangeLine(body=bodies["osn"], amount=6_500_000, responsibility=responsibilities["3110"])],
        "Fler beviljade timmar i hemtjänsten än budgeterat; finansieras ur ofördelade anslag.",
    )
    _book(
        budget_year,
        K.REALLOCATION,
        decisions["reallocation"],
        "Skolskjutsar flyttas till utbildningsnämnden",
        [
            ChangeLine(
                body=bodies["ks"], amount=-4_200_000, responsibility=responsibilities["1310"]
            ),
            ChangeLine(
                body=bodies["un"], amount=4_200_000, responsibility=responsibilities["4200"]
            ),
        ],
    )
    _book(
        budget_year,
        K.SUPPLEMENTARY_APPROPRIATION,
        decisions["appropriation_un"],
        "Nyanlända elever",
        [ChangeLine(body=bodies["un"], amount=3_000_000, responsibility=responsibilities["4220"])],
    )
    # Tilläggsbudget: 2025's results within KF's criteria (the generated ledger gives them).
    _book(
        budget_year,
        K.SUPPLEMENTARY_BUDGET,
        decisions["carry_over_2026"],
        "Tilläggsbudget: resultat 2025",
        [
            ChangeLine(body=bodies["osn"], amount=-8_200_000),
            ChangeLine(body=bodies["un"], amount=3_340_000),
            ChangeLine(body=bodies["kfn"], amount=710_000),
            ChangeLine(body=bodies["ks"], amount=-1_356_000),
        ],
    )


def _split(total: int, weights: list[float]) -> list[int]:
    whole = sum(weights)
    parts = [int(total * w / whole) for w in weights]
    parts[-1] += total - sum(parts)
    return parts


def _detail_budget(
    budget_year: BudgetYear,
    bodies: dict[str, Body],
    responsibilities: dict[str, ResponsibilityCode],
    activities: dict[str, ActivityCode],
) -> None:
    """Each nämnd's totalbudget spread over its ansvar, accounts and months."""
    totals = budget_year.total_budgets()
    accounts = {a.number: a for a in Account.objects.filter(municipality=budget_year.municipality)}
    for body_key, body in bodies.items():
        rows = [r for r in RESPONSIBILITIES if r[3] == body_key]
        if not rows or body.pk not in totals:
            continue
        shares = _split(totals[body.pk], [r[5] for r in rows])
        for (code, _name, _unit, _b, activity, _share, kind), amount in zip(
            rows, shares, strict=True
        ):
            profile = PROFILES[kind]
            gross = _split(amount, [p for _a, p in profile])
            for (account, _p), account_amount in zip(profile, gross, strict=True):
                months = _split(account_amount, MONTHS if account.startswith("5") else [1.0] * 12)
                upsert(
                    BudgetLine,
                    {
                        "budget_year": budget_year,
                        "responsibility": responsibilities[code],
                        "activity": activities[activity],
                        "account": accounts[account],
                    },
                    body=body,
                    **dict(zip(MONTH_FIELDS, months, strict=True)),
                )


def _capital(
    municipality: Any,
    budget_year: BudgetYear,
    units: dict[str, Any],
    decisions: dict[str, Decision],
) -> None:
    projects = [
        ("P2101", "Ny förskola i Mantorp", "uf", (18, 42, 12, 0)),
        ("P2102", "Renovering av Hagaskolan", "uf", (9, 14, 6, 0)),
        ("P2201", "Gång- och cykelväg Mjölby–Skänninge", "stf_gata", (6, 8, 0, 0)),
        ("P2301", "Trygghetsboende Solgården", "osf", (4, 25, 30, 8)),
        ("P2401", "Välfärdsteknik i hemtjänsten", "osf", (2.5, 2.0, 1.5, 1.0)),
    ]
    for code, name, unit, amounts in projects:
        project = upsert(
            ProjectCode,
            {"municipality": municipality, "code": code},
            name=name,
            kind=ProjectCode.Kind.INVESTMENT,
            unit=units[unit],
            is_illustrative=True,
        )
        for offset, amount in enumerate(amounts):
            if amount:
                upsert(
                    CapitalBudget,
                    {"budget_year": budget_year, "project": project, "year": 2026 + offset},
                    amount=int(amount * MN),
                    decision=decisions["budget_2026"],
                )


def _forecasts(
    municipality: Any, bodies: dict[str, Body], activities: dict[str, ActivityCode]
) -> None:
    budget_year = BudgetYear.objects.get(municipality=municipality, year=2026)
    totals = budget_year.total_budgets()
    comments = {
        ("osn", 4): (
            "Fler brukare i hemtjänsten och högre kostnader för placeringar av barn. Åtgärdsplan tas fram.",
            Decimal("0.014"),
        ),
        ("osn", 8): (
            "Åtgärdsplanen har minskat bemanningen nattetid; placeringskostnaderna ligger kvar.",
            Decimal("0.011"),
        ),
        ("un", 4): ("Något lägre lokalkostnader än budgeterat.", Decimal("-0.003")),
        ("un", 8): (
            "Fler nyanlända elever under hösten, finansieras av tilläggsanslag.",
            Decimal("-0.002"),
        ),
        ("ks", 4): ("Vinterväghållningen blev dyrare än budgeterat.", Decimal("0.005")),
        ("ks", 8): ("Prognosen i nivå med april.", Decimal("0.004")),
        ("kfn", 4): ("Vakanser på biblioteket.", Decimal("-0.008")),
        ("kfn", 8): ("Vakanser på biblioteket under våren.", Decimal("-0.009")),
        ("osn", 10): ("Placeringskostnaderna har minskat något under hösten.", Decimal("0.010")),
        ("un", 10): ("I nivå med augusti.", Decimal("-0.002")),
        ("ks", 10): ("Vinterberedskapen påverkar slutet av året.", Decimal("0.005")),
        ("kfn", 10): ("Vakanserna är tillsatta.", Decimal("-0.007")),
    }
    for month in (4, 8, 10):
        period = ReportingPeriod.objects.get(
            municipality=municipality,
            kind=ReportingPeriod.Kind.FORECAST,
            end_date=dt.date(2026, month, 30 if month == 4 else 31),
        )
        for key, body in bodies.items():
            if body.pk not in totals:
                continue
            comment, deviation = comments.get(
                (key, month), ("Prognosen följer budget.", Decimal(0))
            )
            amount = int(Decimal(totals[body.pk]) * (1 + deviation))
            upsert(
                Forecast,
                {"period": period, "body": body, "activity": None},
                amount=amount,
                comment=comment,
                is_illustrative=True,
            )
        osn_care = int(Decimal(totals[bodies["osn"].pk]) * Decimal("0.62") * Decimal("1.012"))
        upsert(
            Forecast,
            {"period": period, "body": bodies["osn"], "activity": activities["510"]},
            amount=osn_care,
            comment="Hemtjänstens volym ökar.",
            is_illustrative=True,
        )


def _allocation(municipality: Any, bodies: dict[str, Body], decisions: dict[str, Decision]) -> None:
    groups = {}
    for label, low, high in [
        ("0 år", 0, 0),
        ("1–5 år", 1, 5),
        ("6–15 år", 6, 15),
        ("16–18 år", 16, 18),
        ("19–64 år", 19, 64),
        ("65–79 år", 65, 79),
        ("80 år och äldre", 80, None),
    ]:
        groups[label] = upsert(
            AgeGroup, {"municipality": municipality, "label": label}, min_age=low, max_age=high
        )
    # An illustrative age structure of about 27 900 inhabitants, older each year.
    for year in range(2024, 2031):
        for age in range(0, 101):
            base = 330 if age < 65 else max(20, int(330 - (age - 65) * 9))
            if 19 <= age <= 64:
                base = 345
            trend = 1 + (0.012 if age >= 80 else (0.004 if age >= 65 else -0.002)) * (year - 2024)
            upsert(
                PopulationFigure,
                {
                    "municipality": municipality,
                    "year": year,
                    "age": age,
                    "is_forecast": year > 2025,
                },
                count=int(base * trend),
                source="Illustrativ befolkning (demo)",
            )
    scenarios = [
        (
            "Huvudscenario, PKV enligt SKR",
            Decimal("3.10"),
            "SKR:s prognos för pris- och löneutveckling i kommunal verksamhet.",
        ),
        ("Lägre PKV", Decimal("2.40"), "Känslighetsanalys: lägre löneavtal."),
    ]
    for name, pkv, description in scenarios:
        model = upsert(
            AllocationModel,
            {"municipality": municipality, "budget_year": 2027, "name": name},
            description=description,
            is_illustrative=True,
        )
        for offset, year in enumerate(range(2027, 2031)):
            upsert(
                AllocationYear,
                {"model": model, "year": year},
                pkv_percent=pkv - Decimal("0.2") * min(offset, 2),
            )
        drivers = [
            ("un", "Förskola", "1–5 år", 88, 165_000),
            ("un", "Grundskola", "6–15 år", 100, 118_000),
            ("un", "Gymnasieskola", "16–18 år", 95, 135_000),
            ("osn", "Hemtjänst", "80 år och äldre", 32, 260_000),
            ("osn", "Vård- och omsorgsboende", "80 år och äldre", 12, 980_000),
            ("osn", "Hemtjänst", "65–79 år", 4, 210_000),
        ]
        for body, activity, group, coverage, cost in drivers:
            upsert(
                DemographicDriver,
                {
                    "model": model,
                    "body": bodies[body],
                    "activity": activity,
                    "age_group": groups[group],
                },
                coverage_percent=Decimal(coverage),
                cost_per_person=cost,
            )
        adjustments = [
            ("osn", 2027, "grant", "Statsbidrag för äldreomsorgslyftet upphör", -6_500_000),
            ("un", 2027, "grant", "Ökat statsbidrag för likvärdig skola", 3_200_000),
            (
                "un",
                2027,
                "rent_capital",
                "Ny förskola i Mantorp: hyra och kapitalkostnad",
                7_800_000,
            ),
            ("osn", 2028, "rent_capital", "Trygghetsboende Solgården", 4_100_000),
            ("ks", 2027, "priority", "Effektiviseringskrav administration", -3_000_000),
            ("kfn", 2027, "priority", "Utökade öppettider på biblioteket", 900_000),
        ]
        for body, year, kind, text, amount in adjustments:
            upsert(
                AllocationAdjustment,
                {"model": model, "body": bodies[body], "year": year, "description": text},
                kind=kind,
                amount=amount,
            )


def _internal(
    municipality: Any,
    units: dict[str, Any],
    responsibilities: dict[str, ResponsibilityCode],
    decisions: dict[str, Decision],
) -> None:
    landlord = units["stf"]
    leases = [
        ("Solgårdens vård- och omsorgsboende", "osf_sabo", "3140", 5200, 9_100_000),
        ("Hemtjänstens lokaler, Norrgatan 12", "osf_hemtjanst_norr", "3110", 420, 560_000),
        ("Hemtjänstens lokaler, Mantorp centrum", "osf_hemtjanst_mantorp", "3130", 380, 470_000),
        ("Hagaskolan", "uf_hagaskolan", "4210", 9800, 11_600_000),
        ("Västra skolan", "uf_vastra", "4220", 8600, 10_200_000),
        ("Förskolan Ängen, Mantorp", "uf_forskola_mantorp", "4110", 1400, 2_300_000),
        ("Kungshögaskolan", "uf_kungshoga", "4310", 12500, 15_400_000),
        ("Stadsbiblioteket", "kff_bibliotek", "5100", 2100, 3_100_000),
        ("Sim- och sporthallen", "kff_fritid", "5200", 6800, 8_900_000),
    ]
    for premises, tenant, code, area, rent in leases:
        upsert(
            InternalLease,
            {"municipality": municipality, "premises": premises},
            landlord=landlord,
            tenant=units[tenant],
            responsibility=responsibilities[code],
            area_m2=Decimal(area),
            yearly_rent=rent,
            index_percent=Decimal("2.00"),
            start=dt.date(2022, 1, 1),
            end=None,
            is_illustrative=True,
        )
    orders = [
        ("osf", "Ny entrédörr med automatik, Solgården", 180_000, "done", dt.date(2026, 2, 3)),
        ("uf", "Akustikåtgärder i två klassrum, Hagaskolan", 420_000, "done", dt.date(2026, 3, 18)),
        ("kff", "Ny belysning i läsesalen", 260_000, "in_progress", dt.date(2026, 5, 6)),
        ("uf", "Staket kring förskolans gård, Ängen", 310_000, "ordered", dt.date(2026, 9, 22)),
    ]
    for unit, title, amount, state, day in orders:
        upsert(
            PremisesAdaptation,
            {"municipality": municipality, "year": 2026, "title": title},
            ordered_by=units[unit],
            amount=amount,
            state=state,
            ordered_on=day,
            is_illustrative=True,
        )
    model = upsert(
        ItChargeModel,
        {"municipality": municipality, "year": 2026},
        infrastructure_frame=31_500_000,
        decision=decisions["it_2026"],
        is_illustrative=True,
    )
    items = {
        "Dator med support": ("device", 6_400),
        "Mobiltelefon": ("device", 2_900),
        "Microsoft 365": ("licence", 2_300),
        "Verksamhetssystem vård och omsorg": ("system", 1_450_000),
        "Skolplattform": ("system", 980_000),
        "Ekonomisystem": ("system", 720_000),
    }
    price = {
        name: upsert(ItPriceItem, {"model": model, "name": name}, kind=kind, unit_price=unit_price)
        for name, (kind, unit_price) in items.items()
    }
    usage = {
        "ksf": {
            "Dator med support": 210,
            "Mobiltelefon": 160,
            "Microsoft 365": 230,
            "Ekonomisystem": 1,
        },
        "osf": {
            "Dator med support": 380,
            "Mobiltelefon": 520,
            "Microsoft 365": 900,
            "Verksamhetssystem vård och omsorg": 1,
        },
        "uf": {
            "Dator med support": 1450,
            "Mobiltelefon": 210,
            "Microsoft 365": 1100,
            "Skolplattform": 1,
        },
        "kff": {"Dator med support": 60, "Mobiltelefon": 35, "Microsoft 365": 80},
        "stf": {"Dator med support": 95, "Mobiltelefon": 140, "Microsoft 365": 210},
        "bk": {"Dator med support": 22, "Mobiltelefon": 18, "Microsoft 365": 25},
        "mk": {"Dator med support": 20, "Mobiltelefon": 16, "Microsoft 365": 22},
    }
    for unit, counts in usage.items():
        for name, count in counts.items():
            upsert(ItUsage, {"item": price[name], "unit": units[unit]}, count=count)
    for month in range(1, 11):
        if not InternalCharge.objects.filter(
            municipality=municipality, year=2026, month=month
        ).exists():
            generate_charges(municipality, 2026, month)


def _fund_and_balance(
    municipality: Any, units: dict[str, Any], decisions: dict[str, Decision]
) -> None:
    from redthread.finance import figures

    result_2025 = figures.result_to_date(municipality, 2025)
    requirements = [
        (2022, 48_200_000, 3_100_000, 0, 0, 10_000_000, 0, 0, None),
        (2023, -14_600_000, 0, 0, 2_400_000, 0, 0, 0, None),
        (2024, 36_900_000, 1_200_000, 0, 0, 5_000_000, 0, 2_000_000, decisions["annual_2024"]),
        (2025, result_2025, 0, 0, 0, 0, 0, 3_000_000, decisions["annual_2025"]),
    ]
    for (
        year,
        result,
        gains,
        exceptions,
        securities,
        to_rur,
        from_rur,
        earmark,
        decision,
    ) in requirements:
        upsert(
            BalanceRequirement,
            {"municipality": municipality, "year": year},
            result=result,
            realisation_gains=gains,
            exceptions=exceptions,
            unrealised_securities=securities,
            reserve_to_rur=to_rur,
            reserve_from_rur=from_rur,
            fund_earmark=earmark,
            decision=decision,
            is_illustrative=True,
        )
    fund = upsert(
        SocialInvestmentFund,
        {"municipality": municipality},
        name="Social investeringsfond",
        opening_balance=3_000_000,
        established_by=decisions["fund"],
        purpose="Främjande och förebyggande arbete för barn, unga och unga vuxna som bryter en negativ utveckling i ett tidigt skede.",
    )
    applications = [
        (
            "Familjecentral i Mantorp",
            "osf",
            "Familjer med barn 0–6 år i Mantorp",
            "Tidigt stöd minskar behovet av placeringar och insatser från socialtjänsten; målet är 20 % färre orosanmälningar på fem år.",
            2_400_000,
            2025,
            2027,
            "approved",
            decisions["fund_app_1"],
        ),
        (
            "Unga vuxna i arbete",
            "osf",
            "Unga vuxna 18–25 år med försörjningsstöd",
            "Fler i arbete eller studier inom ett år; minskat försörjningsstöd.",
            1_800_000,
            2026,
            2027,
            "approved",
            decisions["fund_app_2"],
        ),
        (
            "Läsfrämjande i förskolan",
            "uf",
            "Barn 3–5 år i förskolor med låg läsvana i hemmen",
            "Bättre språkutveckling vid skolstart.",
            900_000,
            2027,
            2028,
            "submitted",
            None,
        ),
    ]
    apps = {}
    for title, unit, group, effect, budget, start, end, state, decision in applications:
        apps[title] = upsert(
            FundApplication,
            {"fund": fund, "title": title},
            applicant=units[unit],
            target_group=group,
            expected_effect=effect,
            budget=budget,
            start_year=start,
            end_year=end,
            state=state,
            decision=decision,
            submitted_on=dt.date(start - 1, 8, 15),
            is_illustrative=True,
        )
    costs = [
        ("Familjecentral i Mantorp", 2025, "Familjebehandlare och lokal", 690_000),
        ("Familjecentral i Mantorp", 2026, "Familjebehandlare och lokal", 820_000),
        ("Unga vuxna i arbete", 2026, "Arbetsmarknadskonsulent", 540_000),
    ]
    for title, year, text, amount in costs:
        upsert(
            FundCost, {"application": apps[title], "year": year, "description": text}, amount=amount
        )
    goals = [
        (
            "Resultatet ska vara minst 2 procent av skatteintäkter och generella statsbidrag",
            FinancialGoal.Metric.RESULT_SHARE,
            "gte",
            Decimal(2),
            None,
        ),
        (
            "Verksamhetens nettokostnad ska vara högst 98 procent av skatteintäkter och generella statsbidrag",
            FinancialGoal.Metric.NET_COST_SHARE,
            "lte",
            Decimal(98),
            None,
        ),
        (
            "Investeringarna ska finansieras med egna medel till minst 70 procent",
            FinancialGoal.Metric.MANUAL,
            "gte",
            Decimal(70),
            Decimal("64.5"),
        ),
    ]
    for year, decision in ((2025, decisions["budget_2025"]), (2026, decisions["budget_2026"])):
        for title, metric, comparison, target, manual in goals:
            upsert(
                FinancialGoal,
                {"municipality": municipality, "year": year, "title": title},
                metric=metric,
                comparison=comparison,
                target=target,
                manual_actual=manual if year == 2025 else None,
                decision=decision,
                is_illustrative=True,
            )
