"""Mjölby kommun's styrdokument register for the demo: thirty documents.

The first is the ledningssystem itself, as in the seed (KF 2018-12-18 § 194, dnr 2018:327,
dokumentansvarig tjänsteperson: kommundirektör). The others are typical of a Swedish
municipality and invented for the demo (``is_illustrative``), with invented decisions. A
third of the documents in force are due for aktualitetsprövning within a year; one policy
has been replaced by a newer one, one is under revision.

Review dates are set relative to the first day of the current month, so the register
stays realistic whenever the demo is loaded and loading it twice gives the same data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from redthread.core.demo_tools import DemoContext, upsert
from redthread.documents.models import DocumentFile, DocumentLink, GoverningDocument
from redthread.organisation.models import Body, Decision, Person, Unit

C = GoverningDocument.Category
S = GoverningDocument.State


@dataclass
class Doc:
    key: str
    category: str
    title: str
    owner: str
    summary: str
    # For VAD: (body key, date, paragraph, case number); None for HUR.
    decision: tuple[str, str, str, str] | None
    # For HUR: (unit key, adopted on).
    unit: str | None = None
    adopted_on: str | None = None
    valid_from: str | None = None
    # Months from the first day of this month to the review date (negative: passed).
    review_in_months: int = 24
    state: str = S.IN_FORCE
    replaces: str | None = None
    governs: list[tuple[str, str]] = field(default_factory=list)  # ("body"|"unit", key)


LEDNINGSSYSTEM_TEXT = """Mjölby kommuns ledningssystem

Beslutad av fullmäktige 18 december 2018 § 194: Plan. Diarienummer: 2018:327.
Dokumentansvarig tjänsteperson: kommundirektör.

Visionen är vår ledstjärna. Mjölby kommuns ledningssystem är ramverket för styrningen av
Mjölby kommun i riktning mot visionen. I ledningssystemet fogas politik och verksamhet samman,
på olika nivåer i organisationen. Genom ledningssystemet ska de politiska besluten få genomslag
i arbetet.

Vårt ledningssystem har därför flera syften; att få en tydlighet, en hjälp att navigera, skapa
ett gemensamt förhållningsätt och vara en ram för vårt arbete. Ledningssystemet är ett stöd för
att leda, styra och förbättra Mjölby kommuns verksamheter.

Mjölby kommun har en mängd styrdokument som hör ihop med kommunens ledningssystem. I Mjölby
kommun delas styrdokumenten in i två kategorier. VAD-dokument: politiska dokument där några är
lagstyrda medan andra är viljeinriktade. HUR-dokument: styrdokument som beslutas av
verksamheten och beskriver hur vi ska nå de politiskt beslutade målen.
"""

DOCUMENTS: list[Doc] = [
    Doc(
        "ledningssystem",
        C.PLAN,
        "Mjölby kommuns ledningssystem",
        "segrell",
        "Ramverket för styrningen av Mjölby kommun i riktning mot visionen: organisation och "
        "samspel, styrmodellen den röda tråden med mål- och resultatkedjan och årshjulet, "
        "gemensamma arbetssätt, internkontroll och ekonomistyrning.",
        ("kf", "2018-12-18", "194", "2018:327"),
        unit="ksf",
        valid_from="2019-01-01",
        review_in_months=4,
        governs=[("body", "kf"), ("body", "ks")],
    ),
    Doc(
        "reglemente_ks",
        C.REGULATION,
        "Reglemente för kommunstyrelsen",
        "ks_sekreterare",
        "Kommunstyrelsens uppgifter, ansvar och arbetsformer: ledning och samordning, "
        "uppsikt över nämnder och bolag, arbetsgivar- och pensionsmyndighet.",
        ("kf", "2022-12-13", "231", "KS 2022:488"),
        valid_from="2023-01-01",
        review_in_months=25,
        governs=[("body", "ks")],
    ),
    Doc(
        "reglemente_osn",
        C.REGULATION,
        "Reglemente för omsorgs- och socialnämnden",
        "forvaltningschef",
        "Nämndens ansvar för äldreomsorg, individ- och familjeomsorg och funktionsstöd, och "
        "socialutskottets delegation i individärenden.",
        ("kf", "2022-12-13", "232", "KS 2022:489"),
        valid_from="2023-01-01",
        review_in_months=25,
        governs=[("body", "osn")],
    ),
    Doc(
        "reglemente_un",
        C.REGULATION,
        "Reglemente för utbildningsnämnden",
        "uf_chef",
        "Nämndens ansvar för förskola, grundskola, gymnasieskola och vuxenutbildning.",
        ("kf", "2022-12-13", "233", "KS 2022:490"),
        valid_from="2023-01-01",
        review_in_months=25,
        governs=[("body", "un")],
    ),
    Doc(
        "delegation_ks",
        C.DELEGATION,
        "Delegationsordning för kommunstyrelsen",
        "ks_sekreterare",
        "Vilka beslut kommunstyrelsen delegerar till utskott, ordförande och tjänstepersoner, "
        "och hur delegationsbesluten återrapporteras.",
        ("ks", "2023-02-07", "18", "KS 2023:41"),
        valid_from="2023-03-01",
        review_in_months=15,
        governs=[("body", "ks")],
    ),
    Doc(
        "delegation_osn",
        C.DELEGATION,
        "Delegationsordning för omsorgs- och socialnämnden",
        "forvaltningschef",
        "Delegation av beslut enligt socialtjänstlagen, LSS och hälso- och sjukvårdslagen.",
        ("osn", "2023-01-25", "4", "OSN 2023:9"),
        valid_from="2023-02-01",
        review_in_months=14,
        governs=[("body", "osn"), ("body", "osnsu")],
    ),
    Doc(
        "agardirektiv_fami",
        C.OWNER_DIRECTIVE,
        "Ägardirektiv för Fastighets AB Mjölby (FAMI)",
        "segrell",
        "Kommunens krav på bolaget: ändamål, ekonomiska mål, rapportering till "
        "kommunstyrelsen och frågor som ska underställas kommunfullmäktige.",
        ("kf", "2023-04-25", "61", "KS 2023:112"),
        valid_from="2023-05-01",
        review_in_months=18,
        governs=[("body", "fami")],
    ),
    Doc(
        "reglemente_ik",
        C.REGULATION,
        "Reglemente för intern kontroll",
        "ekonomichef",
        "Nämndernas ansvar för tillräcklig intern kontroll: riskbedömning, "
        "internkontrollplan senast i januari, rapportering till nämnden och till "
        "kommunstyrelsen.",
        ("kf", "2019-10-22", "143", "KS 2019:287"),
        valid_from="2020-01-01",
        review_in_months=-1,
    ),
    Doc(
        "finanspolicy_2016",
        C.POLICY,
        "Finanspolicy",
        "ekonomichef",
        "Regler för kommunens finansverksamhet: upplåning, placeringar och riskhantering.",
        ("kf", "2016-09-27", "112", "KS 2016:210"),
        valid_from="2016-10-01",
        review_in_months=-30,
    ),
    Doc(
        "finanspolicy",
        C.POLICY,
        "Finanspolicy",
        "ekonomichef",
        "Regler för kommunens och bolagens finansverksamhet: upplåning, placeringar, "
        "borgen, ränte- och likviditetsrisk, med limiter och rapportering.",
        ("kf", "2022-03-29", "41", "KS 2022:77"),
        valid_from="2022-04-01",
        review_in_months=16,
        replaces="finanspolicy_2016",
    ),
    Doc(
        "personalpolicy",
        C.POLICY,
        "Personalpolicy",
        "personalchef",
        "Kommunens förhållningssätt som arbetsgivare: ledarskap, medarbetarskap, "
        "arbetsmiljö, lönebildning och kompetensförsörjning.",
        ("ks", "2020-11-10", "187", "KS 2020:366"),
        valid_from="2021-01-01",
        review_in_months=2,
    ),
    Doc(
        "informationssakerhet",
        C.POLICY,
        "Policy för informationssäkerhet",
        "itchef",
        "Mål och ansvar för informationssäkerheten: konfidentialitet, riktighet och "
        "tillgänglighet i kommunens information och system.",
        ("ks", "2021-05-11", "88", "KS 2021:160"),
        valid_from="2021-06-01",
        review_in_months=6,
    ),
    Doc(
        "kommunikationspolicy",
        C.POLICY,
        "Kommunikationspolicy",
        "bitr_kd",
        "Principer för kommunikation med medborgare, medarbetare och andra aktörer.",
        ("kf", "2017-05-30", "77", "KS 2017:132"),
        valid_from="2017-06-01",
        review_in_months=-6,
        state=S.UNDER_REVISION,
    ),
    Doc(
        "upphandlingspolicy",
        C.POLICY,
        "Upphandlingspolicy",
        "ekonomichef",
        "Hur kommunen upphandlar: affärsmässighet, hållbarhet och lokala företags "
        "möjligheter att delta.",
        ("kf", "2023-09-26", "124", "KS 2023:270"),
        valid_from="2023-10-01",
        review_in_months=22,
    ),
    Doc(
        "riktlinje_synpunkter",
        C.GUIDELINE,
        "Riktlinjer för synpunktshantering",
        "bitr_kd",
        "Hur synpunkter och felanmälningar tas emot, besvaras inom utsatt tid och används "
        "för att förbättra verksamheten.",
        ("ks", "2019-03-12", "45", "KS 2019:71"),
        valid_from="2019-04-01",
        review_in_months=1,
    ),
    Doc(
        "riktlinje_ekonomisk_hushallning",
        C.GUIDELINE,
        "Riktlinjer för god ekonomisk hushållning och resultatutjämningsreserv",
        "ekonomichef",
        "Finansiella mål, hur balanskravsresultatet beräknas och när resultatutjämnings"
        "reserven får disponeras.",
        ("kf", "2021-11-23", "166", "KS 2021:342"),
        valid_from="2022-01-01",
        review_in_months=13,
    ),
    Doc(
        "riktlinje_investeringar",
        C.GUIDELINE,
        "Riktlinjer för investeringar",
        "ekonomichef",
        "Investeringsprocessen från behov till slutredovisning, med beslutspunkter enligt "
        "projektmodellen och gränsen för vad som räknas som investering.",
        ("ks", "2022-05-10", "91", "KS 2022:140"),
        valid_from="2022-06-01",
        review_in_months=19,
    ),
    Doc(
        "program_privata_utforare",
        C.PROGRAMME,
        "Program för uppföljning och insyn av privata utförare",
        "bitr_kd",
        "Mål och riktlinjer för verksamhet som utförs av privata utförare och hur den följs "
        "upp, enligt kommunallagen.",
        ("kf", "2023-01-31", "9", "KS 2022:501"),
        valid_from="2023-02-01",
        review_in_months=9,
    ),
    Doc(
        "oversiktsplan",
        C.PLAN,
        "Översiktsplan för Mjölby kommun",
        "bk_chef",
        "Den långsiktiga användningen av mark och vatten och hur den byggda miljön ska "
        "utvecklas och bevaras.",
        ("kf", "2021-06-15", "98", "BN 2017:55"),
        valid_from="2021-07-01",
        review_in_months=30,
    ),
    Doc(
        "bostadsforsorjning",
        C.PROGRAMME,
        "Riktlinjer för bostadsförsörjning",
        "stf_chef",
        "Mål för bostadsbyggandet och planerade insatser för att nå dem.",
        ("kf", "2022-09-27", "130", "KS 2022:301"),
        valid_from="2022-10-01",
        review_in_months=20,
    ),
    Doc(
        "miljoprogram",
        C.PROGRAMME,
        "Miljöprogram 2024–2030",
        "mk_chef",
        "Kommunens miljömål för klimat, vatten, natur och hållbar konsumtion.",
        ("kf", "2024-02-27", "22", "MHN 2023:140"),
        valid_from="2024-03-01",
        review_in_months=36,
    ),
    Doc(
        "plan_extraordinara",
        C.PLAN,
        "Plan för hantering av extraordinära händelser",
        "rtj_chef",
        "Krisledningsnämnd, krisledningsorganisation och hur kommunen agerar vid "
        "extraordinära händelser under mandatperioden.",
        ("kf", "2023-11-28", "166", "KS 2023:355"),
        valid_from="2024-01-01",
        review_in_months=11,
    ),
    Doc(
        "riktlinje_sociala_investeringar",
        C.GUIDELINE,
        "Riktlinjer för social investeringsfond",
        "ekonomichef",
        "Syfte, ansökan, beslut och uppföljning av insatser som finansieras ur den sociala "
        "investeringsfonden.",
        ("kf", "2020-03-31", "39", "KS 2020:88"),
        valid_from="2020-04-01",
        review_in_months=17,
    ),
    Doc(
        "arkivreglemente",
        C.REGULATION,
        "Arkivreglemente",
        "ks_sekreterare",
        "Arkivmyndighetens och nämndernas ansvar för arkivvård, gallring och redovisning av "
        "allmänna handlingar.",
        ("kf", "2020-09-29", "117", "KS 2020:250"),
        valid_from="2020-10-01",
        review_in_months=28,
    ),
    Doc(
        "rutin_synpunkter",
        C.ROUTINE,
        "Rutin för handläggning av synpunkter och felanmälningar",
        "handlaggare",
        "Registrering, fördelning, svar inom fem arbetsdagar och återkoppling till den som "
        "lämnat synpunkten.",
        None,
        unit="ksf_kc",
        adopted_on="2024-01-15",
        review_in_months=26,
    ),
    Doc(
        "rutin_avvikelser",
        C.ROUTINE,
        "Rutin för avvikelsehantering i äldreomsorgen",
        "aldre_chef",
        "Hur avvikelser rapporteras, utreds och följs upp, och när lex Sarah och lex Maria "
        "tillämpas.",
        None,
        unit="osf_aldre",
        adopted_on="2022-03-01",
        review_in_months=3,
        governs=[("unit", "osf_aldre")],
    ),
    Doc(
        "instruktion_attest",
        C.INSTRUCTION,
        "Instruktion för attest av leverantörsfakturor",
        "ekonomichef",
        "Beslutsattest och granskningsattest, jäv, och kontroll innan betalning.",
        None,
        unit="ksf_eko",
        adopted_on="2021-09-01",
        review_in_months=-2,
    ),
    Doc(
        "handbok_projektmodell",
        C.HANDBOOK,
        "Handbok för projektmodellen",
        "kvalitetsstrateg",
        "Roller, faser och beslutspunkter från idé till utvärdering av nyttan, med mallar "
        "för projektplan och statusrapport.",
        None,
        unit="ksf_utv",
        adopted_on="2023-08-21",
        review_in_months=21,
    ),
    Doc(
        "instruktion_uppfoljning",
        C.INSTRUCTION,
        "Instruktion för verksamhetsplan och uppföljning",
        "kvalitetsstrateg",
        "Hur förvaltningar och enheter planerar aktiviteter och rapporterar uppföljning per "
        "rapportperiod i Röda tråden.",
        None,
        unit="ksf_utv",
        adopted_on="2025-01-10",
        review_in_months=14,
    ),
    Doc(
        "rutin_hot_vald",
        C.ROUTINE,
        "Rutin vid hot och våld i hemtjänsten",
        "enhetschef",
        "Förebyggande arbete, hur medarbetaren agerar vid hot eller våld och hur händelsen "
        "rapporteras och följs upp.",
        None,
        unit="osf_hemtjanst_norr",
        adopted_on="2023-05-02",
        review_in_months=1,
        governs=[("unit", "osf_hemtjanst_norr")],
    ),
]


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def load(context: DemoContext) -> None:
    municipality = context["municipality"]
    bodies: dict[str, Body] = context["bodies"]
    units: dict[str, Unit] = context["units"]
    people: dict[str, Person] = context["people"]
    anchor = timezone.localdate().replace(day=1)
    documents: dict[str, GoverningDocument] = {}
    # Predecessors first, so a successor can name what it replaces.
    for doc in sorted(DOCUMENTS, key=lambda d: d.replaces is not None):
        decision = _decision(context, bodies, doc)
        valid_from = _date(doc.valid_from) if doc.valid_from else None
        if valid_from is None:
            valid_from = decision.date if decision else _date(doc.adopted_on or "2020-01-01")
        review_by = _add_months(anchor, doc.review_in_months)
        if review_by <= valid_from:
            review_by = _add_months(valid_from, 12)
        values: dict[str, Any] = {
            "category": doc.category,
            "summary": doc.summary,
            "decision": decision,
            "unit": units[doc.unit] if doc.unit else None,
            "adopted_on": _date(doc.adopted_on) if doc.adopted_on else None,
            "owner": people[doc.owner],
            "valid_from": valid_from,
            "review_by": review_by,
            "replaces": documents[doc.replaces] if doc.replaces else None,
            "is_illustrative": doc.key != "ledningssystem",
        }
        if doc.state != S.IN_FORCE:
            values["state"] = doc.state
        if decision is not None:
            values["adopted_on"] = decision.date
            lookup = {"municipality": municipality, "decision": values.pop("decision")}
            values["title"] = doc.title
        else:
            lookup = {"municipality": municipality, "title": doc.title}
        document = upsert(GoverningDocument, lookup, **values)
        documents[doc.key] = document
        for kind, key in doc.governs:
            target = bodies[key] if kind == "body" else units[key]
            upsert(
                DocumentLink,
                {
                    "document": document,
                    "content_type": _content_type(target),
                    "object_id": target.pk,
                },
            )
    _files(documents)
    context["documents"] = documents


def _decision(context: DemoContext, bodies: dict[str, Body], doc: Doc) -> Decision | None:
    if doc.decision is None:
        return None
    body_key, date, paragraph, case_number = doc.decision
    if doc.key == "ledningssystem":
        decision: Decision = context["decision_ledningssystem"]
        return decision
    return upsert(
        Decision,
        {"body": bodies[body_key], "date": _date(date), "paragraph": paragraph},
        case_number=case_number,
        title=f"Antagande av {doc.title[0].lower()}{doc.title[1:]}",
        is_illustrative=True,
    )


def _content_type(obj: Any) -> Any:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj)


def _files(documents: dict[str, GoverningDocument]) -> None:
    """A file for a few documents; the finance policy in two versions."""
    files = [
        ("ledningssystem", 1, "mjolby-ledningssystem.txt", LEDNINGSSYSTEM_TEXT, ""),
        (
            "finanspolicy",
            1,
            "finanspolicy-2022.txt",
            "Finanspolicy för Mjölby kommun (exempel)\n\nUpplåning, placeringar, borgen, "
            "ränterisk och likviditetsrisk.\n",
            "Antagen av kommunfullmäktige",
        ),
        (
            "finanspolicy",
            2,
            "finanspolicy-2022-rev1.txt",
            "Finanspolicy för Mjölby kommun (exempel)\n\nUpplåning, placeringar, borgen, "
            "ränterisk och likviditetsrisk. Limiten för räntebindning är förtydligad.\n",
            "Redaktionell ändring: förtydligad limit för räntebindning",
        ),
        (
            "rutin_hot_vald",
            1,
            "rutin-hot-och-vald.txt",
            "Rutin vid hot och våld i hemtjänsten (exempel)\n\nLarma, lämna platsen, "
            "rapportera till enhetschefen samma dag.\n",
            "",
        ),
    ]
    for key, number, name, text, comment in files:
        document = documents[key]
        if DocumentFile.objects.filter(document=document, number=number).exists():
            continue
        upload = ContentFile(text.encode("utf-8"), name=name)
        DocumentFile.objects.add(document, upload, comment=comment)
