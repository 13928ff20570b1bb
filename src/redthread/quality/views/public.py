"""The citizens' pages, no login: decided kvalitetsdeklarationer, earlier versions, the värdegrund.

What a citizen reads is what the nämnd decided (the latest ``DeclarationVersion``), never
the draft being worked on; results come from closed periods only, as on the goal chain's
open account.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from redthread.goals.models import Vision
from redthread.goals.periods import planning_year
from redthread.quality.accounting import synpunkt_url
from redthread.quality.models import (
    DEFAULT_WHEN_NOT_KEPT,
    CoreValue,
    DeclarationVersion,
    ServiceDeclaration,
    ServicePromise,
)
from redthread.quality.promises import promise_results, results_table
from redthread.quality.views.common import municipality


def public_declarations(request: HttpRequest) -> HttpResponse:
    m = municipality()
    declarations = list(
        ServiceDeclaration.objects.in_force()
        .filter(municipality=m)
        .select_related("body")
        .prefetch_related("versions")
    )
    rows = []
    for declaration in declarations:
        versions = sorted(declaration.versions.all(), key=lambda v: v.number)
        if versions:
            rows.append((declaration, versions[-1]))
    return render(
        request,
        "quality/public_list.html",
        {"title": _("Kvalitetsdeklarationer"), "rows": rows, "values": _values(m)},
    )


def _public(code: str) -> tuple[ServiceDeclaration, list[DeclarationVersion]]:
    declaration = get_object_or_404(
        ServiceDeclaration.objects.in_force().select_related("body", "municipality"),
        code=code,
        municipality=municipality(),
    )
    versions = list(declaration.versions.select_related("decision__body").order_by("-number"))
    if not versions:
        raise Http404
    return declaration, versions


def _validity(versions: list[DeclarationVersion]) -> list[dict[str, Any]]:
    """Each version with its last day (the day before the next version applied), newest first."""
    rows: list[dict[str, Any]] = []
    following: DeclarationVersion | None = None
    for version in versions:
        last_day: dt.date | None = (
            following.valid_from - dt.timedelta(days=1) if following else None
        )
        rows.append({"version": version, "last_day": last_day})
        following = version
    return rows


def _content(declaration: ServiceDeclaration, version: DeclarationVersion) -> dict[str, Any]:
    content = dict(version.content)
    content["when_not_kept"] = content.get("when_not_kept") or str(DEFAULT_WHEN_NOT_KEPT)
    return content


def public_declaration(request: HttpRequest, code: str) -> HttpResponse:
    declaration, versions = _public(code)
    current = versions[0]
    content = _content(declaration, current)
    ids = [p.get("id") for p in content.get("promises", [])]
    live = {
        p.pk: p
        for p in ServicePromise.objects.filter(pk__in=ids, declaration=declaration).select_related(
            "measure"
        )
    }
    promises = [live[i] for i in ids if i in live]
    results = promise_results(promises, declaration.municipality, closed_only=True)
    table = results_table(promises, results, limit=4)
    by_id = dict(table["rows"])
    return render(
        request,
        "quality/public_declaration.html",
        {
            "title": content.get("service", declaration.service),
            "declaration": declaration,
            "version": current,
            "content": content,
            "promises": [
                (p, by_id.get(live.get(p.get("id")))) for p in content.get("promises", [])
            ],
            "columns": table["columns"],
            "measured": any(results.values()),
            "versions": _validity(versions),
            "synpunkt_url": synpunkt_url(declaration.code),
        },
    )


def public_declaration_version(request: HttpRequest, code: str, number: int) -> HttpResponse:
    declaration, versions = _public(code)
    if number == versions[0].number:
        return redirect("quality:public_declaration", code=code)
    rows = _validity(versions)
    row = next((r for r in rows if r["version"].number == number), None)
    if row is None:
        raise Http404
    version = row["version"]
    return render(
        request,
        "quality/public_version.html",
        {
            "title": _("%(service)s, version %(number)s")
            % {"service": version.content.get("service", declaration.service), "number": number},
            "declaration": declaration,
            "version": version,
            "last_day": row["last_day"],
            "content": _content(declaration, version),
            "current": versions[0],
        },
    )


def _values(m: Any) -> list[CoreValue]:
    return list(CoreValue.objects.filter(municipality=m))


def public_values(request: HttpRequest) -> HttpResponse:
    m = municipality()
    return render(
        request,
        "quality/public_values.html",
        {
            "title": _("Vision och värdegrund"),
            "vision": Vision.for_year(m, planning_year(m)),
            "values": _values(m),
        },
    )
