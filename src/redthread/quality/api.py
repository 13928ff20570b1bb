"""Quality API: the kvalitetsdeklarationer with their promises and each promise's latest result."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from redthread.core.permissions import require
from redthread.organisation.models import Municipality
from redthread.quality.models import ServiceDeclaration
from redthread.quality.promises import PromiseResult, latest_results

API_PREFIX = "/quality/"
router = Router(tags=["quality"])


class MeasureOut(Schema):
    id: int
    title: str
    year: int
    unit_label: str


class ResultPeriodOut(Schema):
    id: int
    key: str
    label: str
    state: str


class ResultOut(Schema):
    period: ResultPeriodOut
    measure_id: int
    actual: Decimal | None
    target: Decimal | None
    status: str
    kept: str


class PromiseOut(Schema):
    id: int
    text: str
    detail: str
    measure: MeasureOut | None
    latest_result: ResultOut | None


class VersionOut(Schema):
    number: int
    valid_from: dt.date
    decision: str


class DeclarationOut(Schema):
    id: int
    code: str
    service: str
    state: str
    body_id: int
    body: str
    unit_id: int
    unit: str
    public_url: str | None
    version: VersionOut | None
    promises: list[PromiseOut]


def _result(result: PromiseResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    period = result.period
    return {
        "period": {
            "id": period.pk,
            "key": period.key,
            "label": period.label,
            "state": period.state,
        },
        "measure_id": result.measure.pk,
        "actual": result.actual.value,
        "target": result.target.value if result.target else None,
        "status": str(result.status.value),
        "kept": result.label,
    }


@router.get(
    "/declarations",
    response=list[DeclarationOut],
    summary="Kvalitetsdeklarationer med löften och senaste resultat",
)
def list_declarations(request: HttpRequest, state: str | None = None) -> list[dict[str, Any]]:
    """Every declaration (``state=in_force`` for those decided), its promises, each promise's
    measure and the latest period's result: the measure's actual against its target."""
    require(request.user, "quality.view_servicedeclaration")
    municipality = Municipality.objects.current()
    declarations = ServiceDeclaration.objects.filter(municipality=municipality).select_related(
        "body", "unit"
    )
    if state:
        declarations = declarations.filter(state=state)
    declarations = declarations.prefetch_related("promises__measure", "versions__decision__body")
    items = list(declarations)
    promises = [p for d in items for p in d.promises.all()]
    latest = latest_results(promises, municipality)
    out = []
    for declaration in items:
        versions = sorted(declaration.versions.all(), key=lambda v: v.number)
        version = versions[-1] if versions else None
        out.append(
            {
                "id": declaration.pk,
                "code": declaration.code,
                "service": declaration.service,
                "state": declaration.state,
                "body_id": declaration.body_id,
                "body": declaration.body.name,
                "unit_id": declaration.unit_id,
                "unit": declaration.unit.name,
                "public_url": declaration.get_public_url() if version else None,
                "version": (
                    {
                        "number": version.number,
                        "valid_from": version.valid_from,
                        "decision": version.decision.citation,
                    }
                    if version
                    else None
                ),
                "promises": [
                    {
                        "id": p.pk,
                        "text": p.text,
                        "detail": p.detail,
                        "measure": (
                            {
                                "id": p.measure.pk,
                                "title": p.measure.title,
                                "year": p.measure.year,
                                "unit_label": p.measure.unit_label,
                            }
                            if p.measure
                            else None
                        ),
                        "latest_result": _result(latest.get(p.pk)),
                    }
                    for p in declaration.promises.all()
                ],
            }
        )
    return out
