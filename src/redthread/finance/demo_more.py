"""The rest of the finance demo: capital budget, forecasts, the allocation model, internal
rent and IT, lokalanpassning, the fund, balanskrav and financial goals (all illustrative)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from redthread.core.demo_tools import upsert
from redthread.cycle.models import ReportingPeriod
from redthread.finance.charges import generate_charges
from redthread.finance.models import (
    ActivityCode,
    AgeGroup,
    AllocationAdjustment,
    AllocationModel,
    AllocationYear,
    BalanceRequirement,
    BudgetYear,
    CapitalBudget,
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
    PopulationFigure,
    PremisesAdaptation,
    ProjectCode,
    ResponsibilityCode,
    SocialInvestmentFund,
)
from redthread.organisation.models import Body, Decision

MN = 1_000_000


def capital(
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


def forecasts(
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


def allocation(municipality: Any, bodies: dict[str, Body], decisions: dict[str, Decision]) -> None:
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


def internal(
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


def fund_and_balance(
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
