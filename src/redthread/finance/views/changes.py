"""Budget changes: tilläggsanslag, omdisponering, tilläggsbudget, and the budget bridge."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from redthread.core.permissions import get_visible_or_404, require
from redthread.finance import figures
from redthread.finance.forms.budget import CapitalBudgetForm, CarryOverRuleForm, ChangeForm
from redthread.finance.forms.common import decision_field
from redthread.finance.models import (
    BudgetChange,
    BudgetYear,
    CapitalBudget,
    CarryOverRule,
    ChangeLine,
    bridge,
)
from redthread.finance.views.common import body_or_404, budget_year_or_404, municipality_of

KIND_SLUGS = {
    "tillaggsanslag": BudgetChange.Kind.SUPPLEMENTARY_APPROPRIATION,
    "omdisponering": BudgetChange.Kind.REALLOCATION,
    "tillaggsbudget": BudgetChange.Kind.SUPPLEMENTARY_BUDGET,
}


@login_required
def changes(request: HttpRequest, year: int) -> HttpResponse:
    budget_year = budget_year_or_404(request, year)
    items = (
        budget_year.changes.select_related("decision", "decision__body")
        .prefetch_related("lines__body")
        .order_by("decision__date", "pk")
    )
    reserve = budget_year.reserve_or_none()
    return render(
        request,
        "finance/changes.html",
        {
            "title": _("Budgetförändringar %(year)s") % {"year": year},
            "budget_year": budget_year,
            "changes": items,
            "reserve": reserve,
            "kinds": KIND_SLUGS,
            "may_add": request.user.has_perm("finance.add_budgetchange"),
        },
    )


@login_required
def change_create(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    budget_year = budget_year_or_404(request, year)
    require(request.user, "finance.add_budgetchange", budget_year)
    if kind not in KIND_SLUGS:
        raise Http404
    change_kind = KIND_SLUGS[kind]
    municipality = municipality_of(request)
    form = ChangeForm(request.POST or None, municipality=municipality, kind=change_kind)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lines = [
            ChangeLine(
                body=data[f"body_{i}"],
                amount=data[f"amount_{i}"],
                responsibility=data.get(f"responsibility_{i}"),
            )
            for i in range(ChangeForm.LEGS)
            if data.get(f"body_{i}") is not None
        ]
        try:
            change = BudgetChange.book(
                budget_year=budget_year,
                kind=change_kind,
                decision=data["decision"],
                title=data["title"],
                description=data["description"],
                lines=lines,
            )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(kind)s är bokfört med stöd av %(decision)s.")
                % {"kind": change.get_kind_display().capitalize(), "decision": change.decision},
            )
            return redirect(change)
    reserve = budget_year.reserve_or_none()
    return render(
        request,
        "finance/change_form.html",
        {
            "title": _("Ny %(kind)s %(year)s") % {"kind": change_kind.label, "year": year},
            "budget_year": budget_year,
            "form": form,
            "kind": change_kind,
            "reserve": reserve,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def change(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(
        request.user,
        BudgetChange.objects.select_related("budget_year", "decision", "decision__body"),
        pk=pk,
    )
    if item.budget_year.municipality_id != municipality_of(request).pk:
        raise Http404
    return render(
        request,
        "finance/change_detail.html",
        {
            "title": str(item),
            "change": item,
            "lines": item.lines.select_related("body", "responsibility", "activity"),
        },
    )


@login_required
def budget_bridge(request: HttpRequest, year: int, body: int) -> HttpResponse:
    """From årsbudget to totalbudget for one nämnd: one row per decision."""
    budget_year = budget_year_or_404(request, year)
    the_body = body_or_404(request, body)
    rows = bridge(budget_year, the_body)
    total = rows[-1].running if rows else 0
    return render(
        request,
        "finance/bridge.html",
        {
            "title": _("Budgetbrygga %(body)s %(year)s") % {"body": the_body.name, "year": year},
            "budget_year": budget_year,
            "body": the_body,
            "rows": rows,
            "total": total,
            "max_abs": max((abs(r.running) for r in rows), default=0),
        },
    )


@login_required
def carry_over(request: HttpRequest, year: int) -> HttpResponse:
    """Tilläggsbudget: last year's result per nämnd within KF's criteria; a decision sets it."""
    budget_year = budget_year_or_404(request, year)
    municipality = municipality_of(request)
    rule = CarryOverRule.objects.filter(budget_year=budget_year).first()
    previous = BudgetYear.objects.filter(municipality=municipality, year=year - 1).first()
    may_book = request.user.has_perm("finance.add_budgetchange")
    proposals: list[dict[str, Any]] = []
    report = figures.month_report(municipality, year - 1, 12)
    for row in report.rows:
        result = row.budget - row.actual
        low: int | None = None
        high: int | None = None
        proposed = result
        if rule is not None:
            low, high = rule.caps(row.budget)
            proposed = max(low, min(high, result))
        proposals.append(
            {"row": row, "result": result, "low": low, "high": high, "proposed": proposed}
        )
    rule_form = CarryOverRuleForm(
        request.POST if request.POST.get("action") == "rule" else None,
        instance=rule or CarryOverRule(budget_year=budget_year),
        municipality=municipality,
    )
    decision = decision_field(municipality, label=_("KF:s beslut om tilläggsbudget"))
    error = ""
    if request.method == "POST":
        require(request.user, "finance.add_budgetchange", budget_year)
        if request.POST.get("action") == "rule":
            if rule_form.is_valid():
                rule_form.save()
                messages.success(request, _("Kriterierna är sparade."))
                return redirect("finance:carry_over", year)
        else:
            try:
                chosen = decision.clean(request.POST.get("decision"))
                lines = []
                for item in proposals:
                    raw = (
                        request.POST.get(f"amount-{item['row'].key}", "")
                        .replace(" ", "")
                        .replace("\u2212", "-")
                    )
                    if raw:
                        lines.append(ChangeLine(body=item["row"].body, amount=int(raw)))
                with transaction.atomic():
                    booked = BudgetChange.book(
                        budget_year=budget_year,
                        kind=BudgetChange.Kind.SUPPLEMENTARY_BUDGET,
                        decision=chosen,
                        title=_("Nämndernas resultat %(previous)s inom KF:s kriterier")
                        % {"previous": year - 1},
                        lines=lines,
                    )
            except ValueError:
                error = _("Beloppen ska vara hela kronor.")
            except ValidationError as failure:
                error = " ".join(failure.messages)
            else:
                messages.success(request, _("Tilläggsbudgeten är bokförd."))
                return redirect(booked)
    return render(
        request,
        "finance/carry_over.html",
        {
            "title": _("Tilläggsbudget %(year)s") % {"year": year},
            "budget_year": budget_year,
            "previous": previous,
            "rule": rule,
            "rule_form": rule_form,
            "proposals": proposals,
            "decisions": decision.queryset,
            "may_book": may_book,
            "error": error,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def capital(request: HttpRequest, year: int) -> HttpResponse:
    """Investeringsbudget per project for the budget year and plan years."""
    budget_year = budget_year_or_404(request, year)
    municipality = municipality_of(request)
    form = CapitalBudgetForm(
        request.POST or None, municipality=municipality, years=budget_year.years
    )
    if request.method == "POST":
        require(request.user, "finance.add_capitalbudget", budget_year)
        if form.is_valid():
            CapitalBudget.objects.update_or_create(
                budget_year=budget_year,
                project=form.cleaned_data["project"],
                year=form.cleaned_data["year"],
                defaults={
                    "amount": form.cleaned_data["amount"],
                    "decision": form.cleaned_data["decision"],
                },
            )
            messages.success(request, _("Investeringsbudgeten är sparad."))
            return redirect("finance:capital", year)
    budgets = budget_year.capital_budgets.select_related("project", "decision")
    projects: dict[int, dict[str, object]] = {}
    for item in budgets:
        entry = projects.setdefault(
            item.project_id,
            {"project": item.project, "years": {y: None for y in budget_year.years}},
        )
        entry["years"][item.year] = item.amount  # type: ignore[index]
    rows = [
        {"project": p["project"], "amounts": list(p["years"].values())}  # type: ignore[attr-defined]
        for p in projects.values()
    ]
    sums = [sum(b.amount for b in budgets if b.year == y) for y in budget_year.years]
    return render(
        request,
        "finance/capital.html",
        {
            "title": _("Investeringsbudget %(year)s") % {"year": year},
            "budget_year": budget_year,
            "rows": rows,
            "sums": sums,
            "form": form,
            "may_edit": request.user.has_perm("finance.add_capitalbudget"),
        },
        status=400 if request.method == "POST" else 200,
    )
