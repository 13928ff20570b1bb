"""Resursfördelningsmodellen: scenarios, their parameters, bridges and comparison; population."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.core.permissions import require
from redthread.finance import allocation as computation
from redthread.finance.forms.allocation import (
    AdjustmentForm,
    AgeGroupForm,
    AllocationModelForm,
    DriverForm,
    PopulationImportForm,
    RatesForm,
)
from redthread.finance.models import (
    AgeGroup,
    AllocationAdjustment,
    AllocationModel,
    AllocationYear,
    DemographicDriver,
    PopulationFigure,
)
from redthread.finance.scb import PopulationError, parse_population
from redthread.finance.views.common import municipality_of


@login_required
def allocations(request: HttpRequest) -> HttpResponse:
    require(request.user, "finance.view_allocationmodel")
    municipality = municipality_of(request)
    models = AllocationModel.objects.filter(municipality=municipality)
    years: dict[int, list[AllocationModel]] = defaultdict(list)
    for model in models:
        years[model.budget_year].append(model)
    return render(
        request,
        "finance/allocations.html",
        {
            "title": _("Resursfördelningsmodell"),
            "years": dict(years),
            "form": AllocationModelForm(),
            "may_edit": request.user.has_perm("finance.add_allocationmodel"),
        },
    )


@login_required
@require_POST
def allocation_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "finance.add_allocationmodel")
    form = AllocationModelForm(
        request.POST, instance=AllocationModel(municipality=municipality_of(request))
    )
    if form.is_valid():
        model = form.save()
        messages.success(
            request, _("Scenariot är skapat. Lägg in pris- och lönekompensation och faktorer.")
        )
        return redirect(model)
    messages.error(request, _("Ange namn och budgetår för scenariot."))
    return redirect("finance:allocations")


def _model(request: HttpRequest, pk: int) -> AllocationModel:
    require(request.user, "finance.view_allocationmodel")
    return get_object_or_404(AllocationModel, pk=pk, municipality=municipality_of(request))


@login_required
def allocation(request: HttpRequest, pk: int) -> HttpResponse:
    """A scenario: its bridges per year and the forms that set its parameters."""
    model = _model(request, pk)
    municipality = municipality_of(request)
    may_edit = request.user.has_perm("finance.change_allocationmodel", model)
    rates = {r.year: r.pkv_percent for r in model.rates.all()}
    action = request.POST.get("action", "")
    rates_form = RatesForm(
        request.POST if action == "rates" else None, years=model.years, rates=rates
    )
    driver_form = DriverForm(
        request.POST if action == "driver" else None,
        instance=DemographicDriver(model=model),
        municipality=municipality,
    )
    adjustment_form = AdjustmentForm(
        request.POST if action == "adjustment" else None,
        instance=AllocationAdjustment(model=model),
        municipality=municipality,
        years=model.years,
    )
    if request.method == "POST":
        require(request.user, "finance.change_allocationmodel", model)
        done = False
        if action == "rates" and rates_form.is_valid():
            with transaction.atomic():
                for year in model.years:
                    value = rates_form.cleaned_data.get(f"pkv-{year}")
                    if value is None:
                        AllocationYear.objects.filter(model=model, year=year).delete()
                    else:
                        AllocationYear.objects.update_or_create(
                            model=model, year=year, defaults={"pkv_percent": value}
                        )
            done = True
        elif action == "driver" and driver_form.is_valid():
            driver_form.save()
            done = True
        elif action == "adjustment" and adjustment_form.is_valid():
            adjustment_form.save()
            done = True
        elif action == "delete-driver":
            DemographicDriver.objects.filter(model=model, pk=_id(request)).delete()
            done = True
        elif action == "delete-adjustment":
            AllocationAdjustment.objects.filter(model=model, pk=_id(request)).delete()
            done = True
        if done:
            messages.success(request, _("Scenariot är uppdaterat."))
            return redirect(model)
    result = computation.compute(model)
    return render(
        request,
        "finance/allocation.html",
        {
            "title": str(model),
            "model": model,
            "result": result,
            "years": [(y, result.for_year(y), result.totals(y)) for y in model.years],
            "drivers": model.drivers.select_related("body", "age_group"),
            "adjustments": model.adjustments.select_related("body"),
            "rates": [(y, rates.get(y)) for y in model.years],
            "rates_form": rates_form,
            "driver_form": driver_form,
            "adjustment_form": adjustment_form,
            "may_edit": may_edit,
            "siblings": AllocationModel.objects.filter(
                municipality=municipality, budget_year=model.budget_year
            ).exclude(pk=model.pk),
        },
        status=400 if request.method == "POST" else 200,
    )


def _id(request: HttpRequest) -> int:
    value = request.POST.get("id", "")
    return int(value) if value.isdigit() else 0


@login_required
def allocation_compare(request: HttpRequest, year: int) -> HttpResponse:
    """Every scenario for a budget year side by side, per nämnd."""
    require(request.user, "finance.view_allocationmodel")
    models = list(
        AllocationModel.objects.filter(municipality=municipality_of(request), budget_year=year)
    )
    if not models:
        raise Http404
    show = int(request.GET["ar"]) if request.GET.get("ar", "").isdigit() else year
    if show not in range(year, year + 4):
        show = year
    rows = computation.compare(models, show)
    totals = [sum(r.proposals[i] for r in rows) for i in range(len(models))]
    return render(
        request,
        "finance/allocation_compare.html",
        {
            "title": _("Scenarier för budget %(year)s") % {"year": year},
            "models": models,
            "rows": rows,
            "totals": totals,
            "year": year,
            "show": show,
            "years": range(year, year + 4),
        },
    )


@login_required
def population(request: HttpRequest) -> HttpResponse:
    require(request.user, "finance.view_populationfigure")
    municipality = municipality_of(request)
    groups = list(AgeGroup.objects.filter(municipality=municipality))
    figures = PopulationFigure.objects.filter(municipality=municipality)
    years = sorted({f.year for f in figures})
    table: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: {"actual": 0, "forecast": 0})
    totals: dict[int, dict[str, int]] = defaultdict(lambda: {"actual": 0, "forecast": 0})
    for fig in figures:
        kind = "forecast" if fig.is_forecast else "actual"
        if fig.age is None:
            totals[fig.year][kind] = max(totals[fig.year][kind], fig.count)
            continue
        totals[fig.year][kind] += fig.count
        for group in groups:
            if group.contains(fig.age):
                table[(group.pk, fig.year)][kind] += fig.count
    rows = []
    for group in groups:
        cells = []
        for year in years:
            values = table.get((group.pk, year))
            cells.append(
                (values["actual"] or None, values["forecast"] or None) if values else (None, None)
            )
        rows.append((group, cells))
    total_cells = [(totals[y]["actual"] or None, totals[y]["forecast"] or None) for y in years]
    action = request.POST.get("action", "")
    group_form = AgeGroupForm(
        request.POST if action == "group" else None, instance=AgeGroup(municipality=municipality)
    )
    if request.method == "POST":
        require(request.user, "finance.add_agegroup")
        if action == "group" and group_form.is_valid():
            group_form.save()
            messages.success(request, _("Åldersgruppen är sparad."))
            return redirect("finance:population")
    return render(
        request,
        "finance/population.html",
        {
            "title": _("Befolkning"),
            "years": years,
            "rows": rows,
            "total_cells": total_cells,
            "form": PopulationImportForm(),
            "group_form": group_form,
            "may_edit": request.user.has_perm("finance.add_populationfigure"),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def population_import(request: HttpRequest) -> HttpResponse:
    """A population file from SCB: the municipality's rows replace the same years and ages."""
    require(request.user, "finance.add_populationfigure")
    municipality = municipality_of(request)
    form = PopulationImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Välj en fil från SCB att läsa in."))
        return redirect("finance:population")
    upload = form.cleaned_data["file"]
    is_forecast = form.cleaned_data["is_forecast"]
    try:
        parsed = parse_population(upload.read())
        values = parsed.for_region(municipality.code)
        if not values:
            found = ", ".join(
                f"{code} {parsed.labels.get(code, '')}".strip() for code in parsed.regions[:5]
            )
            raise PopulationError(
                _(
                    "Filen innehåller inga värden för %(name)s (%(code)s). Regioner i filen: %(found)s."
                )
                % {"name": municipality.name, "code": municipality.code, "found": found}
            )
        with transaction.atomic():
            for (age, year), count in sorted(
                values.items(), key=lambda item: (item[0][1], item[0][0] or -1)
            ):
                figure = PopulationFigure.objects.filter(
                    municipality=municipality, year=year, age=age, is_forecast=is_forecast
                ).first()
                if figure is None:
                    PopulationFigure.objects.create(
                        municipality=municipality,
                        year=year,
                        age=age,
                        count=count,
                        is_forecast=is_forecast,
                        source=upload.name[:200],
                    )
                elif figure.count != count:
                    figure.count = count
                    figure.source = upload.name[:200]
                    figure.save()
    except (PopulationError, ValidationError) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(
            request, _("Filen lästes inte in och inget ändrades. %(reason)s") % {"reason": text}
        )
    else:
        for warning in parsed.warnings:
            messages.warning(request, warning)
        messages.success(request, _("%(count)s värden är inlästa.") % {"count": len(values)})
    return redirect("finance:population")
