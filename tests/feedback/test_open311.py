"""Open311 GeoReport v2: every response checked against the spec's JSON Schemas, every XML parsed."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from redthread.feedback.models import Open311Key, ServiceRequest
from redthread.feedback.models.case import State
from tests.feedback import open311_schemas as schemas
from tests.feedback.factories import categories, make_case, open311_key
from tests.world import World

BASE = "/open311/v2"


def as_json(response: Any, schema: dict[str, Any], status: int = 200) -> Any:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content.decode("utf-8"))
    jsonschema.validate(data, schema)
    return data


def as_xml(response: Any, root: str, status: int = 200) -> ET.Element:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    element = ET.fromstring(response.content)
    assert element.tag == root
    return element


def errors_json(response: Any, status: int) -> list[dict[str, Any]]:
    data = as_json(response, schemas.ERRORS, status)
    assert all(e["code"] == status for e in data)
    return data


def errors_xml(response: Any, status: int) -> list[ET.Element]:
    root = as_xml(response, "errors", status)
    errors = root.findall("error")
    assert errors
    for error in errors:
        assert error.findtext("code") == str(status)
        assert error.findtext("description")
    return errors


@pytest.fixture
def api() -> Client:
    return Client()


def post(api: Client, fmt: str = "json", **data: str) -> Any:
    return api.post(f"{BASE}/requests.{fmt}", data)


def valid_post(world: World, **extra: str) -> dict[str, str]:
    categories(world)
    data = {
        "api_key": open311_key(world),
        "service_code": "gatubelysning",
        "lat": "58.324500",
        "long": "15.131000",
        "description": "Lampan vid busshållplatsen lyser inte.",
    }
    data.update(extra)
    return data


# Discovery and services.


def test_discovery_in_json_and_xml_names_the_georeport_v2_endpoint(api: Client, cats: Any) -> None:
    data = as_json(api.get(f"{BASE}/discovery.json"), schemas.DISCOVERY)
    endpoint = data["endpoints"][0]
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    root = as_xml(api.get(f"{BASE}/discovery.xml"), "discovery")
    assert (
        root.findtext("endpoints/endpoint/specification") == "http://wiki.open311.org/GeoReport_v2"
    )
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == [
        "text/xml",
        "application/json",
    ]


def test_services_are_a_bare_json_array_and_an_xml_list(api: Client, cats: Any) -> None:
    data = as_json(api.get(f"{BASE}/services.json"), schemas.SERVICES)
    assert [s["service_code"] for s in data] == ["gatubelysning", "omsorg", "ovrigt"]
    assert {s["service_code"]: s["type"] for s in data}["ovrigt"] == "batch"
    root = as_xml(api.get(f"{BASE}/services.xml"), "services")
    codes = [s.findtext("service_code") for s in root.findall("service")]
    assert codes == ["gatubelysning", "omsorg", "ovrigt"]
    assert root.find("service/metadata").text == "true"


def test_an_inactive_category_is_not_a_service(api: Client, cats: Any) -> None:
    cats["care"].is_active = False
    cats["care"].save()
    data = as_json(api.get(f"{BASE}/services.json"), schemas.SERVICES)
    assert "omsorg" not in [s["service_code"] for s in data]


def test_a_service_definition_lists_the_kind_attribute(api: Client, cats: Any) -> None:
    data = as_json(api.get(f"{BASE}/services/gatubelysning.json"), schemas.SERVICE_DEFINITION)
    attribute = data["attributes"][0]
    assert attribute["code"] == "kind"
    assert {v["key"] for v in attribute["values"]} >= {"fault", "complaint", "praise"}
    root = as_xml(api.get(f"{BASE}/services/gatubelysning.xml"), "service_definition")
    assert root.findtext("attributes/attribute/datatype") == "singlevaluelist"
    assert len(root.findall("attributes/attribute/values/value")) == 5


def test_an_unknown_service_code_is_404_in_both_formats(api: Client, cats: Any) -> None:
    errors_json(api.get(f"{BASE}/services/nothing.json"), 404)
    errors_xml(api.get(f"{BASE}/services/nothing.xml"), 404)


def test_an_unknown_format_is_400_in_xml(api: Client, cats: Any) -> None:
    errors_xml(api.get(f"{BASE}/services.html"), 400)


# Jurisdiction.


@pytest.mark.parametrize("jurisdiction", ["0586", ""])
def test_our_jurisdiction_id_or_none_is_accepted(api: Client, cats: Any, jurisdiction: str) -> None:
    response = api.get(f"{BASE}/services.json", {"jurisdiction_id": jurisdiction})
    as_json(response, schemas.SERVICES)


def test_the_website_domain_is_a_jurisdiction_id(api: Client, cats: Any, world: World) -> None:
    world.municipality.website = "https://www.mjolby.se"
    world.municipality.save()
    as_json(api.get(f"{BASE}/services.json", {"jurisdiction_id": "mjolby.se"}), schemas.SERVICES)


def test_another_jurisdiction_is_404(api: Client, cats: Any, world: World) -> None:
    errors_json(api.get(f"{BASE}/services.json", {"jurisdiction_id": "sfgov.org"}), 404)
    errors_xml(api.get(f"{BASE}/requests.xml", {"jurisdiction_id": "sfgov.org"}), 404)
    response = post(api, **valid_post(world, jurisdiction_id="sfgov.org"))
    errors_json(response, 404)
    assert not ServiceRequest.objects.exists()


# POST requests.


def test_posting_a_request_returns_its_id_and_creates_the_case(api: Client, world: World) -> None:
    data = as_json(
        post(api, **valid_post(world, email="sven@example.se", first_name="Sven")),
        schemas.POST_RESPONSE,
    )
    reference = data[0]["service_request_id"]
    case = ServiceRequest.objects.get(reference=reference)
    assert case.channel == "open311"
    assert case.kind == "fault"
    assert case.category.code == "gatubelysning"
    assert case.contact_email == "sven@example.se" and case.wants_answer
    assert str(case.latitude) == "58.324500"


def test_posting_in_xml_returns_service_requests_request(api: Client, world: World) -> None:
    root = as_xml(
        post(api, "xml", **valid_post(world, address_string="Storgatan 1")), "service_requests"
    )
    reference = root.findtext("request/service_request_id")
    assert ServiceRequest.objects.filter(reference=reference, address="Storgatan 1").exists()
    assert root.find("request/token") is None


def test_a_batch_service_returns_a_token_that_resolves_to_the_id(api: Client, world: World) -> None:
    data = as_json(post(api, **valid_post(world, service_code="ovrigt")), schemas.POST_RESPONSE)
    token = data[0]["token"]
    resolved = as_json(api.get(f"{BASE}/tokens/{token}.json"), schemas.TOKEN_RESPONSE)
    case = ServiceRequest.objects.get(token=token)
    assert resolved == [{"service_request_id": case.reference, "token": token}]
    root = as_xml(api.get(f"{BASE}/tokens/{token}.xml"), "service_requests")
    assert root.findtext("request/service_request_id") == case.reference


def test_an_unknown_token_is_404(api: Client, cats: Any) -> None:
    errors_json(api.get(f"{BASE}/tokens/nope.json"), 404)


def test_the_kind_attribute_sets_the_kind(api: Client, world: World) -> None:
    data = as_json(
        post(api, **valid_post(world, **{"attribute[kind]": "complaint"})), schemas.POST_RESPONSE
    )
    assert ServiceRequest.objects.get(reference=data[0]["service_request_id"]).kind == "complaint"


@pytest.mark.parametrize("key", [None, "", "wrong-key"])
def test_posting_without_a_valid_api_key_is_403(api: Client, world: World, key: str | None) -> None:
    data = valid_post(world)
    if key is None:
        del data["api_key"]
    else:
        data["api_key"] = key
    errors_json(post(api, **data), 403)
    errors_xml(post(api, "xml", **data), 403)
    assert not ServiceRequest.objects.exists()


def test_a_demo_key_works_only_in_demo_mode(api: Client, world: World, settings: Any) -> None:
    key = Open311Key(name="Demo", is_demo=True)
    key.set_key("demo-open311")
    key.save()
    settings.DEMO_MODE = False
    errors_json(post(api, **valid_post(world, api_key="demo-open311")), 403)
    settings.DEMO_MODE = True
    as_json(post(api, **valid_post(world, api_key="demo-open311")), schemas.POST_RESPONSE)


def test_an_inactive_key_is_refused(api: Client, world: World) -> None:
    open311_key(world)
    Open311Key.objects.update(is_active=False)
    errors_json(post(api, **valid_post(world)), 403)


def test_a_missing_service_code_is_400_and_an_unknown_one_404(api: Client, world: World) -> None:
    errors_json(post(api, **valid_post(world, service_code="")), 400)
    errors_json(post(api, **valid_post(world, service_code="nothing")), 404)


@pytest.mark.parametrize(
    "change",
    [
        {"lat": "", "long": ""},  # no location at all
        {"long": ""},  # lat without long
        {"lat": "north"},
        {"lat": "91"},
        {"description": "x" * 4001},
        {"email": "not-an-address"},
        {"media_url": "javascript:alert(1)"},
        {"attribute[kind]": "rant"},
    ],
)
def test_invalid_requests_are_400_and_change_nothing(
    api: Client, world: World, change: dict[str, str]
) -> None:
    errors_json(post(api, **valid_post(world, **change)), 400)
    errors_xml(post(api, "xml", **valid_post(world, **change)), 400)
    assert not ServiceRequest.objects.exists()


def test_an_address_alone_is_a_location(api: Client, world: World) -> None:
    data = as_json(
        post(api, **valid_post(world, lat="", long="", address_string="Stationsgatan 3")),
        schemas.POST_RESPONSE,
    )
    assert ServiceRequest.objects.get(reference=data[0]["service_request_id"]).latitude is None


def test_a_key_over_its_limit_gets_429_and_nothing_is_saved(
    api: Client, world: World, settings: Any
) -> None:
    settings.REDTHREAD_OPEN311_RATE_LIMIT = "2/h"
    for _ in range(2):
        as_json(post(api, **valid_post(world)), schemas.POST_RESPONSE)
    response = post(api, **valid_post(world))
    errors_json(response, 429)
    assert response["Retry-After"]
    assert ServiceRequest.objects.count() == 2


def test_a_wrong_method_is_400(api: Client, cats: Any) -> None:
    errors_json(api.post(f"{BASE}/services.json"), 400)


# GET requests.


def test_requests_show_no_personal_data(api: Client, world: World) -> None:
    case = make_case(
        world,
        contact_name="Sven Svensson",
        contact_email="sven@example.se",
        contact_phone="0701234567",
        wants_answer=True,
        description="Min granne Sven på Storgatan 12 ...",
    )
    response = api.get(f"{BASE}/requests.json")
    data = as_json(response, schemas.REQUESTS)
    assert [r["service_request_id"] for r in data] == [case.reference]
    body = response.content.decode()
    for secret in ("Sven", "sven@example.se", "0701234567", "granne"):
        assert secret not in body
    assert data[0]["description"] is None
    assert data[0]["agency_responsible"] == "Kommunstyrelsens förvaltning"


def test_a_description_marked_public_is_shown(api: Client, world: World) -> None:
    case = make_case(world, publish_description=True, description="Lampan lyser inte.")
    data = as_json(api.get(f"{BASE}/requests/{case.reference}.json"), schemas.REQUESTS)
    assert data[0]["description"] == "Lampan lyser inte."


def test_one_request_in_xml(api: Client, world: World) -> None:
    case = make_case(world)
    root = as_xml(api.get(f"{BASE}/requests/{case.reference}.xml"), "service_requests")
    request = root.find("request")
    assert request.findtext("service_request_id") == case.reference
    assert request.findtext("status") == "open"
    assert request.findtext("lat") == "58.324500"
    assert request.find("zipcode").text is None  # empty element, as in the spec
    for tag in ("requested_datetime", "updated_datetime", "expected_datetime"):
        jsonschema.validate(
            request.findtext(tag), {"type": "string", "pattern": schemas.W3C_DATETIME}
        )


def test_an_unknown_request_is_404(api: Client, cats: Any) -> None:
    errors_json(api.get(f"{BASE}/requests/2026-NOPE00.json"), 404)
    errors_xml(api.get(f"{BASE}/requests/2026-NOPE00.xml"), 404)


def test_datetimes_carry_the_swedish_zone(api: Client, world: World) -> None:
    case = make_case(world, received_at=dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.UTC))
    data = as_json(
        api.get(f"{BASE}/requests.json", {"service_request_id": case.reference}), schemas.REQUESTS
    )
    assert data[0]["requested_datetime"] == "2026-01-15T10:30:00+01:00"


@time_machine.travel(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC), tick=False)
def test_requests_filter_by_status_code_and_dates(api: Client, world: World) -> None:
    old = make_case(world, received_at=timezone.now() - dt.timedelta(days=120))
    recent = make_case(world, received_at=timezone.now() - dt.timedelta(days=3))
    closed = make_case(world, "care", received_at=timezone.now() - dt.timedelta(days=10))
    closed.move_to(State.RESOLVED)

    def ids(**params: str) -> set[str]:
        data = as_json(api.get(f"{BASE}/requests.json", params), schemas.REQUESTS)
        return {r["service_request_id"] for r in data}

    assert ids() == {recent.reference, closed.reference}  # the last 90 days by default
    assert ids(status="open") == {recent.reference}
    assert ids(status="closed") == {closed.reference}
    assert ids(status="open,closed") == {recent.reference, closed.reference}
    assert ids(service_code="omsorg") == {closed.reference}
    assert ids(service_code="gatubelysning,omsorg") == {recent.reference, closed.reference}
    assert ids(start_date="2025-11-01T00:00:00Z", end_date="2026-01-15T00:00:00+01:00") == {
        old.reference
    }
    assert ids(start_date="2026-03-05T00:00:00Z") == {recent.reference, closed.reference}
    # service_request_id overrides every other argument.
    assert ids(service_request_id=f"{old.reference},{recent.reference}", status="closed") == {
        old.reference,
        recent.reference,
    }
    data = as_json(api.get(f"{BASE}/requests.json", {"status": "closed"}), schemas.REQUESTS)
    assert data[0]["status"] == "closed"
    assert data[0]["updated_datetime"] == timezone.localtime(closed.closed_at).isoformat(
        timespec="seconds"
    )


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "yesterday"},
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},  # > 90 days
        {"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
        {"status": "pending"},
    ],
)
def test_bad_filters_are_400(api: Client, cats: Any, params: dict[str, str]) -> None:
    errors_json(api.get(f"{BASE}/requests.json", params), 400)
    errors_xml(api.get(f"{BASE}/requests.xml", params), 400)


def test_the_list_of_requests_runs_a_fixed_number_of_queries(
    api: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    for _ in range(15):
        make_case(world)
    with django_assert_max_num_queries(4):
        response = api.get(f"{BASE}/requests.json")
    assert len(json.loads(response.content)) == 15
