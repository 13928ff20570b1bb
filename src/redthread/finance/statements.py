"""The financial statements of the årsredovisning and delårsrapport, computed from the ledger.

Resultaträkning, balansräkning, kassaflödesanalys, noter, driftredovisning,
investeringsredovisning, sammanställda räkenskaper and personal, each a ``Statement``:
a title, column headings and lines whose values are already in the statement's unit
(tkr unless asked otherwise). A report prints them; it never types a number in.

Sources and conventions (documented in the finance README):

* The result accounts (classes 3–8) come from ``LedgerBalance`` per account, months
  1 to ``until_month``. Their sum is the same as ``figures.result_to_date`` reads from
  ``LedgerSummary``, so årets resultat agrees to the krona.
* The balance accounts (classes 1–2) are the opening balance (#IB, kept by the import
  as month 0) plus the movements. A year without #IB rolls forward from the latest
  year that has one (or from the first year in the ledger), moving each earlier year's
  result into eget kapital the way the bokslut does.
* Amounts are computed in öre and rounded once per printed value, so a sum line is
  the rounded sum, not the sum of rounded lines (ordinary avrundningsdifferenser).
* Signs as RKR presents them: revenues positive and costs negative in the
  resultaträkning; assets, equity and liabilities positive in the balansräkning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Max, Min, Q, Sum
from django.utils.translation import gettext as _

from redthread.finance.figures import kronor, month_report
from redthread.finance.models import (
    Account,
    BudgetYear,
    CapitalBudget,
    LedgerBalance,
    ProjectCode,
)
from redthread.organisation.models import Body, Municipality

Value = int | Decimal | None

# --- the account groups (Kommun-Bas; first two digits unless said) --------------------

# Resultaträkning: group key -> (label, note number).
RR_DEPRECIATION_PREFIXES = ("78",)
RR_TAX_PREFIXES = ("80", "81")
RR_GRANT_PREFIXES = ("82", "83")
RR_FINANCIAL_INCOME_PREFIXES = ("84",)
RR_FINANCIAL_COST_PREFIXES = ("85", "86")
# 87–89: extraordinära poster (and anything else of class 8 not named above).

# Balansräkning.
BR_INTANGIBLE = ("10",)
BR_TANGIBLE = ("11", "12")
BR_FINANCIAL_ASSETS = ("13",)
BR_INVENTORIES = ("14",)
BR_RECEIVABLES = ("15", "16", "17")
BR_SHORT_INVESTMENTS = ("18",)
BR_CASH = ("19",)
BR_EQUITY = ("20",)
BR_EQUALISATION_RESERVE = ("202",)  # resultatutjämningsreserv
BR_PROVISIONS = ("21", "22")
BR_LONG_TERM_DEBT = ("23",)
BR_SHORT_TERM_DEBT = ("24", "25", "26", "27", "28", "29")
# Fixed assets whose movements with a project code are investment expenditure.
INVESTMENT_PREFIXES = ("10", "11", "12", "13")

NOTE_NUMBERS = {
    "revenue": "1",
    "costs": "2",
    "depreciation": "3",
    "tax": "4",
    "grants": "5",
    "financial_income": "6",
    "financial_costs": "7",
    "tangible": "8",
    "financial_assets": "9",
    "receivables": "10",
    "cash": "11",
    "equity": "12",
    "provisions": "13",
    "long_term_debt": "14",
    "short_term_debt": "15",
}

MONTH_ABBREVIATIONS = [
    "jan",
    "feb",
    "mar",
    "apr",
    "maj",
    "jun",
    "jul",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
]


@dataclass
class StatementLine:
    """One line of a statement: a label and one value per column (None prints as blank)."""

    label: str
    values: list[Value]
    style: str = "normal"  # "normal" | "sum" | "heading"
    note: str = ""
    key: str = ""  # a stable name for the line, for tests and builders ("result", "cash")


@dataclass
class Statement:
    title: str
    columns: list[str]
    lines: list[StatementLine]
    unit: str = "tkr"

    def line(self, key: str) -> StatementLine:
        """The line with ``key``; ``KeyError`` when there is none."""
        for item in self.lines:
            if item.key == key:
                return item
        raise KeyError(key)

    def value(self, key: str, column: int = 0) -> Value:
        return self.line(key).values[column]

    @property
    def is_empty(self) -> bool:
        return not any(v for line in self.lines for v in line.values if v is not None)


@dataclass
class Note:
    number: str
    title: str
    lines: list[StatementLine]
    columns: list[str]


def in_unit(ore: int, unit: str = "tkr") -> int:
    """Öre as whole tkr (half up, as published) or whole kronor."""
    if unit == "kr":
        return kronor(ore)
    return int((Decimal(ore) / 100_000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def kr_in_unit(amount: int, unit: str = "tkr") -> int:
    """Whole kronor in the unit."""
    return in_unit(int(amount) * 100, unit)


def _starts(account: str, prefixes: Iterable[str]) -> bool:
    return account.startswith(tuple(prefixes))


def period_label(year: int, until_month: int) -> str:
    if until_month >= 12:
        return str(year)
    if until_month == 1:
        return f"jan {year}"
    return f"jan–{MONTH_ABBREVIATIONS[until_month - 1]} {year}"


def _account_names(municipality: Municipality, accounts: Iterable[str]) -> dict[str, str]:
    return dict(
        Account.objects.filter(municipality=municipality, number__in=set(accounts)).values_list(
            "number", "name"
        )
    )


# --- resultaträkning --------------------------------------------------------------------


def rr_group(account: str) -> str:
    """The resultaträkning line an account of class 3–8 belongs to."""
    first = account[:1]
    if first == "3":
        return "revenue"
    if first in ("4", "5", "6", "7"):
        return "depreciation" if _starts(account, RR_DEPRECIATION_PREFIXES) else "costs"
    if _starts(account, RR_TAX_PREFIXES):
        return "tax"
    if _starts(account, RR_GRANT_PREFIXES):
        return "grants"
    if _starts(account, RR_FINANCIAL_INCOME_PREFIXES):
        return "financial_income"
    if _starts(account, RR_FINANCIAL_COST_PREFIXES):
        return "financial_costs"
    return "extraordinary"


def result_accounts(municipality: Municipality, year: int, until_month: int = 12) -> dict[str, int]:
    """Outcome in öre per account of classes 3–8, months 1 to ``until_month`` (ledger sign)."""
    rows = (
        LedgerBalance.objects.filter(
            municipality_id=municipality.pk,
            kind="actual",
            year=year,
            month__gte=1,
            month__lte=until_month,
            account__gte="3",
            account__lt="9",
        )
        .values("account")
        .annotate(total=Sum("amount_ore"))
    )
    return {row["account"]: int(row["total"] or 0) for row in rows if row["total"]}


@dataclass
class _Result:
    """The resultaträkning in öre, RR sign (revenues positive, costs negative)."""

    groups: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def __getitem__(self, key: str) -> int:
        return self.groups.get(key, 0)

    @property
    def net_cost(self) -> int:
        return self["revenue"] + self["costs"] + self["depreciation"]

    @property
    def operating_result(self) -> int:
        return self.net_cost + self["tax"] + self["grants"]

    @property
    def after_financial(self) -> int:
        return self.operating_result + self["financial_income"] + self["financial_costs"]

    @property
    def result(self) -> int:
        return self.after_financial + self["extraordinary"]


def _result(accounts: dict[str, int]) -> _Result:
    result = _Result()
    for account, ore in accounts.items():
        result.groups[rr_group(account)] -= ore
    return result


def result_ore(municipality: Municipality, year: int, until_month: int = 12) -> int:
    """Årets resultat in öre (positive is a surplus)."""
    return _result(result_accounts(municipality, year, until_month)).result


def income_statement(
    municipality: Municipality, year: int, until_month: int = 12, *, unit: str = "tkr"
) -> Statement:
    """Resultaträkning: this period, the same period last year and, for a whole year, budget."""
    now = _result(result_accounts(municipality, year, until_month))
    then_accounts = result_accounts(municipality, year - 1, until_month)
    then = _result(then_accounts)
    columns = [
        _("Utfall %(period)s") % {"period": period_label(year, until_month)},
        _("Utfall %(period)s") % {"period": period_label(year - 1, until_month)},
    ]
    budget: dict[str, int | None] | None = None
    if until_month >= 12:
        columns.append(_("Budget %(year)s") % {"year": year})
        budget = _budget_column(municipality, year)

    def values(key: str, ore_now: int, ore_then: int) -> list[Value]:
        # A year the ledger does not hold prints as "–", not as zeros.
        row: list[Value] = [
            in_unit(ore_now, unit),
            in_unit(ore_then, unit) if then_accounts else None,
        ]
        if budget is not None:
            amount = budget.get(key)
            row.append(None if amount is None else kr_in_unit(amount, unit))
        return row

    def line(key: str, label: str, style: str = "normal") -> StatementLine:
        if key in NOTE_NUMBERS or key == "extraordinary":
            ore_now, ore_then = now[key], then[key]
        else:
            ore_now, ore_then = getattr(now, key), getattr(then, key)
        return StatementLine(
            label=label,
            values=values(key, ore_now, ore_then),
            style=style,
            note=NOTE_NUMBERS.get(key, ""),
            key=key,
        )

    lines = [
        line("revenue", _("Verksamhetens intäkter")),
        line("costs", _("Verksamhetens kostnader")),
        line("depreciation", _("Avskrivningar")),
        line("net_cost", _("Verksamhetens nettokostnad"), "sum"),
        line("tax", _("Skatteintäkter")),
        line("grants", _("Generella statsbidrag och utjämning")),
        line("operating_result", _("Verksamhetens resultat"), "sum"),
        line("financial_income", _("Finansiella intäkter")),
        line("financial_costs", _("Finansiella kostnader")),
        line("after_financial", _("Resultat efter finansiella poster"), "sum"),
        line("extraordinary", _("Extraordinära poster")),
        line("result", _("Årets resultat"), "sum"),
    ]
    return Statement(title=_("Resultaträkning"), columns=columns, lines=lines, unit=unit)


def _budget_column(municipality: Municipality, year: int) -> dict[str, int | None]:
    """The budget year's figures in whole kronor, RR sign; None where the budget has no split."""
    budget_year = BudgetYear.objects.filter(municipality=municipality, year=year).first()
    if budget_year is None:
        return {}
    totals = budget_year.total_budgets()
    if totals:
        net_costs = sum(totals.values())
    else:
        net_costs = sum(f.amount for f in budget_year.operating_frames.filter(year=year))
    net_cost = -int(net_costs + budget_year.central_costs)
    operating = net_cost + int(budget_year.tax_revenue) + int(budget_year.general_grants)
    financial = int(budget_year.financial_net)
    return {
        "revenue": None,
        "costs": None,
        "depreciation": None,
        "net_cost": net_cost,
        "tax": int(budget_year.tax_revenue),
        "grants": int(budget_year.general_grants),
        "operating_result": operating,
        "financial_income": financial if financial >= 0 else 0,
        "financial_costs": financial if financial < 0 else 0,
        "after_financial": operating + financial,
        "extraordinary": 0,
        "result": operating + financial,
    }


# --- balansräkning ----------------------------------------------------------------------


def _start_year(municipality: Municipality, year: int) -> int | None:
    """The year the balances are built from: the latest with an opening balance, else the first."""
    base = LedgerBalance.objects.filter(
        municipality_id=municipality.pk, kind="actual", year__lte=year
    )
    with_opening = base.filter(month=0).aggregate(year=Max("year"))["year"]
    if with_opening is not None:
        return int(with_opening)
    first = base.aggregate(year=Min("year"))["year"]
    return None if first is None else int(first)


@dataclass
class Balances:
    """Balance accounts in öre (ledger sign: debit positive) at the end of a month."""

    accounts: dict[str, int]
    earlier_results: int  # earlier years' results not yet in an opening balance (ledger sign)

    def total(self, prefixes: Iterable[str]) -> int:
        prefixes = tuple(prefixes)
        return sum(ore for account, ore in self.accounts.items() if account.startswith(prefixes))

    def equity(self) -> int:
        """Eget kapital excluding this year's result, ledger sign (credit negative)."""
        return self.total(BR_EQUITY) + self.earlier_results


def balances_at(municipality: Municipality, year: int, month: int = 12) -> Balances:
    """The balance accounts at the end of ``month`` of ``year`` (month 0: the opening balance)."""
    start = _start_year(municipality, year)
    if start is None or start > year:
        return Balances({}, 0)
    base = LedgerBalance.objects.filter(municipality_id=municipality.pk, kind="actual")
    period = Q(year__gte=start, year__lt=year) | Q(year=year, month__lte=month)
    opening_rule = Q(month__gte=1) | Q(year=start)
    accounts = {
        row["account"]: int(row["total"] or 0)
        for row in base.filter(period, opening_rule, account__lt="3")
        .values("account")
        .annotate(total=Sum("amount_ore"))
        if row["total"]
    }
    earlier = (
        base.filter(
            year__gte=start, year__lt=year, month__gte=1, account__gte="3", account__lt="9"
        ).aggregate(total=Sum("amount_ore"))["total"]
        or 0
    )
    return Balances(accounts, int(earlier))


def _opening(municipality: Municipality, year: int) -> Balances:
    """The balances at the start of ``year``, earlier results in eget kapital.

    The year's own opening balance (#IB) when it has one, else last year's closing
    balances with last year's result moved into eget kapital.
    """
    start = _start_year(municipality, year)
    if start == year:
        return balances_at(municipality, year, 0)
    closing = balances_at(municipality, year - 1, 12)
    last = sum(result_accounts(municipality, year - 1).values())
    return Balances(closing.accounts, closing.earlier_results + last)


def balance_sheet(
    municipality: Municipality, year: int, until_month: int = 12, *, unit: str = "tkr"
) -> Statement:
    """Balansräkning at the end of the period and at the end of last year."""
    columns = [
        f"{year}-{until_month:02d}-{_month_last_day(year, until_month)}",
        f"{year - 1}-12-31",
    ]
    now = balances_at(municipality, year, until_month)
    then = _opening(municipality, year)
    results = (result_ore(municipality, year, until_month), result_ore(municipality, year - 1))

    def assets(prefixes: Iterable[str]) -> tuple[int, int]:
        return now.total(prefixes), then.total(prefixes)

    def claims(prefixes: Iterable[str]) -> tuple[int, int]:
        return -now.total(prefixes), -then.total(prefixes)

    lines: list[StatementLine] = []

    def add(key: str, label: str, pair: tuple[int, int] | None, style: str = "normal") -> None:
        values: list[Value] = (
            [None, None] if pair is None else [in_unit(pair[0], unit), in_unit(pair[1], unit)]
        )
        lines.append(StatementLine(label, values, style, NOTE_NUMBERS.get(key, ""), key))

    intangible = assets(BR_INTANGIBLE)
    tangible = assets(BR_TANGIBLE)
    financial = assets(BR_FINANCIAL_ASSETS)
    fixed = _add(intangible, tangible, financial)
    inventories = assets(BR_INVENTORIES)
    receivables = assets(BR_RECEIVABLES)
    short = assets(BR_SHORT_INVESTMENTS)
    cash = assets(BR_CASH)
    current = _add(inventories, receivables, short, cash)
    # Anything of class 1 outside the groups above still belongs to the total.
    total_assets = now.total(("1",)), then.total(("1",))
    other_assets = _sub(total_assets, _add(fixed, current))

    add("assets", _("Tillgångar"), None, "heading")
    add("fixed_assets", _("Anläggningstillgångar"), fixed, "sum")
    add("intangible", _("Immateriella anläggningstillgångar"), intangible)
    add("tangible", _("Materiella anläggningstillgångar"), tangible)
    add("financial_assets", _("Finansiella anläggningstillgångar"), financial)
    add("current_assets", _("Omsättningstillgångar"), current, "sum")
    add("inventories", _("Förråd, lager och exploateringsfastigheter"), inventories)
    add("receivables", _("Fordringar"), receivables)
    add("short_investments", _("Kortfristiga placeringar"), short)
    add("cash", _("Kassa och bank"), cash)
    if any(other_assets):
        add("other_assets", _("Övriga tillgångar"), other_assets)
    add("total_assets", _("Summa tillgångar"), total_assets, "sum")

    # Eget kapital without the period's own result (for the earlier date it includes it).
    equity_before = -now.equity(), -then.equity()
    other_equity = equity_before[0], equity_before[1] - results[1]
    reserve = claims(BR_EQUALISATION_RESERVE)
    equity = results[0] + equity_before[0], equity_before[1]
    provisions = claims(BR_PROVISIONS)
    long_term = claims(BR_LONG_TERM_DEBT)
    short_term = claims(BR_SHORT_TERM_DEBT)
    debts = _add(long_term, short_term)
    class_two = -now.total(("2",)) - now.earlier_results, -then.total(("2",)) - then.earlier_results
    other_claims = _sub(class_two, _add(equity_before, provisions, debts))
    total = class_two[0] + results[0], class_two[1]

    add("equity_heading", _("Eget kapital, avsättningar och skulder"), None, "heading")
    add("equity", _("Eget kapital"), equity, "sum")
    add("result", _("Årets resultat"), results)
    add("other_equity", _("Övrigt eget kapital"), other_equity)
    add("equalisation_reserve", _("varav resultatutjämningsreserv"), reserve)
    add("provisions", _("Avsättningar"), provisions, "sum")
    add("debts", _("Skulder"), debts, "sum")
    add("long_term_debt", _("Långfristiga skulder"), long_term)
    add("short_term_debt", _("Kortfristiga skulder"), short_term)
    if any(other_claims):
        add("other_claims", _("Övriga skulder"), other_claims)
    add("total_claims", _("Summa eget kapital, avsättningar och skulder"), total, "sum")
    return Statement(title=_("Balansräkning"), columns=columns, lines=lines, unit=unit)


def _month_last_day(year: int, month: int) -> str:
    import calendar

    return f"{calendar.monthrange(year, month)[1]:02d}"


def _add(*pairs: tuple[int, int]) -> tuple[int, int]:
    return sum(p[0] for p in pairs), sum(p[1] for p in pairs)


def _sub(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    return a[0] - b[0], a[1] - b[1]


# --- kassaflödesanalys ------------------------------------------------------------------


def cash_flow_ore(municipality: Municipality, year: int) -> dict[str, int]:
    """The kassaflödesanalys in öre (inflows positive), indirect method."""
    opening = _opening(municipality, year)
    closing = balances_at(municipality, year, 12)
    accounts = result_accounts(municipality, year)
    result = _result(accounts)

    def change(prefixes: Iterable[str]) -> int:
        """Increase of the balance, ledger sign (debit positive)."""
        return closing.total(prefixes) - opening.total(prefixes)

    depreciation = -result["depreciation"]  # a cost: positive amount to add back
    provisions = -change(BR_PROVISIONS)
    flows: dict[str, int] = {
        "result": result.result,
        "depreciation": depreciation,
        "provisions": provisions,
    }
    flows["before_working_capital"] = result.result + depreciation + provisions
    flows["receivables"] = -change(BR_RECEIVABLES)
    flows["inventories"] = -change(BR_INVENTORIES)
    flows["short_term_debt"] = -change(BR_SHORT_TERM_DEBT)
    flows["operating"] = (
        flows["before_working_capital"]
        + flows["receivables"]
        + flows["inventories"]
        + flows["short_term_debt"]
    )
    # Fixed assets grow by investments and shrink by depreciation.
    flows["investments"] = -(change(BR_INTANGIBLE + BR_TANGIBLE) + depreciation)
    flows["financial_investments"] = -change(BR_FINANCIAL_ASSETS)
    flows["short_investments"] = -change(BR_SHORT_INVESTMENTS)
    covered = (
        BR_INTANGIBLE
        + BR_TANGIBLE
        + BR_FINANCIAL_ASSETS
        + BR_INVENTORIES
        + BR_RECEIVABLES
        + BR_SHORT_INVESTMENTS
        + BR_CASH
    )
    other_assets = -(change(("1",)) - change(covered))
    flows["investing"] = (
        flows["investments"]
        + flows["financial_investments"]
        + flows["short_investments"]
        + other_assets
    )
    flows["other_investing"] = other_assets
    flows["long_term_debt"] = -change(BR_LONG_TERM_DEBT)
    # Equity moved during the year other than by the result (e.g. a correction).
    flows["equity"] = -(closing.equity() - opening.equity())
    class_two = -(closing.total(("2",)) - opening.total(("2",))) - (
        closing.earlier_results - opening.earlier_results
    )
    flows["other_financing"] = class_two - (
        flows["equity"] + provisions + flows["short_term_debt"] + flows["long_term_debt"]
    )
    flows["financing"] = flows["long_term_debt"] + flows["equity"] + flows["other_financing"]
    flows["cash_flow"] = flows["operating"] + flows["investing"] + flows["financing"]
    flows["cash_opening"] = opening.total(BR_CASH)
    flows["cash_closing"] = closing.total(BR_CASH)
    return flows


def cash_flow(municipality: Municipality, year: int, *, unit: str = "tkr") -> Statement:
    """Kassaflödesanalys for the year and last year; it reconciles with kassa och bank."""
    now = cash_flow_ore(municipality, year)
    then = cash_flow_ore(municipality, year - 1)
    # A year the ledger does not hold prints as "–", not as zeros (a real year never has a
    # result, depreciation and cash flow all exactly zero).
    then_known = any(then[key] for key in ("result", "depreciation", "cash_flow"))
    columns = [str(year), str(year - 1)]
    lines: list[StatementLine] = []

    def add(key: str | None, label: str, style: str = "normal", always: bool = True) -> None:
        if key is None:
            lines.append(StatementLine(label, [None, None], "heading"))
            return
        if not always and not now[key] and not then[key]:
            return
        lines.append(
            StatementLine(
                label,
                [in_unit(now[key], unit), in_unit(then[key], unit) if then_known else None],
                style,
                "",
                key,
            )
        )

    add(None, _("Den löpande verksamheten"))
    add("result", _("Årets resultat"))
    add("depreciation", _("Justering för av- och nedskrivningar"))
    add("provisions", _("Justering för gjorda avsättningar"))
    add(
        "before_working_capital",
        _("Medel från verksamheten före förändring av rörelsekapital"),
        "sum",
    )
    add("receivables", _("Ökning (−)/minskning (+) av kortfristiga fordringar"))
    add("inventories", _("Ökning (−)/minskning (+) av förråd och exploateringsfastigheter"))
    add("short_term_debt", _("Ökning (+)/minskning (−) av kortfristiga skulder"))
    add("operating", _("Kassaflöde från den löpande verksamheten"), "sum")
    add(None, _("Investeringsverksamheten"))
    add("investments", _("Investering i materiella och immateriella anläggningstillgångar"))
    add("financial_investments", _("Investering i finansiella anläggningstillgångar"))
    add("short_investments", _("Förändring av kortfristiga placeringar"), always=False)
    add("other_investing", _("Övriga förändringar av tillgångar"), always=False)
    add("investing", _("Kassaflöde från investeringsverksamheten"), "sum")
    add(None, _("Finansieringsverksamheten"))
    add("long_term_debt", _("Förändring av långfristiga skulder"))
    add("equity", _("Förändring av eget kapital utöver årets resultat"), always=False)
    add("other_financing", _("Övriga förändringar av skulder"), always=False)
    add("financing", _("Kassaflöde från finansieringsverksamheten"), "sum")
    add("cash_flow", _("Årets kassaflöde"), "sum")
    add("cash_opening", _("Likvida medel vid årets början"))
    add("cash_closing", _("Likvida medel vid årets slut"), "sum")
    return Statement(title=_("Kassaflödesanalys"), columns=columns, lines=lines, unit=unit)


# --- noter ------------------------------------------------------------------------------


def notes(municipality: Municipality, year: int, *, unit: str = "tkr") -> list[Note]:
    """Account-level notes for the resultaträkning and balansräkning lines that carry a number."""
    now_rr = result_accounts(municipality, year)
    then_rr = result_accounts(municipality, year - 1)
    now_br = balances_at(municipality, year, 12)
    then_br = _opening(municipality, year)
    names = _account_names(
        municipality, set(now_rr) | set(then_rr) | set(now_br.accounts) | set(then_br.accounts)
    )
    columns = [str(year), str(year - 1)]
    result: list[Note] = []

    def account_lines(
        now: dict[str, int], then: dict[str, int], accounts: list[str], sign: int
    ) -> list[StatementLine]:
        lines = []
        known = bool(then)  # a year the ledger does not hold prints as "–", not as zeros
        for account in accounts:
            label = f"{account} {names.get(account, '')}".strip()
            lines.append(
                StatementLine(
                    label,
                    [
                        in_unit(sign * now.get(account, 0), unit),
                        in_unit(sign * then.get(account, 0), unit) if known else None,
                    ],
                    key=account,
                )
            )
        total_now = sum(now.get(a, 0) for a in accounts) * sign
        total_then = sum(then.get(a, 0) for a in accounts) * sign
        lines.append(
            StatementLine(
                _("Summa"),
                [in_unit(total_now, unit), in_unit(total_then, unit) if known else None],
                "sum",
                key="total",
            )
        )
        return lines

    rr_titles = {
        "revenue": _("Verksamhetens intäkter"),
        "costs": _("Verksamhetens kostnader"),
        "depreciation": _("Avskrivningar"),
        "tax": _("Skatteintäkter"),
        "grants": _("Generella statsbidrag och utjämning"),
        "financial_income": _("Finansiella intäkter"),
        "financial_costs": _("Finansiella kostnader"),
    }
    for key, title in rr_titles.items():
        accounts = sorted(a for a in set(now_rr) | set(then_rr) if rr_group(a) == key)
        if not accounts and key not in ("revenue", "costs", "tax"):
            continue
        result.append(
            Note(NOTE_NUMBERS[key], title, account_lines(now_rr, then_rr, accounts, -1), columns)
        )

    br_groups = [
        ("tangible", _("Materiella anläggningstillgångar"), BR_TANGIBLE, 1),
        ("financial_assets", _("Finansiella anläggningstillgångar"), BR_FINANCIAL_ASSETS, 1),
        ("receivables", _("Fordringar"), BR_RECEIVABLES, 1),
        ("cash", _("Kassa och bank"), BR_CASH, 1),
        ("equity", _("Eget kapital"), BR_EQUITY, -1),
        ("provisions", _("Avsättningar"), BR_PROVISIONS, -1),
        ("long_term_debt", _("Långfristiga skulder"), BR_LONG_TERM_DEBT, -1),
        ("short_term_debt", _("Kortfristiga skulder"), BR_SHORT_TERM_DEBT, -1),
    ]
    for key, title, prefixes, sign in br_groups:
        accounts = sorted(
            a for a in set(now_br.accounts) | set(then_br.accounts) if a.startswith(prefixes)
        )
        if not accounts and key != "tangible":
            continue
        lines = account_lines(now_br.accounts, then_br.accounts, accounts, sign)
        if key == "tangible":
            lines = _tangible_movements(municipality, year, unit) + lines
        result.append(Note(NOTE_NUMBERS[key], title, lines, columns))
    return result


def _tangible_movements(municipality: Municipality, year: int, unit: str) -> list[StatementLine]:
    """The materiella anläggningstillgångar's year: opening value, investments, depreciation."""
    lines = []
    for_years = []
    for y in (year, year - 1):
        opening = _opening(municipality, y).total(BR_TANGIBLE)
        closing = balances_at(municipality, y, 12).total(BR_TANGIBLE)
        flows = cash_flow_ore(municipality, y)
        for_years.append((opening, flows["depreciation"], closing))
    lines.append(
        StatementLine(
            _("Redovisat värde vid årets början"),
            [in_unit(for_years[0][0], unit), in_unit(for_years[1][0], unit)],
            key="opening",
        )
    )
    lines.append(
        StatementLine(
            _("Investeringar och övriga förändringar"),
            [
                in_unit(for_years[0][2] - for_years[0][0] + for_years[0][1], unit),
                in_unit(for_years[1][2] - for_years[1][0] + for_years[1][1], unit),
            ],
            key="investments",
        )
    )
    lines.append(
        StatementLine(
            _("Årets avskrivningar"),
            [in_unit(-for_years[0][1], unit), in_unit(-for_years[1][1], unit)],
            key="depreciation",
        )
    )
    lines.append(
        StatementLine(
            _("Redovisat värde vid årets slut"),
            [in_unit(for_years[0][2], unit), in_unit(for_years[1][2], unit)],
            "sum",
            key="closing",
        )
    )
    lines.append(StatementLine(_("Per konto"), [None, None], "heading"))
    return lines


# --- driftredovisning och investeringsredovisning ---------------------------------------


def operating_accounts(municipality: Municipality, year: int, *, unit: str = "tkr") -> Statement:
    """Driftredovisning per nämnd: totalbudget, utfall, avvikelse (the month report for December)."""
    report = month_report(municipality, year, 12)
    columns = [
        _("Budget %(year)s") % {"year": year},
        _("Utfall %(year)s") % {"year": year},
        _("Avvikelse"),
        _("Utfall %(year)s") % {"year": year - 1},
    ]
    lines = []
    for row in report.rows:
        lines.append(
            StatementLine(
                row.label,
                [
                    kr_in_unit(row.budget, unit),
                    kr_in_unit(row.actual, unit),
                    kr_in_unit(row.budget - row.actual, unit),
                    kr_in_unit(row.last_year, unit),
                ],
                key=f"body-{row.key}",
            )
        )
    totals = report.totals
    lines.append(
        StatementLine(
            _("Summa nämnder"),
            [
                kr_in_unit(totals.budget, unit),
                kr_in_unit(totals.actual, unit),
                kr_in_unit(totals.budget - totals.actual, unit),
                kr_in_unit(totals.last_year, unit),
            ],
            "sum",
            key="total",
        )
    )
    for extra in (report.financing, report.unmapped):
        if extra is not None:
            lines.append(
                StatementLine(
                    extra.label,
                    [None, kr_in_unit(extra.actual, unit), None, kr_in_unit(extra.last_year, unit)],
                    key="financing" if extra is report.financing else "unmapped",
                )
            )
    return Statement(
        title=_("Driftredovisning"),
        columns=columns,
        lines=lines,
        unit=unit,
    )


def investment_outcome(municipality: Municipality, year: int) -> dict[str, int]:
    """Investment expenditure in öre per project code: fixed-asset movements with the project."""
    rows = (
        LedgerBalance.objects.filter(
            municipality_id=municipality.pk,
            kind="actual",
            year=year,
            month__gte=1,
            account__lt="14",
            account__gte="10",
        )
        .exclude(project="")
        .values("project")
        .annotate(total=Sum("amount_ore"))
    )
    return {row["project"]: int(row["total"] or 0) for row in rows}


def capital_accounts(municipality: Municipality, year: int, *, unit: str = "tkr") -> Statement:
    """Investeringsredovisning per nämnd and project: budget, utfall, avvikelse."""
    from redthread.finance.models.structure import default_body_for

    budgets: dict[str, int] = defaultdict(int)
    for code, amount in CapitalBudget.objects.filter(
        budget_year__municipality=municipality, budget_year__year=year, year=year
    ).values_list("project__code", "amount"):
        budgets[code] += int(amount)
    outcome = investment_outcome(municipality, year)
    codes = set(budgets) | set(outcome)
    projects = {
        p.code: p
        for p in ProjectCode.objects.filter(
            municipality=municipality, code__in=codes
        ).select_related("unit")
    }
    bodies: dict[int | None, list[str]] = defaultdict(list)
    body_objects: dict[int, Body] = {}
    unit_bodies: dict[int, Body | None] = {}
    for code in sorted(codes):
        project = projects.get(code)
        body = None
        if project is not None and project.unit is not None:
            if project.unit_id not in unit_bodies:
                unit_bodies[project.unit_id] = default_body_for(project.unit)
            body = unit_bodies[project.unit_id]
        if body is not None:
            body_objects[body.pk] = body
        bodies[body.pk if body else None].append(code)

    columns = [
        _("Budget %(year)s") % {"year": year},
        _("Utfall %(year)s") % {"year": year},
        _("Avvikelse"),
    ]
    lines: list[StatementLine] = []
    total_budget = total_actual = 0
    order = sorted(
        bodies,
        key=lambda pk: (
            pk is None,
            body_objects[pk].order if pk else 0,
            body_objects[pk].name if pk else "",
        ),
    )
    for pk in order:
        label = body_objects[pk].name if pk else _("Projekt utan nämnd")
        lines.append(StatementLine(label, [None, None, None], "heading", key=f"body-{pk or 0}"))
        body_budget = body_actual = 0
        for code in bodies[pk]:
            budget_kr = budgets.get(code, 0)
            actual_ore = outcome.get(code, 0)
            body_budget += budget_kr
            body_actual += actual_ore
            project = projects.get(code)
            name = f"{code} {project.name}".strip() if project else code
            lines.append(
                StatementLine(
                    name,
                    [
                        kr_in_unit(budget_kr, unit),
                        in_unit(actual_ore, unit),
                        in_unit(budget_kr * 100 - actual_ore, unit),
                    ],
                    key=f"project-{code}",
                )
            )
        lines.append(
            StatementLine(
                _("Summa %(body)s") % {"body": label},
                [
                    kr_in_unit(body_budget, unit),
                    in_unit(body_actual, unit),
                    in_unit(body_budget * 100 - body_actual, unit),
                ],
                "sum",
                key=f"sum-{pk or 0}",
            )
        )
        total_budget += body_budget
        total_actual += body_actual
    lines.append(
        StatementLine(
            _("Summa investeringar"),
            [
                kr_in_unit(total_budget, unit),
                in_unit(total_actual, unit),
                in_unit(total_budget * 100 - total_actual, unit),
            ],
            "sum",
            key="total",
        )
    )
    return Statement(title=_("Investeringsredovisning"), columns=columns, lines=lines, unit=unit)


# --- sammanställda räkenskaper ----------------------------------------------------------


def _share(amount: int, share: Decimal) -> int:
    """A company's amount in whole kronor times the ownership share, in öre."""
    return int((Decimal(amount) * share * 100).to_integral_value(rounding=ROUND_HALF_UP))


def group_accounts(municipality: Municipality, year: int, *, unit: str = "tkr") -> Statement:
    """Sammanställda räkenskaper: the municipality plus its companies, proportionally
    consolidated (RKR R16), with the internal items each company reported eliminated.

    Columns: Kommunen, one per company, Elimineringar, Kommunkoncernen.
    """
    from redthread.finance.models import CompanyAccounts

    companies = list(
        CompanyAccounts.objects.filter(company__municipality=municipality, year=year)
        .select_related("company")
        .order_by("company__order", "company__name")
    )
    rr = _result(result_accounts(municipality, year))
    br = balances_at(municipality, year, 12)
    result_kommun = rr.result

    # Each column in öre, group-statement sign (revenues, assets, claims positive).
    def kommun() -> dict[str, int]:
        values = {
            "revenue": rr["revenue"],
            "costs": rr["costs"],
            "depreciation": rr["depreciation"],
            "tax_grants": rr["tax"] + rr["grants"],
            "financial_net": rr["financial_income"] + rr["financial_costs"],
            "company_tax": 0,
            "extraordinary": rr["extraordinary"],
            "fixed_assets": br.total(BR_INTANGIBLE + BR_TANGIBLE + BR_FINANCIAL_ASSETS),
            "equity": result_kommun - br.equity(),
            "provisions": -br.total(BR_PROVISIONS),
            "debts": -br.total(BR_LONG_TERM_DEBT + BR_SHORT_TERM_DEBT),
        }
        values["current_assets"] = br.total(("1",)) - values["fixed_assets"]
        claims = -br.total(("2",)) - br.earlier_results + result_kommun
        values["debts"] += claims - values["equity"] - values["provisions"] - values["debts"]
        return values

    def company(c: Any) -> dict[str, int]:
        s = c.share
        return {
            "revenue": _share(c.revenue, s),
            "costs": -_share(c.costs, s),
            "depreciation": -_share(c.depreciation, s),
            "tax_grants": 0,
            "financial_net": _share(c.financial_net, s),
            "company_tax": -_share(c.tax, s),
            "extraordinary": 0,
            "fixed_assets": _share(c.fixed_assets, s),
            "current_assets": _share(c.current_assets, s),
            "equity": _share(c.equity, s),
            "provisions": _share(c.provisions, s),
            "debts": _share(c.long_term_debt + c.short_term_debt, s),
        }

    def eliminations() -> dict[str, int]:
        values = dict.fromkeys(
            (
                "revenue",
                "costs",
                "depreciation",
                "tax_grants",
                "financial_net",
                "company_tax",
                "extraordinary",
                "fixed_assets",
                "current_assets",
                "equity",
                "provisions",
                "debts",
            ),
            0,
        )
        for c in companies:
            s = c.share
            # The company's sales to the municipality are the municipality's costs, and
            # the other way round: both sides go, the result is unchanged.
            internal = _share(c.internal_revenue, s) + _share(c.internal_costs, s)
            values["revenue"] -= internal
            values["costs"] += internal
            balances = _share(c.internal_receivables, s) + _share(c.internal_liabilities, s)
            values["current_assets"] -= balances
            values["debts"] -= balances
            shares = int(c.shares_book_value) * 100
            values["fixed_assets"] -= shares
            values["equity"] -= shares
        return values

    columns_data = [kommun(), *[company(c) for c in companies], eliminations()]
    for values in columns_data:
        values["net_cost"] = values["revenue"] + values["costs"] + values["depreciation"]
        values["result"] = (
            values["net_cost"]
            + values["tax_grants"]
            + values["financial_net"]
            + values["company_tax"]
            + values["extraordinary"]
        )
        values["total_assets"] = values["fixed_assets"] + values["current_assets"]
        values["total_claims"] = values["equity"] + values["provisions"] + values["debts"]
    group = {key: sum(c[key] for c in columns_data) for key in columns_data[0]}
    columns_data.append(group)
    columns = [
        _("Kommunen"),
        *[f"{c.company.name} ({_percent(c.ownership_percent)})" for c in companies],
        _("Elimineringar"),
        _("Kommunkoncernen"),
    ]
    spec = [
        ("rr", _("Resultaträkning"), "heading"),
        ("revenue", _("Verksamhetens intäkter"), "normal"),
        ("costs", _("Verksamhetens kostnader"), "normal"),
        ("depreciation", _("Avskrivningar"), "normal"),
        ("net_cost", _("Verksamhetens nettokostnad"), "sum"),
        ("tax_grants", _("Skatteintäkter, generella statsbidrag och utjämning"), "normal"),
        ("financial_net", _("Finansnetto"), "normal"),
        ("company_tax", _("Skatt och bokslutsdispositioner"), "normal"),
        ("extraordinary", _("Extraordinära poster"), "normal"),
        ("result", _("Årets resultat"), "sum"),
        ("br", _("Balansräkning"), "heading"),
        ("fixed_assets", _("Anläggningstillgångar"), "normal"),
        ("current_assets", _("Omsättningstillgångar"), "normal"),
        ("total_assets", _("Summa tillgångar"), "sum"),
        ("equity", _("Eget kapital"), "normal"),
        ("provisions", _("Avsättningar"), "normal"),
        ("debts", _("Skulder"), "normal"),
        ("total_claims", _("Summa eget kapital, avsättningar och skulder"), "sum"),
    ]
    lines = []
    for key, label, style in spec:
        if style == "heading":
            lines.append(StatementLine(label, [None] * len(columns), style, key=key))
        else:
            lines.append(
                StatementLine(label, [in_unit(c[key], unit) for c in columns_data], style, key=key)
            )
    return Statement(title=_("Sammanställda räkenskaper"), columns=columns, lines=lines, unit=unit)


def _percent(value: Decimal) -> str:
    text = f"{Decimal(value).normalize():f}".replace(".", ",")
    return f"{text} %"


# --- personal ---------------------------------------------------------------------------


def personnel_figures(municipality: Municipality, year: int, month: int = 0) -> Statement:
    """Per förvaltning: anställda, årsarbetare, sjukfrånvaro and personalomsättning.

    The municipality's total sums employees and årsarbetare; sick leave is weighted by
    årsarbetare (a share of working time) and turnover by employees (a share of people).
    ``month`` 0 is the year-end figures.
    """
    from redthread.finance.models import PersonnelFigures

    rows = list(
        PersonnelFigures.objects.filter(unit__municipality=municipality, year=year, month=month)
        .select_related("unit")
        .order_by("unit__order", "unit__name")
    )
    columns = [
        _("Anställda"),
        _("Årsarbetare"),
        _("Sjukfrånvaro (%)"),
        _("Personalomsättning (%)"),
    ]
    lines = [
        StatementLine(
            row.unit.name,
            [
                row.employees,
                Decimal(row.full_time_equivalents),
                Decimal(row.sick_leave_percent),
                Decimal(row.turnover_percent),
            ],
            key=f"unit-{row.unit_id}",
        )
        for row in rows
    ]
    if rows:
        lines.append(StatementLine(_("Kommunen totalt"), personnel_total(rows), "sum", key="total"))
    return Statement(title=_("Personal"), columns=columns, lines=lines, unit="")


def personnel_total(rows: Iterable[Any]) -> list[Value]:
    rows = list(rows)
    employees = sum(r.employees for r in rows)
    fte = sum((Decimal(r.full_time_equivalents) for r in rows), Decimal(0))
    sick = (
        sum((Decimal(r.sick_leave_percent) * r.full_time_equivalents for r in rows), Decimal(0))
        / fte
        if fte
        else None
    )
    turnover = (
        sum((Decimal(r.turnover_percent) * r.employees for r in rows), Decimal(0)) / employees
        if employees
        else None
    )
    two = Decimal("0.01")
    return [
        employees,
        fte,
        None if sick is None else sick.quantize(two, rounding=ROUND_HALF_UP),
        None if turnover is None else turnover.quantize(two, rounding=ROUND_HALF_UP),
    ]
