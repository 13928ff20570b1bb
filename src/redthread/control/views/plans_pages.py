"""Internkontrollplaner: a plan, its decision, its control points, and KS's common points."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from redthread.control.forms import (
    CommonControlPointForm,
    CommonCopyForm,
    ControlPointForm,
    DecisionPickForm,
    PlanForm,
    ReportForm,
)
from redthread.control.models import (
    CommonControlPoint,
    ControlPlan,
    ControlPoint,
    ControlReport,
    ControlResult,
    RiskAssessment,
    bodies_with_control,
    report_periods_for,
)
from redthread.control.views.common import (
    drafting_bodies,
    form_page,
    municipality,
    readable_bodies,
    settings_for,
    year_from,
)
from redthread.core.permissions import get_visible_or_404, require
from redthread.cycle.models import ReportingPeriod


def _plan_crumbs(plan: ControlPlan) -> list[tuple[str, str]]:
    return [
        (reverse("control:plans") + f"?ar={plan.year}", _("Planer %(year)s") % {"year": plan.year}),
        (plan.get_absolute_url(), plan.body.label),
    ]


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    """A new plan for a nämnd and year; the year's common control points come with it."""
    require(request.user, "control.add_controlplan")
    m = municipality()
    bodies = drafting_bodies(request, m)
    initial: dict[str, Any] = {"year": year_from(request)}
    if request.GET.get("organ"):
        initial["body"] = request.GET["organ"]
    form = PlanForm(request.POST or None, bodies=bodies, initial=initial)
    if request.method == "POST" and form.is_valid():
        require(request.user, "control.add_controlplan", form.cleaned_data["body"])
        with transaction.atomic():
            plan = form.save()
            report_periods_for(m, plan.year)
            plan.take_common_points()
        messages.success(request, _("Planen är upprättad. Lägg till nämndens kontrollmoment."))
        return redirect(plan)
    return form_page(
        request,
        title=_("Ny internkontrollplan"),
        form=form,
        back_url=reverse("control:plans"),
        crumbs=[(reverse("control:plans"), _("Internkontrollplaner"))],
        intro=_(
            "Planen bygger på nämndens riskbedömning och ska beslutas av nämnden senast "
            "%(deadline)s. Kommunstyrelsens gemensamma kontrollmoment läggs in automatiskt."
        )
        % {"deadline": settings_for(m).plan_deadline(initial["year"]).isoformat()},
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_visible_or_404(
        request.user, ControlPlan.objects.select_related("body", "decision__body"), pk=pk
    )
    settings = settings_for(plan.body.municipality)
    today = timezone.localdate()
    points = list(
        plan.points.select_related(
            "risk", "responsible", "common_source__decision__body"
        ).prefetch_related(
            "report_periods",
            Prefetch("risk__assessments", queryset=RiskAssessment.objects.filter(year=plan.year)),
            Prefetch(
                "results",
                queryset=ControlResult.objects.annotate(n_deviations=Count("deviations")),
            ),
        )
    )
    periods: dict[int, ReportingPeriod] = {}
    rows = []
    for point in points:
        results = {r.period_id: r for r in point.results.all()}
        assessment = None
        if point.risk is not None:
            found = list(point.risk.assessments.all())
            assessment = (found[0], settings.band(found[0].value)) if found else None
        occasions = []
        for period in point.report_periods.all():
            periods[period.pk] = period
            occasions.append((period, results.get(period.pk)))
        rows.append({"point": point, "assessment": assessment, "occasions": occasions})
    reports = {r.period_id: r for r in plan.reports.all()}
    planned_risks = (
        RiskAssessment.objects.filter(
            risk__body=plan.body, year=plan.year, handling=RiskAssessment.Handling.PLAN
        )
        .exclude(risk__control_points__plan=plan)
        .select_related("risk")
    )
    return render(
        request,
        "control/plan_detail.html",
        {
            "title": str(plan),
            "plan": plan,
            "status": plan.status(settings, today),
            "deadline": settings.plan_deadline(plan.year),
            "rows": rows,
            "periods": [
                (p, reports.get(p.pk)) for p in sorted(periods.values(), key=lambda p: p.end_date)
            ],
            "planned_risks": planned_risks,
            "today": today,
            "may_change": request.user.has_perm("control.change_controlplan", plan),
            "may_decide": request.user.has_perm("control.decide_controlplan", plan),
        },
    )


@login_required
def plan_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the nämnd's decision on its plan: pick the decision, or record it here."""
    plan = get_visible_or_404(request.user, ControlPlan.objects.select_related("body"), pk=pk)
    require(request.user, "control.decide_controlplan", plan)
    form = DecisionPickForm(
        request.POST or None,
        body=plan.body,
        title=_("Internkontrollplan %(year)s") % {"year": plan.year},
        initial={"decision": plan.decision_id},
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            plan.decide(form.decision_to_use())
        settings = settings_for(plan.body.municipality)
        if plan.status(settings).is_late:
            messages.warning(
                request,
                _(
                    "Beslutet är registrerat. Planen beslutades efter %(deadline)s och visas som sen."
                )
                % {"deadline": settings.plan_deadline(plan.year).isoformat()},
            )
        else:
            messages.success(request, _("Nämndens beslut om planen är registrerat."))
        return redirect(plan)
    return form_page(
        request,
        title=_("Registrera nämndens beslut"),
        form=form,
        back_url=plan.get_absolute_url(),
        crumbs=_plan_crumbs(plan),
        intro=_(
            "Välj nämndens beslut om internkontrollplanen, eller skriv datum, paragraf och "
            "diarienummer så registreras beslutet nu."
        ),
    )


@login_required
def point_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_visible_or_404(request.user, ControlPlan.objects.select_related("body"), pk=pk)
    require(request.user, "control.add_controlpoint", plan)
    initial: dict[str, Any] = {
        "report_periods": report_periods_for(plan.body.municipality, plan.year, create=False)
    }
    if request.GET.get("risk", "").isdigit():
        initial["risk"] = request.GET["risk"]
    form = ControlPointForm(
        request.POST or None, plan=plan, instance=ControlPoint(plan=plan), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        point = form.save()
        messages.success(request, _("Kontrollmomentet är tillagt i planen."))
        return redirect(point.plan)
    return form_page(
        request,
        title=_("Nytt kontrollmoment"),
        form=form,
        back_url=plan.get_absolute_url(),
        crumbs=_plan_crumbs(plan),
    )


@login_required
def point_detail(request: HttpRequest, pk: int) -> HttpResponse:
    point = get_visible_or_404(
        request.user,
        ControlPoint.objects.select_related(
            "plan__body", "risk", "responsible", "common_source__decision__body"
        ),
        pk=pk,
    )
    results = {
        r.period_id: r
        for r in point.results.select_related("checked_by").annotate(
            n_deviations=Count("deviations")
        )
    }
    occasions = [(p, results.get(p.pk)) for p in point.report_periods.all()]
    return render(
        request,
        "control/point_detail.html",
        {
            "title": point.title,
            "point": point,
            "plan": point.plan,
            "occasions": occasions,
            "today": timezone.localdate(),
            "may_change": request.user.has_perm("control.change_controlpoint", point),
            "may_record": request.user.has_perm("control.record_controlresult", point),
        },
    )


@login_required
def point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    point = get_visible_or_404(
        request.user, ControlPoint.objects.select_related("plan__body"), pk=pk
    )
    require(request.user, "control.change_controlpoint", point)
    form_class = CommonCopyForm if point.is_common else ControlPointForm
    form = form_class(request.POST or None, instance=point, plan=point.plan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Kontrollmomentet är ändrat."))
        return redirect(point)
    intro = ""
    if point.is_common:
        intro = _(
            "Det här är ett av kommunstyrelsens gemensamma kontrollmoment. Vad som kontrolleras "
            "och hur beslutas av kommunstyrelsen; nämnden anger vem som är ansvarig."
        )
    return form_page(
        request,
        title=_("Ändra kontrollmoment"),
        form=form,
        back_url=point.get_absolute_url(),
        crumbs=[*_plan_crumbs(point.plan), (point.get_absolute_url(), point.title)],
        intro=intro,
    )


@login_required
def common(request: HttpRequest) -> HttpResponse:
    """KS's common control points of a year, and how each nämnd has reported them."""
    require(request.user, "control.open_area")
    m = municipality()
    year = year_from(request)
    points = list(
        CommonControlPoint.objects.filter(municipality=m, year=year).select_related(
            "decision__body"
        )
    )
    bodies = readable_bodies(request, m)
    copies = (
        ControlPoint.objects.filter(common_source__in=points, plan__body__in=bodies)
        .select_related("plan__body", "responsible")
        .prefetch_related(
            Prefetch(
                "results",
                queryset=ControlResult.objects.select_related("period").annotate(
                    n_deviations=Count("deviations")
                ),
            )
        )
    )
    periods = report_periods_for(m, year, create=False) if points else []
    copies_by = {(c.plan.body_id, c.common_source_id): c for c in copies}
    plans_by_body = {c.plan.body_id: c.plan for c in copies}
    rows = []
    for body in bodies:
        cells = []
        for point in points:
            copy = copies_by.get((body.pk, point.pk))
            results = {r.period_id: r for r in copy.results.all()} if copy else {}
            for period in periods:
                cells.append((period, results.get(period.pk), copy is not None))
        rows.append((body, plans_by_body.get(body.pk), cells))
    settings = settings_for(m)
    all_bodies = list(bodies_with_control(m))
    return render(
        request,
        "control/common.html",
        {
            "title": _("Gemensamma kontrollmoment %(year)s") % {"year": year},
            "year": year,
            "points": points,
            "allowed": settings.common_points_per_year,
            "periods": periods,
            "rows": rows,
            "plan_count": ControlPlan.objects.filter(
                body__in=all_bodies, year=year, points__common_source__in=points
            )
            .distinct()
            .count()
            if points
            else 0,
            "body_count": len(all_bodies),
            "today": timezone.localdate(),
            "may_add": request.user.has_perm("control.add_commoncontrolpoint")
            and len(points) < settings.common_points_per_year,
            "may_change": request.user.has_perm("control.change_commoncontrolpoint"),
            "years": range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1),
        },
    )


@login_required
def common_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "control.add_commoncontrolpoint")
    m = municipality()
    year = year_from(request)
    instance = CommonControlPoint(municipality=m, year=year)
    form = CommonControlPointForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            point = form.save()
            count = point.distribute()
        messages.success(
            request,
            _("Kontrollmomentet är inlagt i %(count)s nämnders planer för %(year)s.")
            % {"count": count, "year": year},
        )
        return redirect(point)
    back = reverse("control:common") + f"?ar={year}"
    return form_page(
        request,
        title=_("Nytt gemensamt kontrollmoment %(year)s") % {"year": year},
        form=form,
        back_url=back,
        crumbs=[(back, _("Gemensamma kontrollmoment"))],
        intro=_(
            "Kommunstyrelsen beslutar varje år om gemensamma kontrollmoment. De läggs in i "
            "varje nämnds internkontrollplan och rapporteras till kommunstyrelsen två gånger "
            "per år, vid delår och helår."
        ),
    )


@login_required
def common_edit(request: HttpRequest, pk: int) -> HttpResponse:
    point = get_visible_or_404(request.user, CommonControlPoint, pk=pk)
    require(request.user, "control.change_commoncontrolpoint", point)
    form = CommonControlPointForm(request.POST or None, instance=point)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            point = form.save()
            point.distribute()
        messages.success(request, _("Kontrollmomentet är ändrat i alla nämnders planer."))
        return redirect(point)
    back = point.get_absolute_url()
    return form_page(
        request,
        title=_("Ändra gemensamt kontrollmoment"),
        form=form,
        back_url=back,
        crumbs=[(back, _("Gemensamma kontrollmoment"))],
    )


def _report_context(plan: ControlPlan, period: ReportingPeriod) -> dict[str, object]:
    results = {
        r.point_id: r
        for r in ControlResult.objects.filter(point__plan=plan, period=period)
        .select_related("checked_by")
        .prefetch_related("deviations__actions")
    }
    points = plan.points.filter(report_periods=period).select_related("responsible")
    return {"lines": [(p, results.get(p.pk)) for p in points]}


@login_required
def report(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    """The plan's report for a period: the förvaltning sums up and hands it to the nämnd."""
    plan = get_visible_or_404(request.user, ControlPlan.objects.select_related("body"), pk=pk)
    period = get_visible_or_404(
        request.user,
        ReportingPeriod.objects.filter(control_points__plan=plan).distinct(),
        pk=period_pk,
    )
    found = ControlReport.objects.filter(plan=plan, period=period).first()
    report = found or ControlReport(plan=plan, period=period)
    may_change = request.user.has_perm("control.change_controlreport", plan)
    form = ReportForm(request.POST or None, instance=report) if may_change else None
    if request.method == "POST":
        require(request.user, "control.change_controlreport", plan)
        assert form is not None
        if report.stage != ControlReport.Stage.DRAFT:
            messages.error(request, _("Rapporten är redan överlämnad och kan inte ändras."))
            return redirect("control:report", pk=plan.pk, period_pk=period.pk)
        if form.is_valid():
            try:
                period.ensure_writable()
                with transaction.atomic():
                    report = form.save()
                    if "submit" in request.POST:
                        report.submit_to_body()
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("control:report", pk=plan.pk, period_pk=period.pk)
            if report.stage == ControlReport.Stage.TO_BODY:
                messages.success(request, _("Rapporten är överlämnad till nämnden."))
            else:
                messages.success(request, _("Sammanfattningen är sparad."))
            return redirect("control:report", pk=plan.pk, period_pk=period.pk)
    may_forward = report.stage == ControlReport.Stage.TO_BODY and request.user.has_perm(
        "control.forward_controlreport", plan
    )
    forward_form = (
        DecisionPickForm(
            body=plan.body,
            title=_("Internkontrollrapport %(period)s") % {"period": period.label},
        )
        if may_forward
        else None
    )
    return render(
        request,
        "control/report.html",
        {
            "title": _("Rapport %(period)s") % {"period": period.label},
            "plan": plan,
            "period": period,
            "report": report,
            "form": form if report.stage == ControlReport.Stage.DRAFT else None,
            "forward_form": forward_form,
            "today": timezone.localdate(),
            **_report_context(plan, period),
        },
    )


@login_required
def report_forward(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    """The nämnd has dealt with the report; the secretary reports it on to kommunstyrelsen."""
    plan = get_visible_or_404(request.user, ControlPlan.objects.select_related("body"), pk=pk)
    require(request.user, "control.forward_controlreport", plan)
    period = get_visible_or_404(request.user, ReportingPeriod, pk=period_pk)
    report = ControlReport.objects.filter(plan=plan, period=period).first()
    if report is None or report.stage != ControlReport.Stage.TO_BODY:
        messages.error(request, _("Förvaltningen behöver först lämna rapporten till nämnden."))
        return redirect("control:report", pk=plan.pk, period_pk=period.pk)
    form = DecisionPickForm(
        request.POST or None,
        body=plan.body,
        title=_("Internkontrollrapport %(period)s") % {"period": period.label},
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            report.report_to_ks(form.decision_to_use())
        messages.success(request, _("Rapporten är rapporterad till kommunstyrelsen."))
        return redirect("control:report", pk=plan.pk, period_pk=period.pk)
    back = reverse("control:report", args=[plan.pk, period.pk])
    return form_page(
        request,
        title=_("Rapportera till kommunstyrelsen"),
        form=form,
        back_url=back,
        crumbs=[*_plan_crumbs(plan), (back, period.label)],
        intro=_("Ange nämndens beslut om rapporten."),
    )
