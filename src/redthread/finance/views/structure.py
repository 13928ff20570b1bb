"""The finance structure: chart of accounts, ansvar, verksamhet and projekt, and their import."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from redthread.core.permissions import require
from redthread.finance.forms.structure import (
    AccountForm,
    ActivityForm,
    CodesImportForm,
    LedgerSettingsForm,
    ProjectForm,
    ResponsibilityForm,
)
from redthread.finance.models import (
    Account,
    ActivityCode,
    LedgerSettings,
    ProjectCode,
    ResponsibilityCode,
)
from redthread.finance.views.common import municipality_of
from redthread.organisation.models import Unit

KINDS: dict[str, tuple[Any, Any, Any]] = {
    "konto": (Account, AccountForm, gettext_lazy("Kontoplan")),
    "ansvar": (ResponsibilityCode, ResponsibilityForm, gettext_lazy("Ansvar")),
    "verksamhet": (ActivityCode, ActivityForm, gettext_lazy("Verksamheter")),
    "projekt": (ProjectCode, ProjectForm, gettext_lazy("Projekt")),
}
PAGE_SIZE = 100


def _kind(kind: str) -> tuple[Any, Any, Any]:
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


@login_required
def structure(request: HttpRequest) -> HttpResponse:
    require(request.user, "finance.view_account")
    municipality = municipality_of(request)
    kind = request.GET.get("visa", "ansvar")
    model, _form, label = _kind(kind)
    query = request.GET.get("q", "").strip()
    items = model.objects.filter(municipality=municipality)
    if kind == "ansvar":
        items = items.select_related("unit", "body")
        if request.GET.get("okopplade"):
            items = items.filter(is_financing=False).filter(
                Q(unit__isnull=True) | Q(body__isnull=True)
            )
    if kind == "projekt":
        items = items.select_related("unit")
    if query:
        field = "number" if kind == "konto" else "code"
        items = items.filter(Q(**{f"{field}__icontains": query}) | Q(name__icontains=query))
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("sida"))
    unmapped = (
        ResponsibilityCode.objects.filter(municipality=municipality, is_financing=False)
        .filter(Q(unit__isnull=True) | Q(body__isnull=True))
        .count()
    )
    return render(
        request,
        "finance/structure.html",
        {
            "title": _("Struktur: %(what)s") % {"what": label},
            "kind": kind,
            "kinds": KINDS,
            "page": page,
            "query": query,
            "unmapped": unmapped,
            "only_unmapped": bool(request.GET.get("okopplade")),
            "may_edit": request.user.has_perm("finance.change_account"),
        },
    )


def _form_kwargs(kind: str, request: HttpRequest) -> dict[str, Any]:
    return {"municipality": municipality_of(request)} if kind in ("ansvar", "projekt") else {}


@login_required
def code_create(request: HttpRequest, kind: str) -> HttpResponse:
    model, form_class, label = _kind(kind)
    require(request.user, f"finance.add_{model._meta.model_name}")
    municipality = municipality_of(request)
    instance = model(municipality=municipality)
    form = form_class(request.POST or None, instance=instance, **_form_kwargs(kind, request))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Sparat."))
        return redirect(f"{_structure_url()}?visa={kind}")
    return render(
        request,
        "finance/code_form.html",
        {
            "title": _("Ny post: %(what)s") % {"what": label},
            "form": form,
            "kind": kind,
            "label": label,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def code_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model, form_class, label = _kind(kind)
    require(request.user, f"finance.view_{model._meta.model_name}")
    item = get_object_or_404(model, pk=pk, municipality=municipality_of(request))
    may_edit = request.user.has_perm(f"finance.change_{model._meta.model_name}", item)
    form = form_class(request.POST or None, instance=item, **_form_kwargs(kind, request))
    if request.method == "POST":
        require(request.user, f"finance.change_{model._meta.model_name}", item)
        if form.is_valid():
            form.save()
            messages.success(request, _("Sparat."))
            return redirect(f"{_structure_url()}?visa={kind}")
    return render(
        request,
        "finance/code_form.html",
        {
            "title": str(item),
            "form": form,
            "kind": kind,
            "label": label,
            "item": item,
            "may_edit": may_edit,
        },
        status=400 if request.method == "POST" else 200,
    )


def _structure_url() -> str:
    from django.urls import reverse

    return reverse("finance:structure")


@login_required
def codes_import(request: HttpRequest) -> HttpResponse:
    """Codes and names from a CSV file; an ansvar row may name its unit."""
    require(request.user, "finance.add_responsibilitycode")
    municipality = municipality_of(request)
    form = CodesImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        data = form.cleaned_data["file"].read()
        try:
            count = _import_codes(municipality, kind, data)
        except ValidationError as error:
            form.add_error("file", " ".join(error.messages))
        else:
            messages.success(request, _("%(count)s koder är inlästa.") % {"count": count})
            return redirect(f"{_structure_url()}?visa={kind}")
    return render(
        request,
        "finance/codes_import.html",
        {"title": _("Läs in koder"), "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _import_codes(municipality: Any, kind: str, data: bytes) -> int:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValidationError(_("Filen är tom."))
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    if rows and rows[0] and rows[0][0].strip().lower() in ("kod", "konto", "code"):
        rows = rows[1:]
    model = KINDS[kind][0]
    key = "number" if kind == "konto" else "code"
    units = {u.name.lower(): u for u in Unit.objects.filter(municipality=municipality)}
    count = 0
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):
            if not row or not row[0].strip():
                continue
            code = row[0].strip()
            name = row[1].strip() if len(row) > 1 else ""
            if kind == "konto" and not code.isdigit():
                raise ValidationError(
                    _("Rad %(line)s: kontonumret %(code)s ska bestå av siffror.")
                    % {"line": number, "code": code}
                )
            values: dict[str, Any] = {"name": name[:200]}
            if kind == "ansvar" and len(row) > 2 and row[2].strip():
                unit = units.get(row[2].strip().lower())
                if unit is None:
                    raise ValidationError(
                        _("Rad %(line)s: enheten %(unit)s finns inte i organisationen.")
                        % {"line": number, "unit": row[2].strip()}
                    )
                values["unit"] = unit
            item = model.objects.filter(municipality=municipality, **{key: code}).first()
            if item is None:
                item = model(municipality=municipality, **{key: code[:40]})
            for field, value in values.items():
                setattr(item, field, value)
            item.full_clean(validate_unique=False)
            item.save()
            count += 1
    return count


@login_required
def ledger_settings(request: HttpRequest) -> HttpResponse:
    require(request.user, "finance.view_ledgersettings")
    municipality = municipality_of(request)
    settings = LedgerSettings.for_municipality(municipality)
    form = LedgerSettingsForm(request.POST or None, instance=settings)
    if request.method == "POST":
        require(request.user, "finance.change_ledgersettings", settings)
        if form.is_valid():
            form.save()
            messages.success(request, _("Inställningarna är sparade."))
            return redirect("finance:ledger")
    return render(
        request,
        "finance/ledger_settings.html",
        {
            "title": _("Dimensioner i SIE-filer"),
            "form": form,
            "may_edit": request.user.has_perm("finance.change_ledgersettings", settings),
        },
        status=400 if request.method == "POST" else 200,
    )
