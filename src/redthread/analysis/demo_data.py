"""What the analysis demo needs when Kolada's published files are not at hand.

The ids, titles and groupings are Kolada's (catalogue facts, "Källa: Kolada"); every value
the demo makes from these is generated and marked as such. The fifteen key figures are those
the goal chain's demo indicators use, and the gross regional product per inhabitant.
"""

from __future__ import annotations

OWN = "0586"
COUNTY = "0005"
GROUP = "G37466"
GROUP_TITLE = "Liknande kommuner, övergripande, Mjölby, 2025"

# Members of G37466 and a rough size against Mjölby (for the population figure only).
MEMBERS = {
    "0662": ("Gislaved", 0.88),
    "0882": ("Oskarshamn", 0.81),
    "1082": ("Karlshamn", 0.96),
    "1267": ("Höör", 0.53),
    "1491": ("Ulricehamn", 0.75),
    "1493": ("Mariestad", 0.74),
    "2184": ("Hudiksvall", 1.11),
}

MUNICIPALITIES = [
    ("0000", "Riket", "L"),
    ("0005", "Region Östergötland", "L"),
    ("0586", "Mjölby", "K"),
    *[(code, name, "K") for code, (name, _size) in MEMBERS.items()],
]

# (id, title, operating area, perspective, divided by gender, municipality type)
KPIS = [
    ("N01951", "Invånare totalt, antal", "Befolkning", "Volymer", True, "A"),
    (
        "N00667",
        "Medborgarundersökningen - Kommunen är en bra plats att bo och leva på, andel (%)",
        "Kommunen, övergripande",
        "Kvalitet och resultat",
        True,
        "A",
    ),
    (
        "N15428",
        "Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)",
        "Grundskola åk 0-9 inkl förskoleklass",
        "Kvalitet och resultat",
        True,
        "A",
    ),
    (
        "N15505",
        "Elever i åk. 9, meritvärde kommunala skolor, genomsnitt (17 ämnen)",
        "Grundskola åk 0-9 inkl förskoleklass",
        "Kvalitet och resultat",
        True,
        "K",
    ),
    (
        "N17461",
        "Gymnasieelever med examen inom 4 år, hemkommun, andel (%)",
        "Gymnasieskola åk 1-3",
        "Kvalitet och resultat",
        True,
        "A",
    ),
    (
        "U21468",
        "Brukarbedömning hemtjänst äldreomsorg -  helhetssyn, andel (%)",
        "Äldre och funktionshinder",
        "Kvalitet och resultat",
        True,
        "K",
    ),
    (
        "U21401",
        "Personalkontinuitet, antal personal som en hemtjänsttagare med minst 2 besök dagligen "
        "möter under 14 dagar, medelvärde (- 2024)",
        "Äldre och funktionshinder",
        "Kvalitet och resultat",
        True,
        "K",
    ),
    (
        "U23401",
        "Väntetid i antal dagar från ansökningsdatum till första erbjudet inflyttningsdatum "
        "till särskilt boende, medelvärde",
        "Äldre och funktionshinder",
        "Kvalitet och resultat",
        True,
        "K",
    ),
    (
        "U07453",
        "Företagsklimat Insikt - Totalt, Index, ny definition",
        "Kommunen, övergripande",
        "Kvalitet och resultat",
        False,
        "K",
    ),
    (
        "U09800",
        "Deltagartillfällen i idrottsföreningar, antal/inv 7-20 år",
        "Kultur och fritid",
        "Övrigt",
        True,
        "K",
    ),
    (
        "U00200",
        "Medarbetarengagemang (HME) totalt kommunen - Totalindex",
        "Kommunen, övergripande",
        "Resurser",
        True,
        "K",
    ),
    (
        "N03107",
        "Resultat före extraordinära poster kommunen, kr/inv",
        "Kommunen, övergripande",
        "Resurser",
        False,
        "K",
    ),
    (
        "N00097",
        "Nettokostnadsavvikelse totalt (exkl. LSS), andel (%)",
        "Kommunen, övergripande",
        "Resurser",
        False,
        "K",
    ),
    (
        "N03002",
        "Soliditet inkl pensionsåtag. kommun, (%)",
        "Kommunen, övergripande",
        "Resurser",
        False,
        "K",
    ),
    (
        "N03702",
        "Bruttoregionprodukt, kommun (BRP), 1000 kr/invånare",
        "Kommunen, övergripande",
        "Volymer",
        False,
        "K",
    ),
]

# Key figures no indicator uses: Mjölby's value in the last year and the yearly change.
UNLINKED = {"N03702": (372.0, 9.5, 0)}

# How far the others lie from Mjölby: relative spread of the group, the county's and Riket's
# level against Mjölby (None: Kolada has no comparable figure to chart beside a kommun).
SPREAD = {
    "N01951": (None, None, None),
    "N03107": (0.45, 1.05, 1.1),
    "N00097": (1.2, 0.4, 0.0),
}
DEFAULT_SPREAD = (0.07, 1.01, 1.02)

# Analyses of four indicators at the helår 2025, written beside the comparison (the figures
# are added from the comparison itself, so text and table agree).
NOTES = {
    "N03107": "Resultatet har återhämtat sig efter 2023, då pensionskostnaderna och inflationen "
    "slog mot alla kommuner. Nivån behöver hålla i sig för god ekonomisk hushållning; "
    "effektiviseringarna i budget 2026 ska stärka resultatet.",
    "N17461": "Fler går ut gymnasiet med examen inom fyra år. Introduktionsprogrammen har fått "
    "fler studie- och yrkesvägledare, och avhoppen har minskat.",
    "N15428": "Behörigheten har ökat tre år i rad. Skillnaden mellan flickor och pojkar är stor; "
    "de läsfrämjande insatserna i årskurs 7–9 fortsätter.",
    "U21468": "Andelen nöjda har sjunkit något. Brukarna nämner att de möter för många i "
    "personalen; åtagandet om fasta team runt varje brukare ska ge effekt 2026.",
}

# Mjölby's Kolada figure that differs from the goal chain's actual (Kolada revised it after
# the period closed): the demo's figures waiting for a decision.
REVISED = {("N03107", 2024): 915, ("U23401", 2025): 54}
