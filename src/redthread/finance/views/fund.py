"""The social investment fund: balance, applications, decisions and costs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.core.permissions import require
from redthread.finance.forms.fund import ApplicationForm, CostForm, DecideForm, FundForm
from redthread.finance.models import (
    BalanceRequirement,
    FundApplication,
    FundCost,
    SocialInvestmentFund,
)
from redthread.finance.views.common import municipality_of
from redthread.finance.views.internal import _administrations


def _fund(request: HttpRequest) -> SocialInvestmentFund | None:
    return SocialInvestmentFund.objects.filter(municipality=municipality_of(request)).first()


@login_required
def fund(request: HttpRequest) -> HttpResponse:
    require(request.user, "finance.view_socialinvestmentfund")
    municipality = municipality_of(request)
    the_fund = _fund(request)
    form = FundForm(
        request.POST or None,
        instance=the_fund or SocialInvestmentFund(municipality=municipality),
        municipality=municipality,
    )
    if request.method == "POST":
        require(request.user, "finance.change_socialinvestmentfund")
        if form.is_valid():
            form.save()
            messages.success(request, _("Fonden är sparad."))
            return redirect("finance:fund")
    applications = (
        the_fund.applications.select_related("applicant", "decision", "decision__body")
        if the_fund
        else []
    )
    earmarks = BalanceRequirement.objects.filter(municipality=municipality, fund_earmark__gt=0)
    return render(
        request,
        "finance/fund.html",
        {
            "title": the_fund.name if the_fund else _("Social investeringsfond"),
            "fund": the_fund,
            "applications": applications,
            "earmarks": earmarks,
            "form": form,
            "may_edit": request.user.has_perm("finance.change_socialinvestmentfund"),
            "may_apply": request.user.has_perm("finance.add_fundapplication")
            and the_fund is not None,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def fund_apply(request: HttpRequest) -> HttpResponse:
    require(request.user, "finance.add_fundapplication")
    the_fund = _fund(request)
    if the_fund is None:
        messages.error(request, _("Fonden är inte inrättad ännu."))
        return redirect("finance:fund")
    form = ApplicationForm(
        request.POST or None,
        instance=FundApplication(fund=the_fund),
        units=_administrations(request),
    )
    if request.method == "POST" and form.is_valid():
        application = form.save()
        messages.success(request, _("Ansökan är registrerad."))
        return redirect(application)
    return render(
        request,
        "finance/fund_apply.html",
        {"title": _("Ansökan till social investeringsfond"), "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _application(request: HttpRequest, pk: int) -> FundApplication:
    require(request.user, "finance.view_fundapplication")
    return get_object_or_404(
        FundApplication.objects.select_related("fund", "applicant", "decision"),
        pk=pk,
        fund__municipality=municipality_of(request),
    )


@login_required
def fund_application(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    municipality = municipality_of(request)
    return render(
        request,
        "finance/fund_application.html",
        {
            "title": application.title,
            "application": application,
            "costs": application.costs.all(),
            "charged": application.charged(),
            "decide_form": DecideForm(municipality=municipality),
            "cost_form": CostForm(),
            "may_decide": request.user.has_perm("finance.change_fundapplication", application),
            "available": application.fund.available(),
        },
    )


@login_required
@require_POST
def fund_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    require(request.user, "finance.change_fundapplication", application)
    form = DecideForm(request.POST, municipality=municipality_of(request))
    if not form.is_valid():
        messages.error(request, _("Välj beslut och det beslut (§) som avgör ansökan."))
        return redirect(application)
    try:
        application.decide(
            approve=form.cleaned_data["outcome"] == "approve",
            decision=form.cleaned_data["decision"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Beslutet är registrerat."))
    return redirect(application)


@login_required
@require_POST
def fund_cost(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    require(request.user, "finance.add_fundcost", application)
    form = CostForm(request.POST, instance=FundCost(application=application))
    if form.is_valid():
        form.save()
        messages.success(request, _("Kostnaden är förd på insatsen."))
    else:
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, " ".join(errors))
    return redirect(application)
