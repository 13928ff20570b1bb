"""Revisionsrapporter: the auditors' recommendations, the nämnder's answers and actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from redthread.control.forms import AnswerForm, AuditReportForm, RecommendationForm
from redthread.control.models import Action, AuditReport, Recommendation, bodies_with_control
from redthread.control.views.common import form_page, municipality
from redthread.core.permissions import get_visible_or_404, require


@login_required
def audit_reports(request: HttpRequest) -> HttpResponse:
    require(request.user, "control.view_auditreport")
    m = municipality()
    reports = AuditReport.objects.filter(municipality=m).annotate(
        n_recommendations=Count("recommendations", distinct=True),
        n_unanswered=Count("recommendations", filter=Q(recommendations__answer=""), distinct=True),
        n_open_actions=Count(
            "recommendations__actions",
            filter=~Q(recommendations__actions__status=Action.Status.DONE),
            distinct=True,
        ),
    )
    page = Paginator(reports, 50).get_page(request.GET.get("sida"))
    return render(
        request,
        "control/audit_list.html",
        {
            "title": _("Revisionsrapporter"),
            "page": page,
            "may_add": request.user.has_perm("control.add_auditreport"),
        },
    )


@login_required
def audit_report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_visible_or_404(request.user, AuditReport, pk=pk)
    recommendations = report.recommendations.select_related(
        "body", "answer_decision__body"
    ).prefetch_related(Prefetch("actions", queryset=Action.objects.select_related("owner")))
    user = request.user
    lines = [
        {
            "recommendation": r,
            "may_answer": user.has_perm("control.answer_recommendation", r),
            "may_act": user.has_perm("control.add_action", r.body),
        }
        for r in recommendations
    ]
    return render(
        request,
        "control/audit_detail.html",
        {
            "title": report.title,
            "report": report,
            "lines": lines,
            "today": timezone.localdate(),
            "may_change": user.has_perm("control.change_auditreport", report),
        },
    )


@login_required
def audit_report_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "control.add_auditreport")
    form = AuditReportForm(request.POST or None, instance=AuditReport(municipality=municipality()))
    if request.method == "POST" and form.is_valid():
        report = form.save()
        messages.success(request, _("Rapporten är registrerad. Lägg till dess rekommendationer."))
        return redirect(report)
    return form_page(
        request,
        title=_("Registrera revisionsrapport"),
        form=form,
        back_url=reverse("control:audit_reports"),
        crumbs=[(reverse("control:audit_reports"), _("Revisionsrapporter"))],
    )


@login_required
def audit_report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_visible_or_404(request.user, AuditReport, pk=pk)
    require(request.user, "control.change_auditreport", report)
    form = AuditReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Rapporten är ändrad."))
        return redirect(report)
    return form_page(
        request,
        title=_("Ändra revisionsrapport"),
        form=form,
        back_url=report.get_absolute_url(),
        crumbs=[
            (reverse("control:audit_reports"), _("Revisionsrapporter")),
            (report.get_absolute_url(), report.title),
        ],
    )


@login_required
def recommendation_create(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_visible_or_404(request.user, AuditReport, pk=pk)
    require(request.user, "control.add_recommendation", report)
    form = RecommendationForm(
        request.POST or None,
        instance=Recommendation(report=report, order=report.recommendations.count() + 1),
        bodies=bodies_with_control(report.municipality),
    )
    if request.method == "POST" and form.is_valid():
        recommendation = form.save()
        messages.success(request, _("Rekommendationen är registrerad."))
        return redirect(recommendation)
    return form_page(
        request,
        title=_("Ny rekommendation"),
        form=form,
        back_url=report.get_absolute_url(),
        crumbs=[
            (reverse("control:audit_reports"), _("Revisionsrapporter")),
            (report.get_absolute_url(), report.title),
        ],
    )


@login_required
def recommendation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The nämnd's answer to a recommendation, and the decision behind it."""
    recommendation = get_visible_or_404(
        request.user, Recommendation.objects.select_related("report", "body"), pk=pk
    )
    require(request.user, "control.answer_recommendation", recommendation)
    initial = {} if recommendation.answered_on else {"answered_on": timezone.localdate()}
    form = AnswerForm(request.POST or None, instance=recommendation, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Nämndens svar är sparat. Registrera de åtgärder nämnden tar."))
        return redirect(recommendation)
    report = recommendation.report
    return form_page(
        request,
        title=_("Svar till revisionen"),
        form=form,
        back_url=recommendation.get_absolute_url(),
        crumbs=[
            (reverse("control:audit_reports"), _("Revisionsrapporter")),
            (report.get_absolute_url(), report.title),
        ],
        intro=recommendation.text,
    )
