"""The statements of the årsredovisning, the companies' figures and the personnel figures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from redthread.core.permissions import require
from redthread.finance import statements
from redthread.finance.forms.group import CompanyAccountsForm, CsvUploadForm
from redthread.finance.group_import import (
    CsvRefused,
    ImportResult,
    import_company_accounts,
    import_personnel,
)
from redthread.finance.models import CompanyAccounts, PersonnelFigures
from redthread.finance.models.group import year_is_writable
from redthread.finance.views.common import municipality_of

COMPANY_HELP = gettext_lazy(
    "Semikolonavgränsad CSV i UTF-8 med rubrikraden bolag;ar;post;belopp, en rad per post. "
    "Belopp i hela kronor, ägarandel i procent."
)
PERSONNEL_HELP = gettext_lazy(
    "Semikolonavgränsad CSV i UTF-8 från HR-systemet med rubrikraden "
    "forvaltning;ar;anstallda;arsarbetare;sjukfranvaro_procent;personalomsattning_procent "
    "(och valfritt manad). Decimalkomma går bra."
)


def _check_year(year: int) -> None:
    if not 1990 <= year <= 2100:
        raise Http404


@login_required
def statements_page(request: HttpRequest, year: int) -> HttpResponse:
    """Resultaträkning, balansräkning, kassaflödesanalys, noter and the rest, as the report prints them."""
    require(request.user, "finance.view_budgetyear")
    _check_year(year)
    municipality = municipality_of(request)
    return render(
        request,
        "finance/statements.html",
        {
            "title": _("Räkenskaper %(year)s") % {"year": year},
            "year": year,
            "statements": [
                statements.income_statement(municipality, year),
                statements.balance_sheet(municipality, year),
                statements.cash_flow(municipality, year),
                statements.operating_accounts(municipality, year),
                statements.capital_accounts(municipality, year),
            ],
            "notes": statements.notes(municipality, year),
        },
    )


@login_required
def group(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "finance.view_companyaccounts")
    _check_year(year)
    municipality = municipality_of(request)
    accounts = CompanyAccounts.objects.filter(
        company__municipality=municipality, year=year
    ).select_related("company")
    return render(
        request,
        "finance/group.html",
        {
            "title": _("Kommunkoncernen %(year)s") % {"year": year},
            "year": year,
            "accounts": accounts,
            "statement": statements.group_accounts(municipality, year),
            "may_edit": request.user.has_perm("finance.add_companyaccounts")
            and year_is_writable(municipality, year),
            "form": CsvUploadForm(help_text=COMPANY_HELP),
        },
    )


@login_required
def company_accounts_create(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "finance.add_companyaccounts")
    _check_year(year)
    municipality = municipality_of(request)
    form = CompanyAccountsForm(
        request.POST or None, instance=CompanyAccounts(year=year), municipality=municipality
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Bolagets räkenskaper är sparade."))
        return redirect("finance:group", year)
    return render(
        request,
        "finance/company_accounts_form.html",
        {"title": _("Bolagets räkenskaper %(year)s") % {"year": year}, "form": form, "year": year},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def company_accounts_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "finance.view_companyaccounts")
    municipality = municipality_of(request)
    accounts = get_object_or_404(CompanyAccounts, pk=pk, company__municipality=municipality)
    form = CompanyAccountsForm(request.POST or None, instance=accounts, municipality=municipality)
    may_edit = request.user.has_perm("finance.change_companyaccounts", accounts)
    writable = year_is_writable(municipality, accounts.year)
    if request.method == "POST":
        require(request.user, "finance.change_companyaccounts", accounts)
        if form.is_valid():
            form.save()
            messages.success(request, _("Bolagets räkenskaper är sparade."))
            return redirect("finance:group", accounts.year)
    return render(
        request,
        "finance/company_accounts_form.html",
        {
            "title": str(accounts),
            "form": form,
            "year": accounts.year,
            "accounts": accounts,
            "may_edit": may_edit and writable,
            "closed": not writable,
        },
        status=400 if request.method == "POST" else 200,
    )


def _report(request: HttpRequest, result: ImportResult) -> None:
    messages.success(
        request,
        _("Filen är inläst: %(created)s nya, %(changed)s ändrade, %(unchanged)s oförändrade.")
        % {"created": result.created, "changed": result.changed, "unchanged": result.unchanged},
    )


def _refused(request: HttpRequest, error: CsvRefused) -> None:
    messages.error(request, _("Filen lästes inte in och inget ändrades."))
    for text in error.errors:
        messages.error(request, text)


@login_required
@require_POST
def company_accounts_import(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "finance.add_companyaccounts")
    _check_year(year)
    form = CsvUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Välj en CSV-fil att läsa in."))
        return redirect("finance:group", year)
    try:
        result = import_company_accounts(municipality_of(request), form.cleaned_data["file"].read())
    except CsvRefused as error:
        _refused(request, error)
    else:
        _report(request, result)
    return redirect("finance:group", year)


@login_required
def personnel(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "finance.view_personnelfigures")
    _check_year(year)
    municipality = municipality_of(request)
    months = sorted(
        set(
            PersonnelFigures.objects.filter(unit__municipality=municipality, year=year)
            .exclude(month=0)
            .values_list("month", flat=True)
        )
    )
    return render(
        request,
        "finance/personnel.html",
        {
            "title": _("Personal %(year)s") % {"year": year},
            "year": year,
            "statement": statements.personnel_figures(municipality, year),
            "months": months,
            "may_edit": request.user.has_perm("finance.add_personnelfigures")
            and year_is_writable(municipality, year),
            "form": CsvUploadForm(help_text=PERSONNEL_HELP),
        },
    )


@login_required
@require_POST
def personnel_import(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "finance.add_personnelfigures")
    _check_year(year)
    form = CsvUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Välj en CSV-fil att läsa in."))
        return redirect("finance:personnel", year)
    upload = form.cleaned_data["file"]
    try:
        result = import_personnel(municipality_of(request), upload.read(), source=upload.name)
    except CsvRefused as error:
        _refused(request, error)
    else:
        _report(request, result)
    return redirect("finance:personnel", year)
