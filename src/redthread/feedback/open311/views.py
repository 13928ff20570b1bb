"""Open311 GeoReport v2 at /open311/v2/: discovery, services, requests and tokens.

Follows the GeoReport v2 specification: XML and JSON, lists as bare JSON arrays, W3C
datetimes with a zone, errors as ``<errors>`` or a JSON array, 404 for what does not
exist, 403 for a missing or wrong ``api_key`` and 400 for any other bad request (429
when a key posts more than its limit). ``jurisdiction_id`` is optional; when given it
must be this municipality's (its web domain, e.g. ``mjolby.se``, or its kommunkod).

What is public: the category, state, dates, place and the municipality's own status
note; a description only where a handläggare marked it free of personal data. Contact
details and photos are never in the API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from redthread.feedback import intake
from redthread.feedback.models import Category, Open311Key, ServiceRequest
from redthread.feedback.models.case import (
    CLOSED_STATES,
    MAX_DESCRIPTION,
    OPEN_STATES,
    Channel,
    Kind,
)
from redthread.feedback.open311.render import FORMATS, Items, errors, respond, w3c
from redthread.feedback.throttle import allow
from redthread.organisation.models import Municipality

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
MAX_SPAN = dt.timedelta(days=90)
MAX_RESULTS = 1000
View = Callable[..., HttpResponse]


def jurisdiction_ids(municipality: Municipality) -> set[str]:
    ids = {municipality.code}
    host = urlsplit(municipality.website).hostname or ""
    if host:
        ids |= {host, host.removeprefix("www.")}
    return ids


def open311(methods: tuple[str, ...] = ("GET",)) -> Callable[[View], View]:
    """Checks the format, the method and the jurisdiction before the view runs."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
            if fmt not in FORMATS:
                return errors("xml", 400, _("Formatet måste vara xml eller json."))
            if request.method not in methods:
                return errors(
                    fmt, 400, _("Metoden %(method)s stöds inte här.") % {"method": request.method}
                )
            municipality = Municipality.objects.current()
            params = request.POST if request.method == "POST" else request.GET
            jurisdiction = params.get("jurisdiction_id", "").strip()
            if jurisdiction and jurisdiction not in jurisdiction_ids(municipality):
                return errors(
                    fmt,
                    404,
                    _("jurisdiction_id %(id)s finns inte här. Använd %(ours)s.")
                    % {"id": jurisdiction, "ours": sorted(jurisdiction_ids(municipality))[-1]},
                )
            request.municipality = municipality  # type: ignore[attr-defined]
            return view(request, *args, fmt=fmt, **kwargs)

        return wrapper

    return decorator


@open311()
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    municipality: Municipality = request.municipality  # type: ignore[attr-defined]
    changed = (
        Category.history.order_by("-history_date").values_list("history_date", flat=True).first()
    )
    changeset = w3c(changed) if changed else "1"
    contact = _("Frågor om API:t: %(site)s") % {"site": municipality.website or municipality.name}
    key_service = _(
        "API-nyckel för att skicka ärenden får du av kommunen: %(site)s. Din app ansvarar för "
        "att den som skriver samtycker till att kommunen sparar kontaktuppgifterna."
    ) % {"site": municipality.website or municipality.name}
    endpoint = {
        "specification": SPECIFICATION,
        "url": request.build_absolute_uri(reverse("open311:root")).rstrip("/"),
        "changeset": changeset,
        "type": "test" if settings.DEMO_MODE else "production",
        "formats": Items("format", ["text/xml", "application/json"]),
    }
    return respond(
        fmt,
        "discovery",
        {
            "changeset": changeset,
            "contact": contact,
            "key_service": key_service,
            "endpoints": Items("endpoint", [endpoint]),
        },
    )


def _service(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": True,
        "type": category.open311_type,
        "keywords": category.keywords,
        "group": category.group,
    }


@open311()
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    categories = Category.objects.active()
    return respond(fmt, "services", Items("service", [_service(c) for c in categories]))


KIND_ATTRIBUTE = "kind"


def _definition(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "attributes": Items(
            "attribute",
            [
                {
                    "variable": True,
                    "code": KIND_ATTRIBUTE,
                    "datatype": "singlevaluelist",
                    "required": False,
                    "datatype_description": _("Vad ärendet är. Utan värde: felanmälan."),
                    "order": 1,
                    "description": _("Typ av ärende"),
                    "values": Items(
                        "value",
                        [{"key": value, "name": str(label)} for value, label in Kind.choices],
                    ),
                }
            ],
        ),
    }


@open311()
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    category = Category.objects.active().filter(code=code).first()
    if category is None:
        return errors(fmt, 404, _("service_code %(code)s finns inte.") % {"code": code})
    return respond(fmt, "service_definition", _definition(category))


def _notice(days: int) -> str:
    return _("Vi svarar inom %(days)s arbetsdagar.") % {"days": days}


REQUEST_FIELDS = (
    "reference",
    "state",
    "status_note",
    "category__name",
    "category__code",
    "category__response_days",
    "unit__name",
    "description",
    "publish_description",
    "erased_at",
    "received_at",
    "updated_at",
    "closed_at",
    "due_on",
    "address",
    "latitude",
    "longitude",
    "media_url",
)


def _requests(cases: Any) -> Items:
    """The cases as Open311 requests, read as plain values (no model objects: lists are long)."""
    zone = timezone.get_current_timezone()
    notices: dict[int, str] = {}

    def when(moment: dt.datetime | None) -> str | None:
        return moment.astimezone(zone).isoformat(timespec="seconds") if moment else None

    items = []
    for row in cases.values(*REQUEST_FIELDS):
        days = row["category__response_days"]
        if days not in notices:
            notices[days] = _notice(days)
        is_open = row["state"] in OPEN_STATES
        public = row["publish_description"] and not row["erased_at"]
        items.append(
            {
                "service_request_id": row["reference"],
                "status": "open" if is_open else "closed",
                "status_notes": row["status_note"] or None,
                "service_name": row["category__name"],
                "service_code": row["category__code"],
                "description": (row["description"] or None) if public else None,
                "agency_responsible": row["unit__name"],
                "service_notice": notices[days],
                "requested_datetime": when(row["received_at"]),
                "updated_datetime": when(
                    row["closed_at"] if not is_open and row["closed_at"] else row["updated_at"]
                ),
                "expected_datetime": dt.datetime.combine(
                    row["due_on"], dt.time(23, 59, 59), tzinfo=zone
                ).isoformat(),
                "address": row["address"] or None,
                "address_id": None,
                "zipcode": None,
                "lat": row["latitude"],
                "long": row["longitude"],
                "media_url": row["media_url"] or None,
            }
        )
    return Items("request", items)


def _when(text: str) -> dt.datetime:
    """A W3C datetime; without a zone it is read as local time."""
    value = dt.datetime.fromisoformat(text.strip().replace(" ", "+"))
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


@csrf_exempt
@open311(methods=("GET", "POST"))
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    cases = ServiceRequest.objects.all()
    ids = _list(request.GET.get("service_request_id", ""))
    if ids:
        cases = cases.filter(reference__in=[i.upper() for i in ids])
        return respond(fmt, "service_requests", _requests(cases))
    try:
        start = _when(request.GET["start_date"]) if request.GET.get("start_date") else None
        end = _when(request.GET["end_date"]) if request.GET.get("end_date") else None
    except ValueError:
        return errors(
            fmt, 400, _("start_date och end_date skrivs som 2026-01-01T00:00:00Z (W3C-format).")
        )
    now = timezone.now()
    if start is None and end is None:
        start, end = now - MAX_SPAN, now
    elif start is None:
        assert end is not None
        start = end - MAX_SPAN
    elif end is None:
        end = start + MAX_SPAN
    if end < start:
        return errors(fmt, 400, _("end_date ligger före start_date."))
    if end - start > MAX_SPAN:
        return errors(
            fmt, 400, _("Intervallet mellan start_date och end_date får vara högst 90 dagar.")
        )
    cases = cases.filter(received_at__gte=start, received_at__lte=end)
    statuses = _list(request.GET.get("status", ""))
    if any(s not in ("open", "closed") for s in statuses):
        return errors(fmt, 400, _("status kan vara open eller closed."))
    if statuses and set(statuses) != {"open", "closed"}:
        cases = cases.filter(state__in=OPEN_STATES if statuses[0] == "open" else CLOSED_STATES)
    codes = _list(request.GET.get("service_code", ""))
    if codes:
        cases = cases.filter(category__code__in=codes)
    cases = cases.order_by("-received_at")[:MAX_RESULTS]
    return respond(fmt, "service_requests", _requests(cases))


@open311()
def request_detail(request: HttpRequest, service_request_id: str, fmt: str) -> HttpResponse:
    found = _requests(ServiceRequest.objects.filter(reference=service_request_id.upper()))
    if not found.values:
        return errors(
            fmt, 404, _("service_request_id %(id)s finns inte.") % {"id": service_request_id}
        )
    return respond(fmt, "service_requests", found)


@open311()
def token(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    case = ServiceRequest.objects.filter(token=token).only("reference", "token").first()
    if case is None:
        return errors(fmt, 404, _("token %(token)s finns inte.") % {"token": token})
    return respond(
        fmt,
        "service_requests",
        Items("request", [{"service_request_id": case.reference, "token": case.token}]),
    )


def _decimal(text: str, low: int, high: int) -> Decimal:
    value = Decimal(text.strip())
    if not (low <= value <= high):
        raise InvalidOperation
    return value.quantize(Decimal("0.000001"))


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    key = Open311Key.objects.for_key(data.get("api_key", "")) if data.get("api_key") else None
    if key is None or (key.is_demo and not settings.DEMO_MODE):
        return errors(fmt, 403, _("api_key saknas eller är ogiltig. Begär en nyckel av kommunen."))
    if not allow("open311", f"key:{key.pk}", _limit()):
        response = errors(fmt, 429, _("För många ärenden på kort tid. Försök igen om en stund."))
        response["Retry-After"] = "3600"
        return response
    code = data.get("service_code", "").strip()
    if not code:
        return errors(fmt, 400, _("service_code saknas."))
    category = Category.objects.active().filter(code=code).first()
    if category is None:
        return errors(fmt, 404, _("service_code %(code)s finns inte.") % {"code": code})
    problems: list[str] = []
    values: dict[str, Any] = {"category": category, "kind": Kind.FAULT}
    lat, lon = data.get("lat", "").strip(), data.get("long", "").strip()
    if lat or lon:
        try:
            values["latitude"] = _decimal(lat, -90, 90)
            values["longitude"] = _decimal(lon, -180, 180)
        except (InvalidOperation, ValueError):
            problems.append(_("lat och long måste båda anges som decimaltal i WGS84."))
    address = (data.get("address_string", "") or data.get("address_id", "")).strip()
    values["address"] = address[:200]
    if not (lat or lon or address):
        problems.append(_("Ange platsen: lat och long, address_string eller address_id."))
    description = data.get("description", "")
    if len(description) > MAX_DESCRIPTION:
        problems.append(_("description får vara högst 4 000 tecken."))
    values["description"] = description.strip()
    kind = data.get(f"attribute[{KIND_ATTRIBUTE}]", "").strip()
    if kind:
        if kind not in Kind.values:
            problems.append(
                _("attribute[kind] ska vara en av: %(kinds)s.") % {"kinds": ", ".join(Kind.values)}
            )
        values["kind"] = kind
    email = data.get("email", "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("email är inte en giltig e-postadress."))
    media_url = data.get("media_url", "").strip()
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            problems.append(_("media_url måste vara en http- eller https-adress."))
        values["media_url"] = media_url[:500]
    if problems:
        return errors(fmt, 400, *problems)
    name = " ".join(
        p for p in (data.get("first_name", "").strip(), data.get("last_name", "").strip()) if p
    )
    phone = data.get("phone", "").strip()[:40]
    if email or phone:
        values.update(
            wants_answer=True, contact_name=name[:120], contact_email=email, contact_phone=phone
        )
    case = intake.receive(values=values, channel=Channel.OPEN311, api_key=key)
    Open311Key.objects.filter(pk=key.pk).update(last_used=timezone.now())
    result: dict[str, Any] = (
        {"token": case.token} if case.token else {"service_request_id": case.reference}
    )
    result["service_notice"] = _notice(category.response_days)
    result["account_id"] = None
    return respond(fmt, "service_requests", Items("request", [result]))


def _limit() -> Any:
    from redthread.feedback.throttle import Limit

    return Limit.parse(settings.REDTHREAD_OPEN311_RATE_LIMIT)


def root(request: HttpRequest) -> HttpResponse:
    """The endpoint's root: points to the discovery document."""
    from django.shortcuts import redirect

    return redirect("open311:discovery", fmt="xml")
