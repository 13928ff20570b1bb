"""Budget year pages: frames with plan years, central items, adopting the årsbudget."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.core.permissions import require
from redthread.finance.forms.budget import AdoptForm, BudgetYearForm, FramesForm, NewBudgetYearForm
from redthread.finance.forms.common import budget_bodies
from redthread.finance.models import (
    BudgetChange,
    BudgetYear,
    OperatingFrame,
    UnallocatedReserve,
)
from redthread.finance.views.common import budget_year_or_404, current_year, municipality_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The finance front page: the budget years and the way into every part."""
    require(request.user, "finance.view_budgetyear")
    municipality = municipality_of(request)
    years = list(BudgetYear.objects.filter(municipality=municipality).order_by("-year"))
    this_year = current_year()
    current = next((y for y in years if y.year == this_year), years[0] if years else None)
    return render(
        request,
        "finance/home.html",
        {
            "title": _("Ekonomi"),
            "years": years,
            "current": current,
            "new_year_form": NewBudgetYearForm(
                initial={"year": (years[0].year + 1) if years else this_year}
            ),
            "may_edit": request.user.has_perm("finance.add_budgetyear"),
            "reads_ledger": request.user.has_perm("finance.view_ledgerimport"),
        },
    )


@login_required
@require_POST
def budget_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "finance.add_budgetyear")
    form = NewBudgetYearForm(request.POST)
    municipality = municipality_of(request)
    if form.is_valid():
        year = form.cleaned_data["year"]
        budget_year, created = BudgetYear.objects.get_or_create(
            municipality=municipality, year=year
        )
        if created:
            messages.success(request, _("Budgetår %(year)s är skapat.") % {"year": year})
        return redirect(budget_year)
    messages.error(request, _("Ange ett budgetår mellan 2000 och 2100."))
    return redirect("finance:home")


@login_required
def budget(request: HttpRequest, year: int) -> HttpResponse:
    """The budget year: frames per nämnd for the budget year and plan years, and totalbudget."""
    budget_year = budget_year_or_404(request, year)
    municipality = municipality_of(request)
    frames = budget_year.frames()
    totals = budget_year.total_budgets()
    bodies = [
        b
        for b in budget_bodies(municipality)
        if b.pk in totals or any((b.pk, y) in frames for y in budget_year.years)
    ]
    rows = [
        {
            "body": body,
            "frames": [frames.get((body.pk, y)) for y in budget_year.years],
            "total": totals.get(body.pk),
        }
        for body in bodies
    ]
    sums = [sum(frames.get((b.pk, y), 0) for b in bodies) for y in budget_year.years]
    reserve = budget_year.reserve_or_none()
    return render(
        request,
        "finance/budget.html",
        {
            "title": str(budget_year),
            "budget_year": budget_year,
            "rows": rows,
            "sums": sums,
            "total_sum": sum(totals.values()),
            "reserve": reserve,
            "annual": budget_year.changes.filter(kind=BudgetChange.Kind.ANNUAL).first(),
            "change_count": budget_year.changes.count(),
            "may_edit": request.user.has_perm("finance.change_budgetyear", budget_year),
            "adopt_form": AdoptForm(municipality=municipality),
        },
    )


@login_required
def budget_edit(request: HttpRequest, year: int) -> HttpResponse:
    budget_year = budget_year_or_404(request, year)
    require(request.user, "finance.change_budgetyear", budget_year)
    reserve = budget_year.reserve_or_none()
    form = BudgetYearForm(
        request.POST or None,
        instance=budget_year,
        initial={"reserve": reserve.amount if reserve else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.save()
                amount = form.cleaned_data.get("reserve")
                if amount is not None:
                    reserve = reserve or UnallocatedReserve(budget_year=budget_year, amount=0)
                    if reserve.amount != amount or reserve.pk is None:
                        reserve.amount = amount
                        reserve.full_clean()
                        reserve.save()
        except ValidationError as error:
            form.add_error("reserve", error.messages[0] if error.messages else "")
        else:
            messages.success(request, _("Budgetåret är sparat."))
            return redirect(budget_year)
    return render(
        request,
        "finance/budget_edit.html",
        {
            "title": _("Ändra %(budget)s") % {"budget": budget_year},
            "budget_year": budget_year,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def frames_edit(request: HttpRequest, year: int) -> HttpResponse:
    """Driftramar per nämnd for the budget year and the three plan years, in one grid."""
    budget_year = budget_year_or_404(request, year)
    require(request.user, "finance.change_operatingframe", budget_year)
    bodies = list(budget_bodies(municipality_of(request)))
    form = FramesForm(request.POST or None, budget_year=budget_year, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data.get("decision")
        with transaction.atomic():
            existing = {(f.body_id, f.year): f for f in budget_year.operating_frames.all()}
            for body in bodies:
                for y in budget_year.years:
                    amount = form.cleaned_data.get(f"f-{body.pk}-{y}")
                    frame = existing.get((body.pk, y))
                    if amount is None:
                        if frame is not None:
                            frame.delete()
                        continue
                    if frame is None:
                        OperatingFrame.objects.create(
                            budget_year=budget_year,
                            body=body,
                            year=y,
                            amount=amount,
                            decision=decision,
                        )
                    elif frame.amount != amount or (decision and frame.decision_id != decision.pk):
                        frame.amount = amount
                        frame.decision = decision or frame.decision
                        frame.save()
            if decision is not None and budget_year.state == BudgetYear.State.DRAFT:
                budget_year.state = BudgetYear.State.PRELIMINARY
                budget_year.save()
        messages.success(request, _("Driftramarna är sparade."))
        return redirect(budget_year)
    return render(
        request,
        "finance/frames_edit.html",
        {
            "title": _("Driftramar %(year)s") % {"year": year},
            "budget_year": budget_year,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def budget_adopt(request: HttpRequest, year: int) -> HttpResponse:
    """Årsbudget per nämnd from the frames, citing KF's decision on mål och budget."""
    budget_year = budget_year_or_404(request, year)
    require(request.user, "finance.add_budgetchange", budget_year)
    form = AdoptForm(request.POST, municipality=municipality_of(request))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("decision") or []))
        return redirect(budget_year)
    try:
        budget_year.adopt_frames(form.cleaned_data["decision"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Årsbudgeten är fastställd per nämnd."))
    return redirect(budget_year)
