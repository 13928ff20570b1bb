"""Internal rent, lokalanpassning, the IT model and the internal charges they produce."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from redthread.core.permissions import require
from redthread.cycle.models import MONTH_NAMES
from redthread.finance.charges import generate_charges
from redthread.finance.forms.internal import (
    ChargesForm,
    ItItemForm,
    ItModelForm,
    LeaseForm,
    PremisesForm,
    PremisesStateForm,
)
from redthread.finance.models import (
    BudgetYear,
    InternalCharge,
    InternalLease,
    ItChargeModel,
    ItUsage,
    PremisesAdaptation,
)
from redthread.finance.views.common import current_year, municipality_of
from redthread.organisation.models import Unit


@login_required
def leases(request: HttpRequest) -> HttpResponse:
    require(request.user, "finance.view_internallease")
    municipality = municipality_of(request)
    year = current_year()
    items = list(
        InternalLease.objects.filter(municipality=municipality).select_related("landlord", "tenant")
    )
    total_area = sum(lease.area_m2 for lease in items)
    return render(
        request,
        "finance/leases.html",
        {
            "title": _("Internhyror"),
            "leases": [(lease, lease.rent_for_year(year)) for lease in items],
            "year": year,
            "total_area": total_area,
            "total_rent": sum(
                lease.rent_for_year(year)
                for lease in items
                if lease.is_active_in(year, 12) or lease.is_active_in(year, 1)
            ),
            "may_edit": request.user.has_perm("finance.add_internallease"),
        },
    )


@login_required
def lease_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "finance.add_internallease")
    municipality = municipality_of(request)
    landlord = Unit.objects.filter(municipality=municipality, name__icontains="teknik").first()
    form = LeaseForm(
        request.POST or None,
        instance=InternalLease(municipality=municipality),
        municipality=municipality,
        initial={"landlord": landlord.pk if landlord else None},
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Hyresavtalet är sparat."))
        return redirect("finance:leases")
    return render(
        request,
        "finance/lease_form.html",
        {"title": _("Nytt internt hyresavtal"), "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def lease_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "finance.view_internallease")
    municipality = municipality_of(request)
    lease = get_object_or_404(InternalLease, pk=pk, municipality=municipality)
    form = LeaseForm(request.POST or None, instance=lease, municipality=municipality)
    if request.method == "POST":
        require(request.user, "finance.change_internallease", lease)
        if form.is_valid():
            form.save()
            messages.success(request, _("Hyresavtalet är sparat."))
            return redirect("finance:leases")
    year = current_year()
    return render(
        request,
        "finance/lease_form.html",
        {
            "title": str(lease),
            "form": form,
            "lease": lease,
            "may_edit": request.user.has_perm("finance.change_internallease", lease),
            "schedule": [(y, lease.rent_for_year(y)) for y in range(year - 1, year + 3)],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def charges(request: HttpRequest, year: int) -> HttpResponse:
    """The internal charges of a year per nämnd and month; the ekonom produces a month's."""
    require(request.user, "finance.view_internalcharge")
    municipality = municipality_of(request)
    form = ChargesForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "finance.add_internalcharge")
        if form.is_valid():
            month = form.cleaned_data["month"]
            try:
                count = generate_charges(municipality, year, month)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("%(count)s debiteringar är skapade för %(month)s %(year)s.")
                    % {"count": count, "month": MONTH_NAMES[month - 1], "year": year},
                )
            return redirect("finance:charges", year)
        status = 400
    else:
        status = 200
    rows = (
        InternalCharge.objects.filter(municipality=municipality, year=year)
        .values("body__name", "kind", "month")
        .annotate(total=Sum("amount"))
        .order_by("body__name", "kind", "month")
    )
    table: dict[tuple[str, str], list[int | None]] = defaultdict(lambda: [None] * 12)
    for row in rows:
        table[(row["body__name"] or "–", row["kind"])][row["month"] - 1] = row["total"]
    labels = dict(InternalCharge.Kind.choices)
    return render(
        request,
        "finance/charges.html",
        {
            "title": _("Interna debiteringar %(year)s") % {"year": year},
            "year": year,
            "rows": [
                (body, labels[kind], months, sum(v or 0 for v in months))
                for (body, kind), months in sorted(table.items())
            ],
            "month_names": [str(m)[:3] for m in MONTH_NAMES],
            "form": form,
            "may_edit": request.user.has_perm("finance.add_internalcharge"),
        },
        status=status,
    )


def _administrations(request: HttpRequest) -> object:
    municipality = municipality_of(request)
    units = Unit.objects.filter(municipality=municipality).administrations()
    if request.user.has_perm("finance.add_budgetyear"):
        return units
    return units.filter(path__in=list(request.user.scope.headed_paths))  # type: ignore[union-attr]


@login_required
def premises(request: HttpRequest, year: int) -> HttpResponse:
    """Lokalanpassning: orders drawn against the year's appropriation."""
    require(request.user, "finance.view_premisesadaptation")
    municipality = municipality_of(request)
    budget_year = BudgetYear.objects.filter(municipality=municipality, year=year).first()
    appropriation = budget_year.premises_appropriation if budget_year else 0
    orders = PremisesAdaptation.objects.filter(municipality=municipality, year=year).select_related(
        "ordered_by"
    )
    drawn = PremisesAdaptation.drawn(municipality, year)
    units = _administrations(request)
    form = PremisesForm(
        request.POST if request.POST.get("action") == "order" else None,
        instance=PremisesAdaptation(municipality=municipality, year=year),
        units=units,
    )
    if request.method == "POST":
        if request.POST.get("action") == "state":
            order = get_object_or_404(
                PremisesAdaptation, pk=request.POST.get("id"), municipality=municipality
            )
            require(request.user, "finance.change_premisesadaptation", order)
            state_form = PremisesStateForm(request.POST)
            if state_form.is_valid():
                order.state = state_form.cleaned_data["state"]
                try:
                    order.full_clean()
                    order.save()
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
            return redirect("finance:premises", year)
        require(request.user, "finance.add_premisesadaptation")
        if form.is_valid():
            form.save()
            messages.success(request, _("Beställningen är registrerad."))
            return redirect("finance:premises", year)
    return render(
        request,
        "finance/premises.html",
        {
            "title": _("Lokalanpassning %(year)s") % {"year": year},
            "year": year,
            "appropriation": appropriation,
            "drawn": drawn,
            "remaining": appropriation - drawn,
            "orders": orders,
            "form": form,
            "states": PremisesAdaptation.State.choices,
            "may_order": request.user.has_perm("finance.add_premisesadaptation"),
            "may_change": request.user.has_perm("finance.change_premisesadaptation"),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def it(request: HttpRequest, year: int) -> HttpResponse:
    """The IT model: the central infrastructure frame, the price list, counts and charges."""
    require(request.user, "finance.view_itchargemodel")
    municipality = municipality_of(request)
    model = ItChargeModel.objects.filter(municipality=municipality, year=year).first()
    units = list(Unit.objects.filter(municipality=municipality).administrations())
    action = request.POST.get("action", "")
    model_form = ItModelForm(
        request.POST if action == "model" else None,
        instance=model or ItChargeModel(municipality=municipality, year=year),
        municipality=municipality,
    )
    item_form = ItItemForm(request.POST if action == "item" else None)
    if request.method == "POST":
        require(request.user, "finance.change_itchargemodel")
        if action == "model" and model_form.is_valid():
            model_form.save()
            messages.success(request, _("It-modellen är sparad."))
            return redirect("finance:it", year)
        if action == "item" and model is not None and item_form.is_valid():
            item = item_form.save(commit=False)
            item.model = model
            item.save()
            messages.success(request, _("Posten är tillagd i prislistan."))
            return redirect("finance:it", year)
        if action == "usage" and model is not None:
            errors = _save_usage(request, model, units)
            if not errors:
                messages.success(request, _("Antalen är sparade."))
                return redirect("finance:it", year)
            for error in errors:
                messages.error(request, error)
    items = list(model.items.all()) if model else []
    counts = (
        {(u.item_id, u.unit_id): u.count for u in ItUsage.objects.filter(item__model=model)}
        if model
        else {}
    )
    matrix = [
        (item, [(unit, counts.get((item.pk, unit.pk), 0)) for unit in units]) for item in items
    ]
    charge_by_unit = model.charges_by_unit() if model else {}
    return render(
        request,
        "finance/it.html",
        {
            "title": _("It-finansiering %(year)s") % {"year": year},
            "year": year,
            "model": model,
            "units": units,
            "matrix": matrix,
            "charges": [(unit, charge_by_unit.get(unit.pk, 0)) for unit in units],
            "total_charges": sum(charge_by_unit.values()),
            "model_form": model_form,
            "item_form": item_form,
            "may_edit": request.user.has_perm("finance.change_itchargemodel"),
        },
        status=400 if request.method == "POST" else 200,
    )


def _save_usage(request: HttpRequest, model: ItChargeModel, units: list[Unit]) -> list[str]:
    errors = []
    values = {}
    for item in model.items.all():
        for unit in units:
            raw = request.POST.get(f"u-{item.pk}-{unit.pk}", "").strip() or "0"
            if not raw.isdigit():
                errors.append(
                    _("Antalet för %(item)s, %(unit)s ska vara ett heltal.")
                    % {"item": item.name, "unit": unit.name}
                )
                continue
            values[(item, unit)] = int(raw)
    if errors:
        return errors
    with transaction.atomic():
        for (item, unit), count in values.items():
            usage = ItUsage.objects.filter(item=item, unit=unit).first()
            if usage is None:
                if count:
                    ItUsage.objects.create(item=item, unit=unit, count=count)
            elif usage.count != count:
                usage.count = count
                usage.save()
    return []
