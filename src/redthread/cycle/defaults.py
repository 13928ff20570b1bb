"""The default årshjul, step by step from the seed (ledningssystemet 2.2 and 2.5).

This is data, not code: a municipality's kvalitetsstrateg edits the steps in the
årshjul's template, and these only seed a new installation. The keys are stable: other
areas refer to steps by them (the control app to ``internkontrollplan``).

Where the seed names only a month, the deadline is the month's last working day; where
it names a date ("per 30 april"), the rule says how many working days the förvaltningar
have to report after it.
"""

from __future__ import annotations

from typing import Any

from redthread.cycle.schedule import Deliverable as D
from redthread.cycle.schedule import EndRule as E
from redthread.cycle.schedule import Process as P
from redthread.cycle.schedule import Responsible as R

CYCLE_NAME = "Årshjulet för mål- och budgetprocessen"

CYCLE_DEFAULTS: dict[str, Any] = {
    "reminder_days": "14,3",
    "overdue_reminder_days": "1,7",
    "employee_survey_year": 2025,
    "month_report_due_working_day": 8,
}

STEPS: list[dict[str, Any]] = [
    {
        "key": "omvarldsdialog",
        "name": "Omvärldsdialog",
        "process": P.PLANNING,
        "delivers": D.DIALOGUE,
        "responsible": R.EXECUTIVE_BOARD,
        "responsible_note": "Storgrupp: kommunstyrelsen, nämndernas presidier, "
        "förvaltningsledningar och revisionen",
        "description": "Planeringsprocessen startar med en omvärldsdialog inför kommande mål- "
        "och budgetarbete. Underlag till dialogen är gällande omvärldsanalys. Vid mandatskiften "
        "hålls omvärldsdialogen i januari.",
        "start_month": 11,
        "end_month": 11,
        "end_rule": E.LAST_WORKING_DAY,
        "year_offset": -2,
        "mandate_shift_start_month": 1,
        "mandate_shift_end_month": 1,
    },
    {
        "key": "bokslut",
        "name": "Bokslut per 31 december",
        "process": P.FOLLOW_UP,
        "delivers": D.REPORT,
        "responsible": R.ADMINISTRATIONS,
        "description": "Per sista december upprättas ett bokslut. Förvaltningarna rapporterar "
        "ekonomi och verksamhet för helåret.",
        "start_month": 1,
        "end_month": 1,
        "end_rule": E.ON_OR_BEFORE,
        "end_day": 20,
        "year_offset": 1,
        "period_kind": "annual",
        "period_month": 12,
    },
    {
        "key": "internkontrollplan",
        "name": "Nämnderna beslutar internkontrollplan",
        "process": P.INTERNAL_CONTROL,
        "delivers": D.DECISION,
        "responsible": R.COMMITTEES,
        "description": "Nämnderna gör riskbedömningar som ligger till grund för beslut om "
        "internkontrollplaner. Besluten ska fattas senast i januari månad innevarande år.",
        "start_month": 1,
        "end_month": 1,
        "end_rule": E.DAY,
        "end_day": 31,
        "year_offset": 0,
    },
    {
        "key": "arsredovisning",
        "name": "Årsredovisning och bokslut sammanställs",
        "process": P.FOLLOW_UP,
        "delivers": D.REPORT,
        "responsible": R.ECONOMIST,
        "description": "Sammanställning av bokslut och årsredovisning per 31 december "
        "föregående år: kommunmål, nämndernas åtaganden, internkontroll, personal, kvalitet "
        "och hållbar utveckling.",
        "start_month": 1,
        "end_month": 3,
        "end_rule": E.LAST_WORKING_DAY,
        "year_offset": 1,
    },
    {
        "key": "resultatdialog",
        "name": "Resultatdialog mellan kommunstyrelsen och nämnderna",
        "process": P.PLANNING,
        "delivers": D.DIALOGUE,
        "responsible": R.EXECUTIVE_BOARD,
        "responsible_note": "Kommunstyrelsen och nämnderna",
        "description": "Dialog mellan kommunstyrelsen och nämnder om det gångna årets resultat.",
        "start_month": 2,
        "end_month": 2,
        "end_rule": E.LAST_WORKING_DAY,
        "year_offset": 1,
        "waits_for": ["bokslut"],
    },
    {
        "key": "mal_och_resultatdialog",
        "name": "Mål- och resultatdialog",
        "process": P.PLANNING,
        "delivers": D.DIALOGUE,
        "responsible": R.EXECUTIVE_BOARD,
        "responsible_note": "Storgrupp: kommunstyrelsen, nämndernas presidier, "
        "förvaltningsledningar och revisionen",
        "description": "Redovisning av föregående års resultat av ekonomi och verksamhet. "
        "Resultatet är en viktig input till kommande prioriteringsarbete.",
        "start_month": 2,
        "end_month": 3,
        "end_rule": E.LAST_WORKING_DAY,
        "year_offset": 1,
        "waits_for": ["bokslut"],
    },
    {
        "key": "internkontroll_uppfoljning",
        "name": "Internkontrollen rapporteras och utvärderas",
        "process": P.INTERNAL_CONTROL,
        "delivers": D.REPORT,
        "responsible": R.COMMITTEES,
        "description": "Förvaltningen rapporterar resultatet till nämnden, som i sin tur "
        "rapporterar till kommunstyrelsen, andra gången för de gemensamma momenten. "
        "Kommunstyrelsen utvärderar kommunens samlade internkontroll och föreslår förbättringar.",
        "start_month": 2,
        "end_month": 3,
        "end_rule": E.LAST_WORKING_DAY,
        "year_offset": 1,
    },
    {
        "key": "ks_beredning",
        "name": "Kommunstyrelsen bereder mål och budget",
        "process": P.PLANNING,
        "delivers": D.PROPOSAL,
        "responsible": R.EXECUTIVE_BOARD,
        "description": "Mål och budget bereds av kommunstyrelsen i dialog med nämnderna och vid "
        "ett internat. Kommunstyrelsen prioriterar genom förändringar i kommunmål, i driftramar "
        "och genom uppdrag.",
        "start_month": 4,
        "end_month": 4,
        "end_rule": E.LAST_WORKING_DAY,
        "year_offset": -1,
        "waits_for": ["omvarldsdialog"],
    },
    {
        "key": "prognos_april",
        "name": "Bokslutsprognos per 30 april",
        "process": P.FOLLOW_UP,
        "delivers": D.REPORT,
        "responsible": R.ADMINISTRATIONS,
        "description": "Förvaltningarna lämnar prognos för helåret. Prognosen meddelas "
        "kommunfullmäktige.",
        "start_month": 5,
        "end_month": 5,
        "end_rule": E.NTH_WORKING_DAY,
        "end_day": 10,
        "year_offset": 0,
        "period_kind": "forecast",
        "period_month": 4,
    },
    {
        "key": "anvisningar_budget",
        "name": "Anvisningar till nämnderna för åtaganden och driftramar",
        "process": P.PLANNING,
        "delivers": D.INSTRUCTIONS,
        "responsible": R.ECONOMIST,
        "description": "Anvisningar skickas till nämnderna inför arbetet med åtaganden och "
        "driftramar.",
        "start_month": 5,
        "end_month": 5,
        "end_rule": E.LAST_WORKING_DAY,
        "year_offset": -1,
        "waits_for": ["ks_beredning"],
    },
    {
        "key": "kf_juni",
        "name": "Kommunfullmäktige beslutar kommunmål, driftramar och investeringsbudget",
        "process": P.PLANNING,
        "delivers": D.DECISION,
        "responsible": R.COUNCIL,
        "description": "Kommunfullmäktige beslutar om kommunmål, indikatorer och preliminära "
        "målvärden, samt driftramar och investeringsbudget för kommande budgetår.",
        "start_month": 6,
        "end_month": 6,
        "end_rule": E.ON_OR_BEFORE,
        "end_day": 20,
        "year_offset": -1,
        "waits_for": ["ks_beredning"],
    },
    {
        "key": "prognos_augusti",
        "name": "Bokslutsprognos per 31 augusti",
        "process": P.FOLLOW_UP,
        "delivers": D.REPORT,
        "responsible": R.ADMINISTRATIONS,
        "description": "Förvaltningarna lämnar prognos för helåret tillsammans med "
        "delårsrapporten.",
        "start_month": 9,
        "end_month": 9,
        "end_rule": E.ON_OR_BEFORE,
        "end_day": 15,
        "year_offset": 0,
        "period_kind": "forecast",
        "period_month": 8,
    },
    {
        "key": "delarsrapport",
        "name": "Delårsrapport per 31 augusti",
        "process": P.FOLLOW_UP,
        "delivers": D.REPORT,
        "responsible": R.ADMINISTRATIONS,
        "description": "Delårsrapport med uppföljning av ekonomi, kommunmål, nämndernas "
        "åtaganden, personal-, kvalitets- och internkontrollredovisningar.",
        "start_month": 9,
        "end_month": 9,
        "end_rule": E.ON_OR_BEFORE,
        "end_day": 15,
        "year_offset": 0,
        "period_kind": "interim",
        "period_month": 8,
    },
    {
        "key": "namnd_ataganden",
        "name": "Nämnderna redovisar åtaganden och driftramar",
        "process": P.PLANNING,
        "delivers": D.PROPOSAL,
        "responsible": R.COMMITTEES,
        "description": "Nämnderna redovisar beslutade förslag till åtaganden och driftramar "
        "fördelade per verksamhet vid kommunstyrelsens budgetberednings dialog med nämnderna.",
        "start_month": 9,
        "end_month": 10,
        "end_rule": E.LAST_WORKING_DAY,
        "year_offset": -1,
        "waits_for": ["kf_juni", "anvisningar_budget"],
    },
    {
        "key": "internkontroll_gemensamma_delar",
        "name": "Gemensamma kontrollmoment rapporteras till kommunstyrelsen",
        "process": P.INTERNAL_CONTROL,
        "delivers": D.REPORT,
        "responsible": R.COMMITTEES,
        "description": "De gemensamma momenten rapporteras till kommunstyrelsen två gånger per "
        "år; första gången efter delårsrapporten.",
        "start_month": 10,
        "end_month": 10,
        "end_rule": E.LAST_WORKING_DAY,
        "year_offset": 0,
        "waits_for": ["delarsrapport"],
    },
    {
        "key": "kf_delarsrapport",
        "name": "Kommunfullmäktige behandlar delårsrapporten",
        "process": P.FOLLOW_UP,
        "delivers": D.DECISION,
        "responsible": R.COUNCIL,
        "description": "Delårsrapporten når kommunfullmäktige och revisorerna inom två månader "
        "från periodens slut.",
        "start_month": 10,
        "end_month": 10,
        "end_rule": E.LAST_WORKING_DAY,
        "year_offset": 0,
        "waits_for": ["delarsrapport"],
    },
    {
        "key": "anvisningar_arsredovisning",
        "name": "Anvisningar för arbetet med årsredovisningen",
        "process": P.FOLLOW_UP,
        "delivers": D.INSTRUCTIONS,
        "responsible": R.ECONOMIST,
        "description": "Anvisningar skickas till nämnderna för arbetet med årsredovisningen.",
        "start_month": 10,
        "end_month": 11,
        "end_rule": E.LAST_WORKING_DAY,
        "year_offset": 0,
    },
    {
        "key": "enkat",
        "name": "Medarbetarenkät eller medborgarundersökning",
        "process": P.FOLLOW_UP,
        "delivers": D.SURVEY,
        "responsible": R.QUALITY_STRATEGIST,
        "description": "Medarbetarenkät och medborgarundersökning genomförs vartannat år. "
        "Resultaten sammanställs och analyseras för att sedan bidra till förbättringar.",
        "start_month": 10,
        "end_month": 11,
        "end_rule": E.LAST_WORKING_DAY,
        "year_offset": 0,
    },
    {
        "key": "prognos_oktober",
        "name": "Bokslutsprognos per 31 oktober",
        "process": P.FOLLOW_UP,
        "delivers": D.REPORT,
        "responsible": R.ADMINISTRATIONS,
        "description": "Förvaltningarna lämnar prognos för helåret. Prognosen meddelas "
        "kommunfullmäktige.",
        "start_month": 11,
        "end_month": 11,
        "end_rule": E.NTH_WORKING_DAY,
        "end_day": 10,
        "year_offset": 0,
        "period_kind": "forecast",
        "period_month": 10,
    },
    {
        "key": "kf_november",
        "name": "Kommunfullmäktige beslutar mål och budget",
        "process": P.PLANNING,
        "delivers": D.DECISION,
        "responsible": R.COUNCIL,
        "description": "Beslutet innefattar målvärden till kommunmålens indikatorer, skattesats "
        "och nämndernas slutliga driftbudget.",
        "election_year_note": "Valår: mål och budget beslutas av det nyvalda "
        "kommunfullmäktige, som tillträder den 15 oktober.",
        "start_month": 11,
        "end_month": 11,
        "end_rule": E.LAST_WORKING_DAY,
        "year_offset": -1,
        "waits_for": ["namnd_ataganden"],
    },
    {
        "key": "internkontroll_gemensamma",
        "name": "Kommunstyrelsen beslutar gemensamma kontrollmoment för kommande år",
        "process": P.INTERNAL_CONTROL,
        "delivers": D.DECISION,
        "responsible": R.EXECUTIVE_BOARD,
        "description": "Varje år beslutar kommunstyrelsen om två gemensamma moment som ska "
        "kontrolleras kommande år.",
        "start_month": 11,
        "end_month": 12,
        "end_rule": E.ON_OR_BEFORE,
        "end_day": 15,
        "year_offset": -1,
    },
    {
        "key": "detaljbudget",
        "name": "Detaljbudget och verksamhetsplan klara",
        "process": P.PLANNING,
        "delivers": D.PLAN,
        "responsible": R.ADMINISTRATIONS,
        "description": "Alla förvaltningar och enheter är klara med detaljbudget och "
        "verksamhetsplan.",
        "start_month": 12,
        "end_month": 12,
        "end_rule": E.LAST_WORKING_DAY,
        "year_offset": -1,
        "waits_for": ["kf_november"],
    },
]

REQUIRED_KEYS = [
    "omvarldsdialog",
    "arsredovisning",
    "resultatdialog",
    "mal_och_resultatdialog",
    "ks_beredning",
    "anvisningar_budget",
    "kf_juni",
    "namnd_ataganden",
    "kf_november",
    "detaljbudget",
    "prognos_april",
    "prognos_augusti",
    "prognos_oktober",
    "delarsrapport",
    "bokslut",
    "anvisningar_arsredovisning",
    "enkat",
    "internkontrollplan",
    "internkontroll_gemensamma",
]
