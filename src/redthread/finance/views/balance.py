"""Balanskravsutredning with deficits per year of origin, and the financial goals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from redthread.core.permissions import require
from redthread.finance import figures
from redthread.finance.forms.balance import BalanceRequirementForm, FinancialGoalForm
from redthread.finance.models import BalanceRequirement, FinancialGoal, deficits
from redthread.finance.services import financial_goal_results
from redthread.finance.views.common import current_year, municipality_of


@login_required
def balance(request: HttpRequest) -> HttpResponse:
    require(request.user, "finance.view_balancerequirement")
    municipality = municipality_of(request)
    requirements = BalanceRequirement.objects.filter(municipality=municipality).order_by("-year")
    year = current_year()
    return render(
        request,
        "finance/balance.html",
        {
            "title": _("Balanskrav"),
            "requirements": requirements,
            "deficits": [(d, d.status(year)) for d in deficits(municipality)],
            "year": year,
            "may_edit": request.user.has_perm("finance.add_balancerequirement"),
        },
    )


@login_required
def balance_edit(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "finance.view_balancerequirement")
    municipality = municipality_of(request)
    requirement = BalanceRequirement.objects.filter(municipality=municipality, year=year).first()
    ledger_result = (
        figures.result_to_date(municipality, year)
        if figures.last_month_with_data(municipality, year)
        else None
    )
    instance = requirement or BalanceRequirement(
        municipality=municipality, year=year, result=ledger_result or 0
    )
    form = BalanceRequirementForm(
        request.POST or None, instance=instance, municipality=municipality
    )
    may_edit = request.user.has_perm("finance.change_balancerequirement", requirement)
    if request.method == "POST":
        require(request.user, "finance.change_balancerequirement", requirement)
        if form.is_valid():
            form.save()
            messages.success(request, _("Balanskravsutredningen är sparad."))
            return redirect("finance:balance")
    return render(
        request,
        "finance/balance_edit.html",
        {
            "title": _("Balanskravsutredning %(year)s") % {"year": year},
            "year": year,
            "form": form,
            "requirement": requirement,
            "ledger_result": ledger_result,
            "may_edit": may_edit,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def goals(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "finance.view_financialgoal")
    municipality = municipality_of(request)
    return render(
        request,
        "finance/goals.html",
        {
            "title": _("Finansiella mål %(year)s") % {"year": year},
            "year": year,
            "results": financial_goal_results(municipality, year),
            "may_edit": request.user.has_perm("finance.add_financialgoal"),
        },
    )


@login_required
def goal_create(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "finance.add_financialgoal")
    municipality = municipality_of(request)
    form = FinancialGoalForm(
        request.POST or None,
        instance=FinancialGoal(municipality=municipality, year=year),
        municipality=municipality,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Målet är sparat."))
        return redirect("finance:goals", year)
    return render(
        request,
        "finance/goal_form.html",
        {"title": _("Nytt finansiellt mål %(year)s") % {"year": year}, "form": form, "year": year},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "finance.view_financialgoal")
    municipality = municipality_of(request)
    goal = get_object_or_404(FinancialGoal, pk=pk, municipality=municipality)
    form = FinancialGoalForm(request.POST or None, instance=goal, municipality=municipality)
    if request.method == "POST":
        require(request.user, "finance.change_financialgoal", goal)
        if form.is_valid():
            form.save()
            messages.success(request, _("Målet är sparat."))
            return redirect("finance:goals", goal.year)
    return render(
        request,
        "finance/goal_form.html",
        {
            "title": str(goal),
            "form": form,
            "year": goal.year,
            "goal": goal,
            "may_edit": request.user.has_perm("finance.change_financialgoal", goal),
        },
        status=400 if request.method == "POST" else 200,
    )
