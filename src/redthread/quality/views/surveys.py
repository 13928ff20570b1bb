"""Surveys: the list, one survey with its results, the import, and the årsplan för kundundersökningar."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from redthread.core.formatting import number
from redthread.core.forms import invalid_status, save_versioned
from redthread.core.permissions import get_visible_or_404, require
from redthread.cycle.models import MONTH_NAMES
from redthread.quality.forms import SurveyForm, SurveyImportForm
from redthread.quality.models import Survey, SurveyIndex, SurveyKind, SurveyResult
from redthread.quality.survey_import import ImportRefused, import_results
from redthread.quality.views.common import OUT_OF_REACH, crumbs, municipality, posted, year_of


def _crumbs() -> list[tuple[str, str]]:
    return crumbs(("quality:surveys", _("Undersökningar")))


def _survey(request: HttpRequest, pk: int) -> Survey:
    survey: Survey = get_visible_or_404(
        request.user, Survey.objects.select_related("unit"), pk=pk, municipality=municipality()
    )
    return survey


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    """Medarbetarenkäter and medborgarundersökningar over the years; the units' own per year."""
    require(request.user, "quality.view_survey")
    m = municipality()
    surveys = list(
        Survey.objects.filter(municipality=m)
        .exclude(kind=SurveyKind.CUSTOMER)
        .select_related("unit")
        .order_by("-year", "kind")
    )
    customer_years = sorted(
        set(
            Survey.objects.filter(municipality=m, kind=SurveyKind.CUSTOMER).values_list(
                "year", flat=True
            )
        ),
        reverse=True,
    )
    return render(
        request,
        "quality/survey_list.html",
        {
            "title": _("Undersökningar"),
            "surveys": surveys,
            "customer_years": customer_years,
            "indexes": list(SurveyIndex.objects.filter(municipality=m).select_related("indicator")),
            "may_add": request.user.has_perm("quality.add_survey"),
            "crumbs": [],
        },
    )


@login_required
def customer_plan(request: HttpRequest, year: int) -> HttpResponse:
    """Årsplan för kundundersökningar: which unit asks which customers what, when, and what came of it."""
    require(request.user, "quality.view_survey")
    m = municipality()
    surveys = list(
        Survey.objects.customer_plan(m, year)
        .select_related("unit")
        .prefetch_related("proposals")
        .order_by("month", "unit__name")
    )
    by_month: dict[int, list[Survey]] = defaultdict(list)
    for survey in surveys:
        by_month[survey.month].append(survey)
    return render(
        request,
        "quality/customer_plan.html",
        {
            "title": _("Årsplan för kundundersökningar %(year)s") % {"year": year},
            "year": year,
            "months": [(MONTH_NAMES[n - 1], by_month[n]) for n in sorted(by_month)],
            "count": len(surveys),
            "done": sum(1 for s in surveys if s.state == Survey.State.DONE),
            "may_add": request.user.has_perm("quality.add_survey"),
            "crumbs": _crumbs(),
        },
    )


@login_required
def customer_plan_current(request: HttpRequest) -> HttpResponse:
    require(request.user, "quality.view_survey")
    return redirect("quality:customer_plan", year=year_of(request, municipality()))


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    results = list(
        SurveyResult.objects.filter(survey=survey).select_related("index__indicator", "unit")
    )
    by_index: dict[Any, list[SurveyResult]] = defaultdict(list)
    for result in results:
        by_index[result.index].append(result)
    sections = []
    for index, rows in sorted(by_index.items(), key=lambda kv: (kv[0].order, kv[0].code)):
        total = next((r for r in rows if r.unit_id is None), None)
        units = sorted((r for r in rows if r.unit_id is not None), key=lambda r: r.unit.name)  # type: ignore[union-attr]
        indicator = index.indicator_for_year(survey.year) if total else None
        sections.append({"index": index, "total": total, "units": units, "indicator": indicator})
    return render(
        request,
        "quality/survey_detail.html",
        {
            "title": str(survey),
            "survey": survey,
            "sections": sections,
            "month": MONTH_NAMES[survey.month - 1],
            "proposals": list(survey.proposals.all()),
            "may_change": request.user.has_perm("quality.change_survey", survey),
            "crumbs": _crumbs(),
        },
    )


def _back(survey: Survey | None) -> list[tuple[str, str]]:
    if survey is None:
        return _crumbs()
    return [*_crumbs(), (survey.get_absolute_url(), str(survey))]


@login_required
def survey_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "quality.add_survey")
    m = municipality()
    initial: dict[str, Any] = {"year": year_of(request, m), "kind": SurveyKind.CUSTOMER}
    form = SurveyForm(posted(request), initial=initial, municipality=m)
    if request.method == "POST" and form.is_valid():
        if not request.user.has_perm("quality.change_survey", form.instance):
            form.add_error(None, OUT_OF_REACH)
        else:
            survey = form.save()
            messages.success(request, _("Undersökningen är inlagd i planen."))
            return redirect(survey)
    return render(
        request,
        "quality/form.html",
        {"title": _("Ny undersökning"), "form": form, "crumbs": _back(None)},
        status=invalid_status(form) if request.method == "POST" else 200,
    )


@login_required
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    require(request.user, "quality.change_survey", survey)
    form = SurveyForm(posted(request), instance=survey, municipality=survey.municipality)
    if request.method == "POST" and form.is_valid():
        if not request.user.has_perm("quality.change_survey", form.instance):
            form.add_error(None, OUT_OF_REACH)
        elif save_versioned(form) is not None:
            messages.success(request, _("Undersökningen är ändrad."))
            return redirect(survey)
    return render(
        request,
        "quality/form.html",
        {"title": _("Ändra undersökning"), "form": form, "crumbs": _back(survey)},
        status=invalid_status(form) if request.method == "POST" else 200,
    )


@login_required
def survey_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Results in from a CSV or Excel file: all rows or none, each error naming its row or cell."""
    survey = _survey(request, pk)
    require(request.user, "quality.change_survey", survey)
    form = SurveyImportForm(posted(request), request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_results(survey, upload, upload.name)
        except ImportRefused as refused:
            errors = refused.errors
        else:
            text = _("%(rows)s resultat är inlästa för %(units)s enheter.") % {
                "rows": result.rows,
                "units": result.units,
            }
            for indicator, period, value in result.indicators:
                text += " " + _("%(indicator)s fick värdet %(value)s för %(period)s.") % {
                    "indicator": indicator.title,
                    "value": number(value, indicator.decimals),
                    "period": period.label,
                }
            messages.success(request, text)
            return redirect(survey)
    indexes = SurveyIndex.objects.filter(municipality=survey.municipality, kind=survey.kind)
    return render(
        request,
        "quality/survey_import.html",
        {
            "title": _("Läs in resultat"),
            "survey": survey,
            "form": form,
            "errors": errors,
            "indexes": list(indexes),
            "crumbs": _back(survey),
        },
        status=400 if request.method == "POST" else 200,
    )
