"""Follow-up: the month report per nämnd, forecasts, and the municipality's result."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from redthread.core.permissions import require
from redthread.cycle.models import MONTH_NAMES, PeriodClosed, ReportingPeriod
from redthread.finance import charts, figures
from redthread.finance.forms.followup import ForecastForm
from redthread.finance.models import ActivityCode, BudgetLine, BudgetYear, Forecast
from redthread.finance.views.common import body_or_404, current_year, municipality_of
from redthread.organisation.models import Body


@login_required
def followup_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "finance.view_budgetyear")
    municipality = municipality_of(request)
    year = current_year()
    month = figures.last_month_with_data(municipality, year)
    if not month:
        previous = figures.last_month_with_data(municipality, year - 1)
        if previous:
            year, month = year - 1, previous
        else:
            month = 1
    return redirect("finance:month_report", year, month)


def _check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise Http404


@login_required
def month_report(request: HttpRequest, year: int, month: int) -> HttpResponse:
    require(request.user, "finance.view_budgetyear")
    _check_month(month)
    municipality = municipality_of(request)
    report = figures.month_report(municipality, year, month)
    totals = report.totals
    chart = charts.grouped_bars(
        title=_("Budget och utfall till och med %(month)s %(year)s")
        % {"month": MONTH_NAMES[month - 1], "year": year},
        description=_("Nettokostnad per nämnd: budget till och med månaden och utfall."),
        categories=[row.label for row in report.rows],
        series=[
            (
                _("Budget till och med månaden"),
                "bar-budget",
                [r.budget_to_date for r in report.rows],
            ),
            (_("Utfall"), "bar-actual", [r.actual for r in report.rows]),
        ],
    )
    return render(
        request,
        "finance/month_report.html",
        {
            "title": _("Månadsrapport %(month)s %(year)s")
            % {"month": MONTH_NAMES[month - 1], "year": year},
            "report": report,
            "totals": totals,
            "chart": chart,
            "comments": [(r.label, r.forecast_comment) for r in report.rows if r.forecast_comment],
            "year": year,
            "month": month,
            "month_name": MONTH_NAMES[month - 1],
            "months": [(m, MONTH_NAMES[m - 1]) for m in range(1, 13)],
            "previous": (year, month - 1) if month > 1 else (year - 1, 12),
            "next": (year, month + 1) if month < 12 else (year + 1, 1),
        },
    )


@login_required
def month_report_body(request: HttpRequest, year: int, month: int, body: int) -> HttpResponse:
    require(request.user, "finance.view_budgetyear")
    _check_month(month)
    the_body = body_or_404(request, body)
    municipality = municipality_of(request)
    rows = figures.body_report(municipality, the_body, year, month)
    budget_year = BudgetYear.objects.filter(municipality=municipality, year=year).first()
    period = figures.latest_forecast_period(municipality, year, month)
    forecast = (
        Forecast.objects.filter(period=period, body=the_body, activity__isnull=True).first()
        if period
        else None
    )
    return render(
        request,
        "finance/month_report_body.html",
        {
            "title": _("%(body)s: månadsrapport %(month)s %(year)s")
            % {"body": the_body.name, "month": MONTH_NAMES[month - 1], "year": year},
            "body": the_body,
            "rows": rows,
            "year": year,
            "month": month,
            "month_name": MONTH_NAMES[month - 1],
            "budget_year": budget_year,
            "total_budget": budget_year.total_budget(the_body) if budget_year else 0,
            "period": period,
            "forecast": forecast,
            "sum_actual": sum(r.actual for r in rows),
            "sum_last": sum(r.last_year for r in rows),
            "sum_budget_to_date": sum(r.budget_to_date for r in rows),
        },
    )


@login_required
def result(request: HttpRequest, year: int) -> HttpResponse:
    """The municipality's result: budget, outcome so far and forecast, with a chart per month."""
    require(request.user, "finance.view_budgetyear")
    municipality = municipality_of(request)
    budget_year = BudgetYear.objects.filter(municipality=municipality, year=year).first()
    month = figures.last_month_with_data(municipality, year)
    report = figures.month_report(municipality, year, month or 12)
    budgeted = budget_year.budgeted_result() if budget_year else None
    deviations = [row.forecast_deviation for row in report.rows if row.forecast is not None]
    forecast = (
        None if budgeted is None or not deviations else budgeted + sum(d or 0 for d in deviations)
    )
    by_month = figures.monthly_result(municipality, year)
    chart = charts.column_bars(
        title=_("Resultat per månad %(year)s") % {"year": year},
        description=_(
            "Intäkter minus kostnader per månad enligt huvudboken; staplar under noll är underskott."
        ),
        categories=[str(MONTH_NAMES[m - 1])[:3] for m in range(1, 13)],
        values=[by_month.get(m) for m in range(1, 13)],
    )
    return render(
        request,
        "finance/result.html",
        {
            "title": _("Kommunens resultat %(year)s") % {"year": year},
            "year": year,
            "budget_year": budget_year,
            "budgeted": budgeted,
            "actual": figures.result_to_date(municipality, year, month or 12) if month else None,
            "month": month,
            "month_name": MONTH_NAMES[month - 1] if month else "",
            "forecast": forecast,
            "forecast_period": report.forecast_period,
            "chart": chart,
            "by_month": [(MONTH_NAMES[m - 1], by_month.get(m)) for m in range(1, 13)],
            "report": report,
        },
    )


def _forecast_period(request: HttpRequest, pk: int) -> ReportingPeriod:
    period = get_object_or_404(
        ReportingPeriod,
        pk=pk,
        municipality=municipality_of(request),
        kind=ReportingPeriod.Kind.FORECAST,
    )
    return period


@login_required
def forecasts(request: HttpRequest, period: int) -> HttpResponse:
    require(request.user, "finance.view_forecast")
    the_period = _forecast_period(request, period)
    municipality = municipality_of(request)
    report = figures.month_report(municipality, the_period.year, the_period.end_date.month)
    mine = {
        row.key
        for row in report.rows
        if row.body is not None and request.user.has_perm("finance.change_forecast", row.body)
    }
    periods = ReportingPeriod.objects.filter(
        municipality=municipality, kind=ReportingPeriod.Kind.FORECAST
    ).order_by("-end_date")
    return render(
        request,
        "finance/forecasts.html",
        {
            "title": the_period.label,
            "period": the_period,
            "report": report,
            "mine": mine,
            "periods": periods,
            "is_current": report.forecast_period == the_period,
        },
    )


@login_required
def forecast_edit(request: HttpRequest, period: int, body: int) -> HttpResponse:
    """A nämnd's forecast: the whole and each verksamhet in its detail budget, with comments."""
    the_period = _forecast_period(request, period)
    the_body = body_or_404(request, body)
    require(request.user, "finance.view_forecast")
    municipality = municipality_of(request)
    may_edit = request.user.has_perm("finance.change_forecast", the_body)
    budget_year = BudgetYear.objects.filter(municipality=municipality, year=the_period.year).first()
    activity_ids = (
        BudgetLine.objects.filter(budget_year=budget_year, body=the_body).values_list(
            "activity_id", flat=True
        )
        if budget_year
        else []
    )
    activities = list(ActivityCode.objects.filter(pk__in=set(activity_ids)))
    existing = {
        (f.activity.code if f.activity else ""): f
        for f in Forecast.objects.filter(period=the_period, body=the_body).select_related(
            "activity"
        )
    }
    form = ForecastForm(
        request.POST or None,
        activities=activities,
        initial_values={code: (f.amount, f.comment) for code, f in existing.items()},
    )
    if request.method == "POST":
        require(request.user, "finance.change_forecast", the_body)
        try:
            the_period.ensure_writable()
        except PeriodClosed as error:
            form.add_error(None, " ".join(error.messages))
        if not form.errors and form.is_valid():
            with transaction.atomic():
                _save_forecast(
                    the_period,
                    the_body,
                    None,
                    form.cleaned_data["total"],
                    form.cleaned_data["comment"],
                    existing.get(""),
                )
                for activity in activities:
                    _save_forecast(
                        the_period,
                        the_body,
                        activity,
                        form.cleaned_data.get(f"a-{activity.code}"),
                        form.cleaned_data.get(f"c-{activity.code}", ""),
                        existing.get(activity.code),
                    )
            messages.success(request, _("Prognosen är sparad."))
            return redirect("finance:forecasts", the_period.pk)
    report = figures.month_report(municipality, the_period.year, the_period.end_date.month)
    row = next((r for r in report.rows if r.key == the_body.pk), None)
    return render(
        request,
        "finance/forecast_edit.html",
        {
            "title": _("Prognos %(body)s, %(period)s")
            % {"body": the_body.name, "period": the_period.label},
            "period": the_period,
            "body": the_body,
            "form": form,
            "row": row,
            "may_edit": may_edit and the_period.is_writable,
            "activity_rows": figures.body_report(
                municipality, the_body, the_period.year, the_period.end_date.month
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


def _save_forecast(
    period: ReportingPeriod,
    body: Body,
    activity: ActivityCode | None,
    amount: int | None,
    comment: str,
    current: Forecast | None,
) -> None:
    if amount is None:
        if current is not None:
            current.delete()
        return
    if current is None:
        Forecast.objects.create(
            period=period, body=body, activity=activity, amount=amount, comment=comment
        )
    elif current.amount != amount or current.comment != comment:
        current.amount = amount
        current.comment = comment
        current.save()
