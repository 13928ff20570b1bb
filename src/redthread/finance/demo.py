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
from redthread.cycle.models import ensure_periods
from redthread.finance import chart, demo_group, demo_more
from redthread.finance.demo_data import (
    FINANCING,
    FRAMES,
    MONTHS,
    PROFILES,
    RESPONSIBILITIES,
)
from redthread.finance.demo_ledger import load_ledger
from redthread.finance.models import (
    Account,
    ActivityCode,
    BudgetChange,
    BudgetLine,
    BudgetYear,
    CarryOverRule,
    ChangeLine,
    OperatingFrame,
    ResponsibilityCode,
    UnallocatedReserve,
)
from redthread.finance.models.budget import MONTH_FIELDS
from redthread.organisation.models import Body, Decision

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
    demo_more.capital(municipality, years[2026], units, decisions)
    user = people["ekonom"].user
    load_ledger(context, municipality, user, years[2026])
    demo_more.forecasts(municipality, bodies, activities)
    demo_more.allocation(municipality, bodies, decisions)
    demo_more.internal(municipality, units, responsibilities, decisions)
    demo_more.fund_and_balance(municipality, units, decisions)
    demo_group.load(bodies, units)
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
        "Nämndernas resultat 2025 inom KF:s kriterier",
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
