"""Small hand-built reports for the engine's tests, independent of the builders."""

from __future__ import annotations

from decimal import Decimal

from redthread.core.charts import Chart, Series
from redthread.reports.document import (
    ChartBlock,
    Column,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Report,
    Row,
    Section,
    Table,
)

RESULT = Decimal("48213456")  # kronor; printed 48 213 tkr
BALANCE_RESULT = Decimal("-2345678")  # printed −2 346 tkr
GOAL_SHARE = Decimal("0.625")  # printed 62,5 %


def income_statement() -> Table:
    return Table(
        caption="Resultaträkning",
        unit="tkr",
        columns=[
            Column("Post"),
            Column("Utfall 2026", "amount"),
            Column("Utfall 2025", "amount"),
        ],
        rows=[
            Row(["Verksamhetens intäkter", Decimal("412345678"), Decimal("398000000")], note="1"),
            Row(
                ["Verksamhetens kostnader", Decimal("-2100000000"), Decimal("-2010000000")],
                note="2",
            ),
            Row(["Skatteintäkter", Decimal("1735867778"), Decimal("1650000000")], note="3"),
            Row(["Årets resultat", RESULT, Decimal("38000000")], style="sum"),
        ],
        source="Huvudboken, bokslut 2026",
    )


def goals_table(rows: int = 6) -> Table:
    statuses = ["green", "yellow", "red", "none"]
    return Table(
        caption="Kommunmålen",
        columns=[
            Column("Kommunmål"),
            Column("Indikatorer", "number"),
            Column("Andel uppfyllda", "share", decimals=1),
            Column("Bedömning", "status"),
        ],
        rows=[
            Row(
                [
                    f"Kommunmål {i + 1}: Fler invånare i arbete och egen försörjning",
                    i + 2,
                    Decimal(i % 5) / 4,
                    statuses[i % 4],
                ]
            )
            for i in range(rows)
        ],
    )


def sample_report(*, long: bool = False) -> Report:
    chapters = 12 if long else 1
    sections = [
        Section(
            key="forvaltningsberattelse",
            title="Förvaltningsberättelse",
            blocks=[
                KeyFigures(
                    [
                        KeyFigure("Årets resultat", RESULT, "tkr", "amount"),
                        KeyFigure("Balanskravsresultat", BALANCE_RESULT, "tkr", "amount"),
                        KeyFigure(
                            "Andel uppfyllda kommunmål", GOAL_SHARE, kind="share", decimals=1
                        ),
                    ]
                ),
                Paragraph("Kommunen redovisar ett positivt resultat för året."),
            ],
            children=[
                Section(
                    key="forvaltningsberattelse.god_ekonomisk_hushallning",
                    title="God ekonomisk hushållning",
                    blocks=[goals_table(40 if long else 6)],
                ),
                Section(
                    key="forvaltningsberattelse.balanskrav",
                    title="Balanskravsresultat",
                    blocks=[
                        Table(
                            caption="Balanskravsutredning",
                            unit="tkr",
                            columns=[Column("Post"), Column("2026", "amount")],
                            rows=[
                                Row(["Årets resultat", RESULT]),
                                Row(["Realisationsvinster", Decimal("-50559134")], level=1),
                                Row(["Balanskravsresultat", BALANCE_RESULT], style="sum"),
                            ],
                        )
                    ],
                ),
            ],
        ),
        Section(
            key="resultatrakning",
            title="Resultaträkning",
            blocks=[
                income_statement(),
                ChartBlock(
                    Chart(
                        "Årets resultat per år",
                        ["2022", "2023", "2024", "2025", "2026"],
                        [Series("Resultat", [12.5, 30.1, -4.2, 38.0, 48.2])],
                        unit="mnkr",
                        decimals=1,
                    )
                ),
            ],
        ),
    ]
    for n in range(1, chapters):
        sections.append(
            Section(
                key=f"namnd{n}",
                title=f"Nämnd {n}",
                blocks=[Paragraph("Nämnden har bedrivit verksamheten enligt plan. " * 20)],
                children=[
                    Section(key=f"namnd{n}.mal", title=f"Nämnd {n}: mål", blocks=[goals_table(25)])
                ],
            )
        )
    return Report(
        kind="arsredovisning",
        title="Årsredovisning",
        municipality="Mjölby kommun",
        year=2026,
        period_label="1 januari–31 december 2026",
        sections=sections,
    )
