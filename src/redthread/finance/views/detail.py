"""The detail budget of a nämnd: an editable grid, and XLSX out and in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.core.permissions import require
from redthread.finance.detail_budget import (
    MONTH_HEADERS,
    ParsedLine,
    export_xlsx,
    parse_grid,
    parse_xlsx,
    save_detail_budget,
)
from redthread.finance.models import (
    Account,
    ActivityCode,
    BudgetLine,
    ResponsibilityCode,
)
from redthread.finance.views.common import body_or_404, budget_year_or_404, municipality_of

EXTRA_ROWS = 3
MAX_ROWS = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cells(months: list[int]) -> list[tuple[str, str, int]]:
    return [(f"{m + 1:02d}", MONTH_HEADERS[m], value) for m, value in enumerate(months)]


def _grid_rows(lines: list[ParsedLine]) -> list[dict[str, object]]:
    return [
        {
            "index": i,
            "resp": line.responsibility,
            "act": line.activity,
            "acc": line.account,
            "cells": _cells(line.months),
            "total": line.total,
        }
        for i, line in enumerate(lines)
    ]


@login_required
def detail(request: HttpRequest, year: int, body: int) -> HttpResponse:
    """The grid: one row per ansvar, verksamhet and konto, twelve months and a total."""
    budget_year = budget_year_or_404(request, year)
    the_body = body_or_404(request, body)
    require(request.user, "finance.view_budgetline")
    municipality = municipality_of(request)
    may_edit = request.user.has_perm("finance.change_budgetline", the_body)
    frame = budget_year.total_budget(the_body)
    error = ""
    if request.method == "POST":
        require(request.user, "finance.change_budgetline", the_body)
        try:
            count = min(int(request.POST.get("rows", "0")), MAX_ROWS)
        except ValueError:
            count = 0
        try:
            lines = parse_grid(request.POST, count)
            created, changed, deleted = save_detail_budget(budget_year, the_body, lines)
        except ValidationError as failure:
            error = " ".join(failure.messages)
            lines = []
            for index in range(count):
                prefix = f"r{index}-"
                lines.append(
                    ParsedLine(
                        where="",
                        responsibility=request.POST.get(prefix + "resp", ""),
                        activity=request.POST.get(prefix + "act", ""),
                        account=request.POST.get(prefix + "acc", ""),
                        months=[
                            _safe_int(request.POST.get(f"{prefix}m{m:02d}", ""))
                            for m in range(1, 13)
                        ],
                    )
                )
        else:
            messages.success(
                request,
                _(
                    "Detaljbudgeten är sparad: %(created)s nya, %(changed)s ändrade och %(deleted)s borttagna rader."
                )
                % {"created": created, "changed": changed, "deleted": deleted},
            )
            return redirect("finance:detail", year, body)
    else:
        lines = [
            ParsedLine(
                where="",
                responsibility=line.responsibility.code,
                activity=line.activity.code,
                account=line.account.number,
                months=line.months,
            )
            for line in BudgetLine.objects.filter(
                budget_year=budget_year, body=the_body
            ).select_related("responsibility", "activity", "account")
        ]
    rows = _grid_rows(lines)
    if may_edit:
        for extra in range(EXTRA_ROWS):
            rows.append(
                {
                    "index": len(lines) + extra,
                    "resp": "",
                    "act": "",
                    "acc": "",
                    "cells": _cells([0] * 12),
                    "total": 0,
                    "new": True,
                }
            )
    month_sums = [sum(line.months[m] for line in lines) for m in range(12)]
    total = sum(month_sums)
    return render(
        request,
        "finance/detail.html",
        {
            "title": _("Detaljbudget %(body)s %(year)s") % {"body": the_body.name, "year": year},
            "budget_year": budget_year,
            "body": the_body,
            "rows": rows,
            "row_count": len(rows),
            "month_headers": MONTH_HEADERS,
            "month_sums": month_sums,
            "total": total,
            "frame": frame,
            "difference": frame - total,
            "may_edit": may_edit,
            "error": error,
            "responsibilities": ResponsibilityCode.objects.filter(
                municipality=municipality, body=the_body
            ),
            "activities": ActivityCode.objects.filter(municipality=municipality),
            "accounts": Account.objects.filter(
                municipality=municipality, is_active=True, number__regex=r"^[3-8]"
            ),
        },
        status=400 if error else 200,
    )


def _safe_int(value: str) -> int:
    try:
        return int(value.replace(" ", "").replace("\u2212", "-"))
    except ValueError:
        return 0


@login_required
def detail_export(request: HttpRequest, year: int, body: int) -> HttpResponse:
    budget_year = budget_year_or_404(request, year)
    the_body = body_or_404(request, body)
    require(request.user, "finance.view_budgetline")
    response = HttpResponse(export_xlsx(budget_year, the_body), content_type=XLSX)
    name = f"detaljbudget-{year}-{the_body.short_name or the_body.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def detail_import(request: HttpRequest, year: int, body: int) -> HttpResponse:
    budget_year = budget_year_or_404(request, year)
    the_body = body_or_404(request, body)
    require(request.user, "finance.change_budgetline", the_body)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Välj en XLSX-fil att läsa in."))
        return redirect("finance:detail", year, body)
    try:
        lines = parse_xlsx(upload.read())
        created, changed, deleted = save_detail_budget(budget_year, the_body, lines)
    except ValidationError as failure:
        messages.error(
            request,
            _("Filen lästes inte in och inget ändrades. %(reason)s")
            % {"reason": " ".join(failure.messages)},
        )
    else:
        messages.success(
            request,
            _(
                "Detaljbudgeten är inläst: %(created)s nya, %(changed)s ändrade och %(deleted)s borttagna rader."
            )
            % {"created": created, "changed": changed, "deleted": deleted},
        )
    return redirect("finance:detail", year, body)
