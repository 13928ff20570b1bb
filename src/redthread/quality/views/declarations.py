"""Kvalitetsdeklarationer inside: the list, the working copy, promises, and the nämnd's decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from redthread.core.forms import invalid_status, save_versioned
from redthread.core.permissions import get_visible_or_404, require
from redthread.goals.periods import planning_year
from redthread.quality.accounting import synpunkt_url
from redthread.quality.forms import DecideForm, DeclarationForm, PromiseForm
from redthread.quality.models import ServiceDeclaration, ServicePromise
from redthread.quality.promises import latest_results, promise_results, results_table
from redthread.quality.views.common import OUT_OF_REACH, add_errors, crumbs, municipality, posted


def _crumbs() -> list[tuple[str, str]]:
    return crumbs(("quality:declarations", _("Kvalitetsdeklarationer")))


def _declaration(request: HttpRequest, pk: int) -> ServiceDeclaration:
    declaration: ServiceDeclaration = get_visible_or_404(
        request.user,
        ServiceDeclaration.objects.select_related("body", "unit"),
        pk=pk,
        municipality=municipality(),
    )
    return declaration


@login_required
def declaration_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "quality.view_servicedeclaration")
    m = municipality()
    declarations = list(
        ServiceDeclaration.objects.filter(municipality=m)
        .select_related("body", "unit")
        .prefetch_related("promises__measure", "versions__decision__body")
    )
    promises = [p for d in declarations for p in d.promises.all()]
    latest = latest_results(promises, m)
    rows = []
    for declaration in declarations:
        versions = sorted(declaration.versions.all(), key=lambda v: v.number)
        rows.append(
            {
                "declaration": declaration,
                "version": versions[-1] if versions else None,
                "promises": [(p, latest.get(p.pk)) for p in declaration.promises.all()],
            }
        )
    return render(
        request,
        "quality/declaration_list.html",
        {
            "title": _("Kvalitetsdeklarationer"),
            "rows": rows,
            "may_add": request.user.has_perm("quality.add_servicedeclaration"),
            "crumbs": [],
        },
    )


@login_required
def declaration_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "quality.add_servicedeclaration")
    form = DeclarationForm(posted(request), municipality=municipality())
    if request.method == "POST" and form.is_valid():
        if not request.user.has_perm("quality.add_servicedeclaration", form.instance):
            form.add_error(None, OUT_OF_REACH)
        else:
            declaration = form.save()
            messages.success(
                request, _("Deklarationen är skapad som utkast. Skriv nu löftena till medborgarna.")
            )
            return redirect(declaration)
    return render(
        request,
        "quality/form.html",
        {"title": _("Ny kvalitetsdeklaration"), "form": form, "crumbs": _crumbs()},
        status=invalid_status(form) if request.method == "POST" else 200,
    )


@login_required
def declaration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _declaration(request, pk)
    promises = list(declaration.promises.select_related("measure__commitment"))
    results = promise_results(promises, declaration.municipality)
    versions = list(declaration.versions.select_related("decision__body").order_by("-number"))
    user = request.user
    return render(
        request,
        "quality/declaration_detail.html",
        {
            "title": declaration.service,
            "declaration": declaration,
            "promises": promises,
            "table": results_table(promises, results, limit=5),
            "versions": versions,
            "undecided": not versions or versions[0].content != declaration.snapshot(promises),
            "synpunkt_url": synpunkt_url(declaration.code),
            "may_change": user.has_perm("quality.change_servicedeclaration", declaration),
            "may_decide": user.has_perm("quality.decide_servicedeclaration", declaration),
            "crumbs": _crumbs(),
        },
    )


@login_required
def declaration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _declaration(request, pk)
    require(request.user, "quality.change_servicedeclaration", declaration)
    form = DeclarationForm(
        posted(request), instance=declaration, municipality=declaration.municipality
    )
    if request.method == "POST" and form.is_valid():
        if not request.user.has_perm("quality.change_servicedeclaration", form.instance):
            form.add_error(None, OUT_OF_REACH)
        elif save_versioned(form) is not None:
            messages.success(request, _("Ändringen är sparad i utkastet."))
            return redirect(declaration)
    return render(
        request,
        "quality/form.html",
        {
            "title": _("Ändra kvalitetsdeklaration"),
            "form": form,
            "crumbs": [*_crumbs(), (declaration.get_absolute_url(), declaration.service)],
        },
        status=invalid_status(form) if request.method == "POST" else 200,
    )


@login_required
def promise_edit(request: HttpRequest, pk: int, promise_pk: int | None = None) -> HttpResponse:
    """A new promise (no ``promise_pk``) or a change to one."""
    declaration = _declaration(request, pk)
    promise = None
    if promise_pk is not None:
        promise = get_visible_or_404(
            request.user, ServicePromise, pk=promise_pk, declaration=declaration
        )
        require(request.user, "quality.change_servicepromise", promise)
    else:
        require(request.user, "quality.add_servicepromise", declaration)
    if request.method == "POST" and promise is not None and "delete" in request.POST:
        require(request.user, "quality.delete_servicepromise", promise)
        promise.delete()
        messages.success(request, _("Löftet är borttaget ur utkastet."))
        return redirect(declaration)
    form = PromiseForm(
        posted(request),
        instance=promise,
        declaration=declaration,
        year=planning_year(declaration.municipality),
    )
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(form)
        if saved is not None:
            messages.success(request, _("Löftet är sparat i utkastet."))
            return redirect(declaration)
    return render(
        request,
        "quality/promise_form.html",
        {
            "title": _("Ändra löfte") if promise else _("Nytt löfte"),
            "form": form,
            "promise": promise,
            "declaration": declaration,
            "crumbs": [*_crumbs(), (declaration.get_absolute_url(), declaration.service)],
        },
        status=invalid_status(form) if request.method == "POST" else 200,
    )


@login_required
def declaration_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The nämnd has decided the working copy: it becomes the next public version."""
    declaration = _declaration(request, pk)
    require(request.user, "quality.decide_servicedeclaration", declaration)
    form = DecideForm(posted(request), declaration=declaration)
    if request.method == "POST" and form.is_valid():
        try:
            version = declaration.decide(
                form.cleaned_data["decision"], form.cleaned_data["valid_from"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(number)s är fastställd och visas nu för medborgarna.")
                % {"number": version.number},
            )
            return redirect(declaration)
    latest = declaration.latest_version()
    return render(
        request,
        "quality/decide.html",
        {
            "title": _("Fastställ kvalitetsdeklarationen"),
            "form": form,
            "declaration": declaration,
            "latest": latest,
            "promises": list(declaration.promises.all()),
            "crumbs": [*_crumbs(), (declaration.get_absolute_url(), declaration.service)],
        },
        status=400 if request.method == "POST" else 200,
    )
