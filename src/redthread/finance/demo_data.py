"""The demo's illustrative figures: frames, ansvar, account profiles and months."""

from __future__ import annotations

from decimal import Decimal

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
