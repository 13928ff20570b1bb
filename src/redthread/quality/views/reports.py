"""The kvalitetsredovisning per nämnd and year, and the area's front page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from redthread.core.forms import invalid_status, save_versioned
from redthread.core.permissions import get_visible_or_404, require
from redthread.goals.models import Vision
from redthread.organisation.models import Body
from redthread.quality.accounting import proposal_statistics, quality_account
from redthread.quality.forms import QualityReportForm, service_bodies
from redthread.quality.models import (
    OPEN_STAGES,
    CoreValue,
    ImprovementProposal,
    Process,
    QualityReport,
    ServiceDeclaration,
    Survey,
    SurveyKind,
)
from redthread.quality.views.common import municipality, posted, year_of


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Kvalitet och utveckling: the registers at a glance, with the vision and the värdegrund."""
    require(request.user, "quality.open_area")
    m = municipality()
    year = year_of(request, m)
    person = request.user.scope.person_id  # type: ignore[union-attr]
    mine = (
        list(
            ImprovementProposal.objects.filter(owner_id=person, stage__in=OPEN_STAGES)
            .select_related("unit")
            .order_by("submitted_on")[:8]
        )
        if person
        else []
    )
    _rows, totals = proposal_statistics(m, year)
    return render(
        request,
        "quality/overview.html",
        {
            "title": _("Kvalitet och utveckling"),
            "year": year,
            "vision": Vision.for_year(m, year),
            "values": list(CoreValue.objects.filter(municipality=m)),
            "declarations": ServiceDeclaration.objects.filter(municipality=m).count(),
            "in_force": ServiceDeclaration.objects.in_force().filter(municipality=m).count(),
            "processes": Process.objects.filter(municipality=m).count(),
            "proposals": totals,
            "mine": mine,
            "surveys": Survey.objects.filter(municipality=m, year=year)
            .exclude(kind=SurveyKind.CUSTOMER)
            .count(),
            "customer_surveys": Survey.objects.customer_plan(m, year).count(),
            "bodies": list(service_bodies(m)),
        },
    )


@login_required
def report(request: HttpRequest, body_pk: int, year: int) -> HttpResponse:
    """A nämnd's kvalitetsredovisning: the figures of its development work and its own analysis."""
    m = municipality()
    body = get_visible_or_404(request.user, service_bodies(m), pk=body_pk)
    require(request.user, "quality.view_qualityreport")
    written = QualityReport.objects.filter(body=body, year=year).select_related("decision").first()
    candidate = written or QualityReport(body=body, year=year)
    return render(
        request,
        "quality/report.html",
        {
            "title": _("Kvalitetsredovisning %(year)s, %(body)s") % {"year": year, "body": body},
            "body": body,
            "year": year,
            "years": range(year - 2, year + 2),
            "report": written,
            "account": quality_account(body, year),
            "bodies": list(service_bodies(m)),
            "may_change": request.user.has_perm("quality.change_qualityreport", candidate),
            "crumbs": [],
        },
    )


@login_required
def report_edit(request: HttpRequest, body_pk: int, year: int) -> HttpResponse:
    m = municipality()
    body: Body = get_visible_or_404(request.user, service_bodies(m), pk=body_pk)
    instance = QualityReport.objects.filter(body=body, year=year).first() or QualityReport(
        body=body, year=year
    )
    require(request.user, "quality.change_qualityreport", instance)
    form = QualityReportForm(posted(request), instance=instance, body=body)
    if request.method == "POST" and form.is_valid() and save_versioned(form) is not None:
        messages.success(request, _("Kvalitetsredovisningens text är sparad."))
        return redirect("quality:report", body_pk=body.pk, year=year)
    return render(
        request,
        "quality/form.html",
        {
            "title": _("Skriv kvalitetsredovisningen"),
            "form": form,
            "crumbs": [
                (
                    instance.get_absolute_url(),
                    _("Kvalitetsredovisning %(year)s, %(body)s") % {"year": year, "body": body},
                )
            ],
        },
        status=invalid_status(form) if request.method == "POST" else 200,
    )
