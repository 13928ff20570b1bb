"""Finance in a report: driftredovisning, the result and its chart, the flerårsöversikt, the
balanskravsutredning, the finance app's statements as tables, and personal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal, Protocol

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from redthread.core.charts import Chart, Series
from redthread.finance import figures
from redthread.finance.models import BalanceRequirement, LedgerSummary
from redthread.finance.models.balance import deficits
from redthread.finance.models.structure import OPERATING_CLASSES, RESULT_CLASSES
from redthread.organisation.models import Municipality, Unit
from redthread.reports.document import (
    Block,
    Column,
    ColumnKind,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Row,
    Table,
    Value,
)
from redthread.reports.kinds.common import period_label, short_month_names

RowStyle = Literal["normal", "sum", "heading"]


def namnder_total(report: figures.MonthReport) -> figures.ReportRow:
    """The nämnder's sum; a nämnd without a forecast counts as forecasting its budget."""
    total = report.totals
    if any(row.forecast is not None for row in report.rows):
        total.forecast = sum(
            row.forecast if row.forecast is not None else row.budget for row in report.rows
        )
    return total


def operating_table(
    report: figures.MonthReport, *, forecast: bool = False, caption: str = ""
) -> Table:
    """Driftredovisning per nämnd: budget, outcome and deviation (with the forecast if asked)."""
    columns = [
        Column(_("Nämnd")),
        Column(_("Budget"), "amount"),
        Column(_("Utfall"), "amount"),
        Column(_("Avvikelse"), "amount"),
    ]
    if report.month < 12:
        columns[1:2] = [Column(_("Årsbudget"), "amount"), Column(_("Budget hittills"), "amount")]
    if forecast:
        columns += [
            Column(_("Prognos helår"), "amount"),
            Column(_("Avvikelse mot budget"), "amount"),
        ]
    columns.append(Column(_("Föregående år"), "amount"))

    def cells(row: figures.ReportRow) -> list[Value]:
        values: list[Value] = [row.label, row.budget]
        if report.month < 12:
            values.append(row.budget_to_date)
        values += [row.actual, row.deviation if row.budget else None]
        if forecast:
            values += [row.forecast, row.forecast_deviation]
        values.append(row.last_year)
        return values

    table = Table(
        caption=caption
        or _("Driftredovisning per nämnd, %(period)s")
        % {"period": period_label(report.year, report.month)},
        columns=columns,
        unit="tkr",
        source=_("Budget: totalbudget enligt beslut. Utfall: huvudboken. Nettokostnad.")
        + (
            " " + _("En nämnd utan prognos räknas i summan med sin budget som prognos.")
            if forecast
            else ""
        ),
    )
    for row in report.rows:
        table.rows.append(Row(cells(row)))
    if report.rows:
        table.rows.append(Row(cells(namnder_total(report)), style="sum"))
    for extra in (report.financing, report.unmapped):
        if extra is not None:  # no budget of their own: outcome and last year only
            table.rows.append(Row(cells(extra)))
    return table


def result_chart(municipality: Municipality, year: int, until_month: int = 12) -> Chart:
    """Årets resultat accumulated month by month, against the same months last year."""
    this_year = figures.monthly_result(municipality, year)
    last_year = figures.monthly_result(municipality, year - 1)

    def running(values: dict[int, int], months: int) -> list[Decimal | float | int | None]:
        total = 0
        result: list[Decimal | float | int | None] = []
        for month in range(1, months + 1):
            total += values.get(month, 0)
            result.append(Decimal(total) / 1_000_000)
        return result

    series = [Series(str(year), running(this_year, until_month))]
    if last_year:
        series.append(
            Series(
                str(year - 1),
                running(last_year, 12),
                style="dashed",
                colour="#555555",
                marker="square",
            )
        )
    return Chart(
        title=_("Ackumulerat resultat per månad"),
        labels=short_month_names(),
        series=series,
        unit="mnkr",
        decimals=1,
    )


def result_figures(municipality: Municipality, year: int, until_month: int = 12) -> KeyFigures:
    """Årets resultat, verksamhetens nettokostnad and skatter och statsbidrag so far."""
    result = figures.result_to_date(municipality, year, until_month)
    net_cost = figures.net_cost_to_date(municipality, year, until_month)
    revenue = -figures.account_totals(municipality, year, until_month, prefixes=("80", "82"))
    items = [
        KeyFigure(_("Årets resultat"), result, "mnkr", "amount", 1),
        KeyFigure(_("Verksamhetens nettokostnad"), net_cost, "mnkr", "amount", 1),
        KeyFigure(_("Skatteintäkter och generella statsbidrag"), revenue, "mnkr", "amount", 1),
    ]
    if revenue > 0:
        items.append(
            KeyFigure(
                _("Resultat av skatter och statsbidrag"),
                Decimal(result) / Decimal(revenue),
                kind="share",
                decimals=1,
            )
        )
    return KeyFigures(items)


def multi_year_table(municipality: Municipality, year: int, years: int = 5) -> Table:
    """Flerårsöversikt: result and net cost per year from the ledger, in one query."""
    first = year - years + 1
    totals: dict[tuple[int, str], int] = defaultdict(int)
    for row in (
        LedgerSummary.objects.filter(
            municipality_id=municipality.pk,
            kind="actual",
            year__gte=first,
            year__lte=year,
            account_class__in=RESULT_CLASSES,
        )
        .values("year", "account_class")
        .annotate(total=Sum("amount_ore"))
    ):
        klass = int(row["account_class"])
        totals[(row["year"], "result")] += int(row["total"] or 0)
        if klass in OPERATING_CLASSES:
            totals[(row["year"], "net_cost")] += int(row["total"] or 0)
    with_data = [y for y in range(first, year + 1) if (y, "result") in totals]
    table = Table(
        caption=_("Flerårsöversikt"),
        columns=[Column(_("Post")), *[Column(str(y), "amount", 1) for y in with_data]],
        unit="mnkr",
        source=_("Huvudboken"),
    )
    table.rows.append(
        Row([_("Årets resultat"), *[-figures.kronor(totals[(y, "result")]) for y in with_data]])
    )
    table.rows.append(
        Row(
            [
                _("Verksamhetens nettokostnad"),
                *[figures.kronor(totals[(y, "net_cost")]) for y in with_data],
            ]
        )
    )
    return table


BALANCE_LINES: list[tuple[str, str, RowStyle]] = [
    # (label, attribute, style); signs follow the utredning: deductions are shown negative
    (gettext_noop("Årets resultat"), "result", "normal"),
    (gettext_noop("Samtliga realisationsvinster"), "realisation_gains", "normal"),
    (
        gettext_noop("Realisationsvinster och -förluster enligt undantagsmöjlighet"),
        "exceptions",
        "normal",
    ),
    (
        gettext_noop("Orealiserade förluster och återföring i värdepapper"),
        "unrealised_securities",
        "normal",
    ),
    (gettext_noop("Årets resultat efter balanskravsjusteringar"), "adjusted_result", "sum"),
    (gettext_noop("Reservering till resultatutjämningsreserv"), "reserve_to_rur", "normal"),
    (gettext_noop("Disposition från resultatutjämningsreserv"), "reserve_from_rur", "normal"),
    (gettext_noop("Balanskravsresultat"), "balance_result", "sum"),
]
NEGATED = {"realisation_gains", "reserve_to_rur"}


def balance_requirement_blocks(municipality: Municipality, year: int) -> list[Block]:
    """The balanskravsutredning of the year and the two before, and deficits still to restore."""
    requirements = list(
        BalanceRequirement.objects.filter(
            municipality=municipality, year__gte=year - 2, year__lte=year
        ).order_by("year")
    )
    blocks: list[Block] = []
    if not any(r.year == year for r in requirements):
        blocks.append(
            Paragraph(
                _(
                    "Balanskravsutredningen för %(year)s är inte upprättad. Ekonomiavdelningen "
                    "lägger in den under Ekonomi → Balanskrav; årets resultat enligt "
                    "bokföringen är %(result)s."
                )
                % {
                    "year": year,
                    "result": _mnkr(figures.result_to_date(municipality, year)),
                }
            )
        )
    if requirements:
        table = Table(
            caption=_("Balanskravsutredning"),
            columns=[Column(_("Post")), *[Column(str(r.year), "amount", 1) for r in requirements]],
            unit="mnkr",
            source=", ".join(
                r.decision.citation for r in requirements if r.decision_id and r.decision
            ),
        )
        for label, attribute, style in BALANCE_LINES:
            values: list[Value] = []
            for requirement in requirements:
                value = int(getattr(requirement, attribute))
                values.append(-value if attribute in NEGATED else value)
            table.rows.append(Row([_(label), *values], style=style))
        blocks.append(table)
        current = next((r for r in requirements if r.year == year), None)
        if current is not None and current.comment.strip():
            blocks.append(Paragraph(current.comment.strip()))
    open_deficits = [d for d in deficits(municipality) if d.year <= year and d.remaining > 0]
    if open_deficits:
        table = Table(
            caption=_("Negativa balanskravsresultat att återställa"),
            columns=[
                Column(_("Uppkom år")),
                Column(_("Underskott"), "amount", 1),
                Column(_("Kvar att återställa"), "amount", 1),
                Column(_("Återställs senast år")),
            ],
            unit="mnkr",
        )
        for deficit in open_deficits:
            table.rows.append(
                Row([str(deficit.year), deficit.amount, deficit.remaining, str(deficit.deadline)])
            )
        blocks.append(table)
    elif requirements:
        blocks.append(
            Paragraph(_("Det finns inga negativa balanskravsresultat kvar att återställa."))
        )
    return blocks


def _mnkr(amount: int) -> str:
    from redthread.core.formatting import mnkr

    return mnkr(amount)


# --- Statements (resultaträkning, balansräkning ...) from the finance app -----------------


class StatementLike(Protocol):
    title: str
    columns: list[str]
    lines: list[Any]
    unit: str


SCALE = {"kr": 1, "tkr": 1000, "mnkr": 1_000_000}


def statement_table(
    statement: StatementLike,
    *,
    unit: str = "tkr",
    kinds: Sequence[ColumnKind] | None = None,
    decimals: Sequence[int] | None = None,
    caption: str = "",
    source: str = "",
) -> Table:
    """A finance ``Statement`` as a table: one row per line, sums, headings and notes kept.

    The statement's amounts are in its own unit (ask for ``unit="kr"``); the table holds
    kronor and prints them in ``unit``, like every other table of a report.
    """
    return lines_table(
        caption or statement.title,
        statement.columns,
        statement.lines,
        statement_unit=statement.unit,
        unit=unit,
        kinds=kinds,
        decimals=decimals,
        source=source,
    )


def lines_table(
    caption: str,
    headings: Sequence[str],
    lines: Sequence[Any],
    *,
    statement_unit: str = "kr",
    unit: str = "tkr",
    kinds: Sequence[ColumnKind] | None = None,
    decimals: Sequence[int] | None = None,
    source: str = "",
) -> Table:
    """Statement lines (label, values, style, note) as a table holding kronor."""
    factor = SCALE.get(statement_unit, 1)
    column_kinds: list[ColumnKind] = list(kinds or ["amount"] * len(headings))
    columns = [Column(_("Post"))]
    for index, label in enumerate(headings):
        kind = column_kinds[index] if index < len(column_kinds) else "amount"
        places = decimals[index] if decimals and index < len(decimals) else 0
        columns.append(Column(label, kind, places))
    table = Table(caption=caption, columns=columns, unit=unit, source=source)
    for line in lines:
        style: RowStyle = line.style if line.style in ("normal", "sum", "heading") else "normal"
        values: list[Value] = []
        for index in range(len(headings)):
            value = line.values[index] if index < len(line.values) else None
            if value is not None and columns[index + 1].kind == "amount" and factor != 1:
                value = value * factor
            values.append(value)
        table.rows.append(Row([line.label, *values], style=style, note=str(line.note or "")))
    return table


def personnel_blocks(
    municipality: Municipality,
    year: int,
    *,
    totals_only: bool = False,
    units: Sequence[Unit] | None = None,
) -> list[Block]:
    """Employees, full-time equivalents, sick leave and turnover per förvaltning (HR import).

    ``units`` keeps the rows of those förvaltningar (a nämnd's report); ``totals_only`` the
    municipality's total (the förvaltningsberättelse).
    """
    from redthread.finance import statements

    statement = statements.personnel_figures(municipality, year)
    if units is not None:
        keys = {f"unit-{unit.pk}" for unit in units}
        statement.lines = [line for line in statement.lines if line.key in keys]
    if statement.is_empty:
        return [
            Paragraph(
                _(
                    "Personaluppgifterna för %(year)s är inte inlästa. Läs in HR-systemets fil "
                    "per förvaltning (Ekonomi → Personal → Läs in) och skapa rapporten igen."
                )
                % {"year": year}
            )
        ]
    # Anställda, årsarbetare, sjukfrånvaro (%), personalomsättning (%)
    table = statement_table(
        statement,
        kinds=["number", "number", "percent", "percent"],
        decimals=[0, 1, 1, 1],
        unit="",
        source=_("HR-systemet, per förvaltning"),
    )
    if totals_only:
        table.rows = [row for row in table.rows if row.style == "sum"] or table.rows
        table.caption = _("Personal %(year)s, hela kommunen") % {"year": year}
    return [table]
