"""Mjölby's synpunkter och felanmälan for the demo: categories and about 500 cases.

The categories are the ones the issue names; which unit answers each, the texts and
every case are invented for the demo (``is_illustrative``). The cases spread over the
two years before the day the demo is loaded and cover every state; those closed more
than the retention time ago have already lost their personal data, as gallring does.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from redthread.core.demo_tools import DemoContext, set_m2m, upsert
from redthread.feedback.erasure import PERSONAL_FIELDS, rule_text
from redthread.feedback.models import (
    Answer,
    AnswerTemplate,
    Category,
    ErasureRecord,
    Note,
    Open311Key,
    ServiceRequest,
)
from redthread.feedback.models.case import (
    CLOSED_STATES,
    REFERENCE_ALPHABET,
    Channel,
    Kind,
    State,
    retention_cutoff,
)
from redthread.feedback.workdays import add_working_days, working_days_between

CASES = 500
# code, name, description, group, unit key, response days, open311 type
CATEGORIES = [
    (
        "gatubelysning",
        "Gatubelysning",
        "Trasiga eller släckta gatlampor.",
        "Gata och park",
        "stf_gata",
        5,
        "realtime",
    ),
    (
        "gator-och-vagar",
        "Gator och vägar",
        "Hål i vägen, skyltar, snöröjning och halka.",
        "Gata och park",
        "stf_gata",
        5,
        "realtime",
    ),
    (
        "parker",
        "Parker",
        "Lekplatser, grönytor, parkbänkar och papperskorgar.",
        "Gata och park",
        "stf_gata",
        5,
        "realtime",
    ),
    (
        "avfall",
        "Avfall",
        "Sophämtning, återvinningsstationer och nedskräpning.",
        "Miljö och avfall",
        "stf",
        5,
        "realtime",
    ),
    (
        "vatten-och-avlopp",
        "Vatten och avlopp",
        "Vattenläckor, dricksvatten och avlopp.",
        "Miljö och avfall",
        "stf",
        3,
        "realtime",
    ),
    ("skola", "Skola", "Förskola, grundskola och gymnasium.", "Utbildning", "uf", 10, "realtime"),
    ("omsorg", "Omsorg", "Hemtjänst, särskilt boende och stöd.", "Omsorg", "osf", 10, "realtime"),
    (
        "ovrigt",
        "Övrigt",
        "Allt annat. Kontaktcenter ser till att rätt enhet svarar.",
        "Övrigt",
        "ksf_kc",
        5,
        "batch",
    ),
]
WEIGHTS = [22, 20, 12, 12, 8, 9, 9, 8]

PLACES = [
    (
        "Mjölby",
        58.3245,
        15.1310,
        [
            "Storgatan",
            "Burensköldsvägen",
            "Kungsvägen",
            "Vasagatan",
            "Östra Ringvägen",
            "Hagagatan",
            "Lundagatan",
        ],
    ),
    ("Mantorp", 58.3500, 15.2830, ["Vallabyvägen", "Storgatan", "Skolgatan", "Sörgårdsvägen"]),
    ("Skänninge", 58.3950, 15.0860, ["Vadstenavägen", "Kungsgatan", "Järnvägsgatan"]),
    ("Väderstad", 58.3160, 14.9220, ["Bygatan", "Kyrkvägen"]),
]

TEXTS = {
    "gatubelysning": [
        "Gatlampan utanför huset är släckt sedan flera kvällar.",
        "Belysningen på gångvägen blinkar hela natten.",
        "Två lampor i rad lyser inte, det är mörkt vid övergångsstället.",
    ],
    "gator-och-vagar": [
        "Stort hål i asfalten vid busshållplatsen.",
        "Vägskylten har blåst omkull.",
        "Det är mycket halt på trottoaren och ingen sandning.",
    ],
    "parker": [
        "Gungan på lekplatsen är trasig.",
        "Papperskorgen i parken är överfull.",
        "Parkbänken har en lös planka.",
    ],
    "avfall": [
        "Soporna hämtades inte i veckan.",
        "Återvinningsstationen är full och det ligger kartonger på marken.",
        "Nedskräpning längs ån.",
    ],
    "vatten-och-avlopp": [
        "Det läcker vatten ur en brunn i gatan.",
        "Dricksvattnet luktar konstigt sedan i morse.",
        "Avloppet luktar vid pumpstationen.",
    ],
    "skola": [
        "Bra bemötande av personalen på skolan, tack!",
        "Skolskjutsen kommer ofta sent.",
        "Förslag: fler cykelställ vid skolan.",
    ],
    "omsorg": [
        "Hemtjänsten kommer på olika tider varje dag.",
        "Tack till personalen på boendet för fin omsorg.",
        "Maten på boendet är ofta kall.",
    ],
    "ovrigt": [
        "Hur ansöker man om att ordna en marknad på torget?",
        "Förslag: utegym i Mantorp.",
        "Hemsidan är svår att hitta i.",
    ],
}
KINDS_STREET = [
    (Kind.FAULT, 80),
    (Kind.OPINION, 8),
    (Kind.COMPLAINT, 6),
    (Kind.SUGGESTION, 4),
    (Kind.PRAISE, 2),
]
KINDS_SERVICE = [(Kind.OPINION, 30), (Kind.COMPLAINT, 30), (Kind.PRAISE, 20), (Kind.SUGGESTION, 20)]
STREET = {"gatubelysning", "gator-och-vagar", "parker", "avfall", "vatten-och-avlopp"}

TEMPLATES = [
    (
        "Tack för din felanmälan",
        "Ditt ärende {referens}",
        "Hej {namn}!\n\nTack för att du hörde av dig om {kategori}. Vi har tagit emot felanmälan och åtgärdar felet så snart vi kan.\n\nVänliga hälsningar\nMjölby kommun",
    ),
    (
        "Felet är åtgärdat",
        "Ditt ärende {referens} är åtgärdat",
        "Hej {namn}!\n\nFelet du anmälde är nu åtgärdat. Tack för hjälpen!\n\nVänliga hälsningar\nMjölby kommun",
    ),
    (
        "Ej kommunens ansvar",
        "Ditt ärende {referens}",
        "Hej {namn}!\n\nDet du skriver om är inte kommunens ansvar. Vänd dig till Trafikverket eller fastighetsägaren.\n\nVänliga hälsningar\nMjölby kommun",
    ),
    (
        "Tack för ditt beröm",
        "Tack för ditt beröm",
        "Hej {namn}!\n\nTack för dina vänliga ord! Vi har skickat dem vidare till personalen.\n\nVänliga hälsningar\nMjölby kommun",
    ),
]
FIRST = ["Sven", "Karin", "Ahmed", "Maja", "Lars", "Eva", "Nils", "Fatima", "Olle", "Sara"]
LAST = ["Andersson", "Berg", "Karlsson", "Lind", "Nilsson", "Persson", "Ali", "Johansson"]


def load(context: DemoContext) -> None:
    municipality = context["municipality"]
    units = context["units"]
    people = context["people"]
    categories: dict[str, Category] = {}
    for order, (code, name, description, group, unit, days, kind) in enumerate(CATEGORIES, 1):
        category = upsert(
            Category,
            {"code": code},
            municipality=municipality,
            name=name,
            description=description,
            group=group,
            keywords=name.lower(),
            unit=units[unit],
            response_days=days,
            open311_type=kind,
            order=order,
        )
        set_m2m(category, "handlers", [people["handlaggare"]])
        categories[code] = category
    for name, subject, body in TEMPLATES:
        upsert(AnswerTemplate, {"name": name}, subject=subject, body=body, is_active=True)
    key = Open311Key.objects.filter(name="Demonyckel").first() or Open311Key(name="Demonyckel")
    if key.key_hash != Open311Key.digest("demo-open311"):
        key.set_key("demo-open311")
        key.is_demo = True
        key.contact = "Demoläge"
        key.save()
    _cases(context, municipality, categories)


def _pick(rng: random.Random, weighted: list[tuple[Any, int]]) -> Any:
    return rng.choices([v for v, _w in weighted], [w for _v, w in weighted])[0]


def _cases(context: DemoContext, municipality: Any, categories: dict[str, Category]) -> None:
    rng = random.Random(586)  # noqa: S311  (repeatable demo data, not security)
    now = timezone.localtime().replace(hour=16, minute=0, second=0, microsecond=0)
    cutoff = retention_cutoff(timezone.now())
    handler = context["people"]["handlaggare"]
    staff = context["people"]["gata_chef"]
    codes = [c[0] for c in CATEGORIES]
    made = 0
    for index in range(CASES):
        code = rng.choices(codes, WEIGHTS)[0]
        category = categories[code]
        recent = rng.random() < 0.12
        age_days = rng.randint(0, 20) if recent else int(rng.triangular(0, 730, 60))
        received = now - dt.timedelta(days=age_days, minutes=rng.randint(0, 9 * 60))
        local_day = timezone.localtime(received).date()
        reference = f"{local_day.year}-" + "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(6))
        kind = _pick(rng, KINDS_STREET if code in STREET else KINDS_SERVICE)
        place, lat, lon, streets = rng.choice(PLACES)
        located = kind == Kind.FAULT or rng.random() < 0.2
        wants = rng.random() < 0.45
        values: dict[str, Any] = {
            "municipality": municipality,
            "kind": kind,
            "category": category,
            "unit": category.unit,
            "description": rng.choice(TEXTS[code]),
            "publish_description": code in STREET and rng.random() < 0.5,
            "address": f"{rng.choice(streets)} {rng.randint(1, 60)}, {place}" if located else "",
            "latitude": Decimal(str(round(lat + rng.uniform(-0.01, 0.01), 6))) if located else None,
            "longitude": Decimal(str(round(lon + rng.uniform(-0.015, 0.015), 6)))
            if located
            else None,
            "channel": _pick(
                rng,
                [
                    (Channel.WEB, 60),
                    (Channel.OPEN311, 15),
                    (Channel.PHONE, 15),
                    (Channel.EMAIL, 5),
                    (Channel.VISIT, 5),
                ],
            ),
            "wants_answer": wants,
            "contact_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}" if wants else "",
            "contact_email": f"invanare{index}@example.se" if wants else "",
            "contact_phone": "",
            "consent_at": received if wants else None,
            "received_at": received,
            "is_illustrative": True,
        }
        values.update(_handling(rng, received, category, age_days, handler, staff))
        if values["state"] in CLOSED_STATES and values["closed_at"] <= cutoff:
            values.update(PERSONAL_FIELDS, consent_at=None, publish_description=False)
            values["erased_at"] = values["closed_at"] + dt.timedelta(days=92)
        case = upsert(ServiceRequest, {"reference": reference}, **values)
        made += 1
        if case.erased_at:
            upsert(
                ErasureRecord,
                {"service_request": case},
                reference=case.reference,
                erased_at=case.erased_at,
                rule=rule_text(),
                fields="contact_name, contact_email, description" if wants else "description",
            )
        elif case.responded_at and wants:
            upsert(
                Answer,
                {"service_request": case, "channel": Answer.Channel.EMAIL},
                sent_at=case.responded_at,
                recipient=case.contact_email,
                subject=f"Ditt ärende {case.reference}",
                body="Hej!\n\nTack för att du hörde av dig. Vi har tagit hand om ärendet.\n\nVänliga hälsningar\nMjölby kommun",
            )
        if not case.erased_at and case.state == State.IN_PROGRESS:
            upsert(
                Note,
                {"service_request": case, "text": "Beställt åtgärd av driftentreprenören."},
                created_at=received + dt.timedelta(days=1),
            )
    context.log.append(f"Synpunkter och felanmälan: {len(categories)} kategorier, {made} ärenden.")
    # The goal chain's indicator "answered within 5 working days" is computed from these cases.
    from redthread.goals.computed import compute_actuals

    computed = compute_actuals(municipality, timezone.localdate().year)
    context.log.append(
        f"  beräknade utfall: {computed.written} skrivna, {computed.unchanged} oförändrade"
    )


def _handling(
    rng: random.Random,
    received: dt.datetime,
    category: Category,
    age_days: int,
    handler: Any,
    staff: Any,
) -> dict[str, Any]:
    """A plausible handling for a case of this age: recent ones open, older ones closed."""
    day = timezone.localtime(received).date()
    today = timezone.localdate()
    values: dict[str, Any] = {
        "state": State.NEW,
        "assigned_to": None,
        "responded_at": None,
        "response_days": None,
        "closed_at": None,
        "handling_days": None,
        "status_note": "",
        "due_on": add_working_days(day, category.response_days),
    }
    if age_days < 3:
        state = _pick(rng, [(State.NEW, 60), (State.ASSIGNED, 30), (State.IN_PROGRESS, 10)])
    elif age_days < 30:
        state = _pick(
            rng,
            [
                (State.NEW, 8),
                (State.ASSIGNED, 12),
                (State.IN_PROGRESS, 30),
                (State.RESOLVED, 30),
                (State.CLOSED, 15),
                (State.NOT_MUNICIPAL, 5),
            ],
        )
    else:
        state = _pick(
            rng,
            [
                (State.IN_PROGRESS, 2),
                (State.RESOLVED, 25),
                (State.CLOSED, 60),
                (State.NOT_MUNICIPAL, 7),
                (State.DUPLICATE, 6),
            ],
        )
    values["state"] = state
    if state != State.NEW:
        values["assigned_to"] = (
            rng.choice([handler, staff]) if category.unit.name == "Gata och park" else handler
        )
    response_in = max(0, int(rng.gauss(category.response_days * 0.7, category.response_days * 0.6)))
    answer_day = add_working_days(day, response_in)
    if state in (State.IN_PROGRESS, *CLOSED_STATES) and answer_day <= today:
        moment = timezone.make_aware(dt.datetime.combine(answer_day, dt.time(10, 30)))
        values["responded_at"] = moment
        values["response_days"] = working_days_between(day, answer_day)
    if state in CLOSED_STATES:
        close_day = min(add_working_days(answer_day, rng.randint(0, 10)), today)
        values["closed_at"] = timezone.make_aware(dt.datetime.combine(close_day, dt.time(14, 0)))
        values["handling_days"] = working_days_between(day, close_day)
        if values["responded_at"] is None:
            values["responded_at"] = values["closed_at"]
            values["response_days"] = values["handling_days"]
        values["status_note"] = {
            State.RESOLVED: "Åtgärdat.",
            State.CLOSED: "Ärendet är avslutat.",
            State.NOT_MUNICIPAL: "Det här är inte kommunens ansvar. Vi har hänvisat vidare.",
            State.DUPLICATE: "Samma fel var redan anmält.",
        }[state]
    return values
