"""A simplified chart of accounts and activity codes in the style of Kommun-Bas.

Used by the demo and offered as a starting point; a municipality extends it with its
own accounts (the ledger import adds those it meets). Not the official Kommun-Bas.
"""

from __future__ import annotations

ACCOUNTS: list[tuple[str, str]] = [
    ("1110", "Byggnader"),
    ("1210", "Maskiner och inventarier"),
    ("1510", "Kundfordringar"),
    ("1930", "Bank"),
    ("2010", "Eget kapital"),
    ("2440", "Leverantörsskulder"),
    ("2710", "Personalens källskatt"),
    ("3010", "Försäljning av varor"),
    ("3110", "Avgifter för förskola och fritidshem"),
    ("3120", "Avgifter för äldreomsorg"),
    ("3130", "Taxor och avgifter, övriga"),
    ("3210", "Hyror och arrenden"),
    ("3410", "Riktade statsbidrag"),
    ("3510", "Försäljning av verksamhet till andra kommuner"),
    ("4010", "Förbrukningsmaterial"),
    ("4510", "Köp av huvudverksamhet"),
    ("4610", "Entreprenader"),
    ("4710", "Försörjningsstöd"),
    ("5011", "Månadslöner"),
    ("5111", "Timlöner"),
    ("5610", "Arbetsgivaravgifter"),
    ("5710", "Pensionskostnader"),
    ("6110", "Lokalhyror"),
    ("6150", "Internhyror"),
    ("6210", "Fastighetsskötsel och underhåll"),
    ("6410", "Förbrukningsinventarier"),
    ("6510", "It-tjänster"),
    ("6590", "Konsulttjänster"),
    ("6810", "Transporter och resor"),
    ("7010", "Telefoni och porto"),
    ("7410", "Försäkringar"),
    ("7810", "Avskrivningar"),
    ("8010", "Kommunalskatt"),
    ("8210", "Inkomstutjämning"),
    ("8220", "Kostnadsutjämning"),
    ("8250", "Kommunal fastighetsavgift"),
    ("8410", "Ränteintäkter"),
    ("8510", "Räntekostnader"),
]

ACTIVITIES: list[tuple[str, str]] = [
    ("100", "Politisk verksamhet"),
    ("210", "Fysisk och teknisk planering"),
    ("250", "Gator, vägar och parker"),
    ("260", "Räddningstjänst"),
    ("270", "Miljö, hälsa och hållbar utveckling"),
    ("310", "Kulturverksamhet"),
    ("315", "Bibliotek"),
    ("320", "Fritidsverksamhet"),
    ("407", "Förskola"),
    ("440", "Grundskola"),
    ("450", "Gymnasieskola"),
    ("510", "Vård och omsorg om äldre"),
    ("520", "Stöd till personer med funktionsnedsättning"),
    ("530", "Individ- och familjeomsorg"),
    ("910", "Gemensamma lokaler och kost"),
    ("920", "Gemensam administration"),
    ("990", "Finansiering"),
]
