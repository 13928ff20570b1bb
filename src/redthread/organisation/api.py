"""Organisation API: bodies, units, people and decisions."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.params.functions import Query as query_param

from redthread.core.pagination import YEAR_MAX, YEAR_MIN, BoundedPagination
from redthread.core.permissions import get_visible_or_404, require
from redthread.organisation.models import Body, Decision, Municipality, Person, Unit

API_PREFIX = "/organisation/"
router = Router(tags=["organisation"])


class BodyOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent_id: int | None
    external_municipality: str

    @staticmethod
    def resolve_kind_label(obj: Body) -> str:
        return str(obj.get_kind_display())


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    parent_id: int | None
    serves: list[int]

    @staticmethod
    def resolve_kind_label(obj: Unit) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_serves(obj: Unit) -> list[int]:
        return [b.pk for b in obj.serves.all()]


class PersonOut(Schema):
    id: int
    name: str = Field(..., alias="full_name")
    title: str
    email: str


class DecisionOut(Schema):
    id: int
    body_id: int
    body: str = Field(..., alias="body.name")
    date: dt.date
    paragraph: str
    case_number: str
    title: str
    summary: str
    citation: str


class DecisionIn(Schema):
    body_id: int
    date: dt.date
    paragraph: str = Field(..., min_length=1, max_length=20)
    case_number: str = Field("", max_length=40)
    title: str = Field(..., min_length=1, max_length=255)
    summary: str = ""


def _municipality() -> Municipality:
    return Municipality.objects.current()


@router.get("/bodies", response=list[BodyOut], summary="Politiska organ")
def list_bodies(request: HttpRequest) -> list[Body]:
    require(request.user, "organisation.view_body")
    return list(Body.objects.filter(municipality=_municipality()))


@router.get("/bodies/{body_id}", response=BodyOut, summary="Ett organ")
def get_body(request: HttpRequest, body_id: int) -> Body:
    return get_visible_or_404(request.user, Body, pk=body_id)


@router.get(
    "/units", response=list[UnitOut], summary="Förvaltningar, kontor, avdelningar och enheter"
)
def list_units(request: HttpRequest) -> list[Unit]:
    require(request.user, "organisation.view_unit")
    return list(Unit.objects.filter(municipality=_municipality()).prefetch_related("serves"))


@router.get("/units/{unit_id}", response=UnitOut, summary="En enhet")
def get_unit(request: HttpRequest, unit_id: int) -> Unit:
    return get_visible_or_404(request.user, Unit.objects.prefetch_related("serves"), pk=unit_id)


@router.get("/people", response=list[PersonOut], summary="Personer")
@paginate(BoundedPagination)
def list_people(request: HttpRequest) -> list[Person]:
    require(request.user, "organisation.view_person")
    return Person.objects.filter(municipality=_municipality())  # type: ignore[return-value]


@router.get("/decisions", response=list[DecisionOut], summary="Beslut")
@paginate(BoundedPagination)
def list_decisions(
    request: HttpRequest,
    body: int | None = None,
    year: int | None = query_param(None, ge=YEAR_MIN, le=YEAR_MAX),
) -> list[Decision]:
    require(request.user, "organisation.view_decision")
    decisions = Decision.objects.filter(body__municipality=_municipality()).select_related("body")
    if body is not None:
        decisions = decisions.filter(body_id=body)
    if year is not None:
        decisions = decisions.for_year(year)
    return decisions  # type: ignore[return-value]


@router.get("/decisions/{decision_id}", response=DecisionOut, summary="Ett beslut")
def get_decision(request: HttpRequest, decision_id: int) -> Decision:
    return get_visible_or_404(request.user, Decision.objects.select_related("body"), pk=decision_id)


@router.post("/decisions", response={201: DecisionOut}, summary="Registrera ett beslut")
def create_decision(request: HttpRequest, payload: DecisionIn) -> Status[Decision]:
    body = get_object_or_404(Body, pk=payload.body_id, municipality=_municipality())
    if not request.user.has_perm("organisation.add_decision", body):
        raise PermissionDenied("Du registrerar inte beslut för det organet.")
    decision = Decision(body=body, **payload.dict(exclude={"body_id"}))
    try:
        with transaction.atomic():
            decision.full_clean()
            decision.save()
    except IntegrityError:
        raise HttpError(
            409, "Det finns redan ett beslut med den paragrafen för organet och datumet."
        ) from None
    return Status(201, decision)
