"""The kvalitetsstrateg's tools: data health, a new planning year, Excel in and out."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from redthread.core.forms import StyledFormMixin
from redthread.core.permissions import get_visible_or_404, require
from redthread.goals import excel, rollover
from redthread.goals.health import health
from redthread.goals.periods import focus_period, planning_year, requested_year
from redthread.organisation.models import Body, Decision, Municipality


@login_required
def data_health(request: HttpRequest) -> HttpResponse:
    require(request.user, "goals.view_data_health")
    municipality = Municipality.objects.current()
    year = requested_year(request, municipality)
    period, periods = focus_period(request, municipality, year)
    return render(
        request,
        "goals/health.html",
        {
            "title": _("Datakvalitet"),
            "year": year,
            "period": period,
            "periods": periods,
            "health": health(municipality, year, period),
        },
    )


@login_required
def new_year(request: HttpRequest) -> HttpResponse:
    """A new planning year in one step: the goal chain carried forward, unfinished activities too."""
    require(request.user, "goals.rollover")
    municipality = Municipality.objects.current()
    from_year = int(
        request.POST.get("from_year") or request.GET.get("fran") or planning_year(municipality)
    )
    if request.method == "POST":
        carried = rollover.roll_over(municipality, from_year)
        total = sum(carried.values())
        if total:
            messages.success(
                request,
                _("Planeringsåret %(year)s är skapat: %(count)s objekt fördes över.")
                % {"year": from_year + 1, "count": total},
            )
        else:
            messages.info(
                request, _("Allt var redan överfört till %(year)s.") % {"year": from_year + 1}
            )
        return redirect(f"{_overview_url()}?ar={from_year + 1}")
    return render(
        request,
        "goals/new_year.html",
        {
            "title": _("Nytt planeringsår"),
            "from_year": from_year,
            "to_year": from_year + 1,
            "preview": rollover.preview(municipality, from_year),
        },
    )


def _overview_url() -> str:
    from django.urls import reverse

    return reverse("goals:overview")


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Ifylld mall (.xlsx)"),
        error_messages={"required": gettext_lazy("Välj den ifyllda Excel-filen.")},
    )
    decision = forms.ModelChoiceField(
        label=gettext_lazy("Beslut som fastställde målvärdena"),
        queryset=Decision.objects.none(),
        required=False,
        help_text=gettext_lazy("Anges när filen innehåller beslutade målvärden."),
    )

    def __init__(self, *args: object, body: Body, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Decision.objects.filter(body__municipality=body.municipality)
            .select_related("body")
            .order_by("-date")
        )


@login_required
def excel_exchange(request: HttpRequest, body_pk: int, year: int) -> HttpResponse:
    body = get_visible_or_404(request.user, Body, pk=body_pk)
    if request.GET.get("format") == "xlsx":
        require(request.user, "goals.view_target")
        response = HttpResponse(
            excel.export(body, year),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="malvarden-utfall-{body.label}-{year}.xlsx"'
        )
        return response
    may_import = request.user.has_perm("goals.exchange_values", body)
    form = ImportForm(request.POST or None, request.FILES or None, body=body)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        require(request.user, "goals.exchange_values", body)
        if form.is_valid():
            try:
                result = excel.import_file(
                    body, year, form.cleaned_data["file"], form.cleaned_data["decision"]
                )
            except excel.ImportRefused as refused:
                errors = refused.errors
                status = 400
            else:
                messages.success(
                    request,
                    _("Importen är klar: %(targets)s målvärden och %(actuals)s utfall sparades.")
                    % {"targets": result.targets, "actuals": result.actuals},
                )
                return redirect("goals:excel", body.pk, year)
        else:
            status = 400
    return render(
        request,
        "goals/excel.html",
        {
            "title": _("Målvärden och utfall i Excel"),
            "body": body,
            "year": year,
            "form": form,
            "errors": errors,
            "may_import": may_import,
        },
        status=status,
    )
