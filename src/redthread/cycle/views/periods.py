"""Reporting periods: the year's rounds, and closing, locking and reopening them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redthread.core.permissions import get_visible_or_404, require
from redthread.cycle.forms import ReopenForm
from redthread.cycle.models import ReportingPeriod
from redthread.cycle.views.common import requested_year
from redthread.organisation.models import Municipality


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "cycle.view_reportingperiod")
    municipality = Municipality.objects.current()
    years = sorted(
        set(
            ReportingPeriod.objects.filter(municipality=municipality).values_list("year", flat=True)
        ),
        reverse=True,
    )
    year = requested_year(request)
    periods = ReportingPeriod.objects.filter(municipality=municipality, year=year)
    return render(
        request,
        "cycle/period_list.html",
        {
            "title": _("Rapportperioder %(year)s") % {"year": year},
            "year": year,
            "years": years,
            "periods": periods,
            "today": timezone.localdate(),
        },
    )


@login_required
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_visible_or_404(request.user, ReportingPeriod, pk=pk)
    may_change = request.user.has_perm("cycle.change_reportingperiod", period)
    return render(
        request,
        "cycle/period_detail.html",
        {
            "title": period.label,
            "period": period,
            "may_change": may_change,
            "reopen_form": ReopenForm() if may_change else None,
        },
    )


@login_required
@require_POST
def period_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    period = get_visible_or_404(request.user, ReportingPeriod, pk=pk)
    require(request.user, "cycle.change_reportingperiod", period)
    try:
        if action == "open":
            period.open()
            messages.success(
                request, _("%(period)s är öppen för rapportering.") % {"period": period}
            )
        elif action == "close":
            period.close()
            messages.success(
                request,
                _(
                    "%(period)s är stängd. Uppföljningar, utfall och målvärden i perioden kan inte längre ändras."
                )
                % {"period": period},
            )
        elif action == "lock":
            period.lock()
            messages.success(request, _("%(period)s är låst.") % {"period": period})
        elif action == "reopen":
            form = ReopenForm(request.POST)
            if not form.is_valid():
                return render(
                    request,
                    "cycle/period_detail.html",
                    {
                        "title": period.label,
                        "period": period,
                        "may_change": True,
                        "reopen_form": form,
                    },
                    status=400,
                )
            period.reopen(form.cleaned_data["decision"], form.cleaned_data["reason"])
            messages.success(request, _("%(period)s är öppen igen.") % {"period": period})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(period)
