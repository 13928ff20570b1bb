"""The risk analysis: the heat map with its risks, a risk, and its yearly assessments."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from redthread.control.forms import AssessmentForm, RiskForm
from redthread.control.heatmap import heat_map
from redthread.control.models import Risk, RiskAssessment
from redthread.control.views.common import (
    form_page,
    municipality,
    readable_bodies,
    risk_bodies,
    settings_for,
    year_from,
)
from redthread.core.permissions import get_visible_or_404, require


def _level(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value in {"1", "2", "3", "4"} else None


@login_required
def risks(request: HttpRequest) -> HttpResponse:
    """The heat map of a year's assessments; a cell opens its risks in the list below."""
    require(request.user, "control.open_area")
    m = municipality()
    settings = settings_for(m)
    year = year_from(request)
    bodies = readable_bodies(request, m)
    body_param = request.GET.get("organ", "")
    chosen = [b for b in bodies if str(b.pk) == body_param]
    shown = chosen or bodies
    assessments = RiskAssessment.objects.filter(risk__body__in=shown, year=year)
    probability, consequence = _level(request, "sannolikhet"), _level(request, "konsekvens")
    selected: tuple[int, int] | None = None
    if probability is not None and consequence is not None:
        selected = (probability, consequence)
    base = {"ar": year, **({"organ": chosen[0].pk} if chosen else {})}

    def cell_url(p: int, c: int) -> str:
        query = urlencode({**base, "sannolikhet": p, "konsekvens": c})
        return f"{reverse('control:risks')}?{query}#riskerna"

    listed = assessments.select_related("risk__body", "risk__unit").annotate(
        risk_value=F("probability") * F("consequence")
    )
    if selected is not None:
        listed = listed.filter(probability=selected[0], consequence=selected[1])
    listed = listed.order_by("-risk_value", "risk__body__order", "risk__title")
    unassessed = []
    if not selected:
        unassessed = list(
            Risk.objects.filter(body__in=shown)
            .exclude(assessments__year=year)
            .select_related("body")
            .order_by("body__order", "title")
        )
    return render(
        request,
        "control/risks.html",
        {
            "title": _("Riskanalys %(year)s") % {"year": year},
            "year": year,
            "bodies": bodies,
            "chosen": chosen[0] if chosen else None,
            "map": heat_map(assessments, settings, cell_url, selected),
            "settings": settings,
            "bands": settings.band_ranges(),
            "assessments": [(a, settings.band(a.value)) for a in listed],
            "unassessed": unassessed,
            "selected": selected,
            "all_url": f"{reverse('control:risks')}?{urlencode(base)}#riskerna",
            "may_add": request.user.has_perm("control.add_risk"),
            "years": range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1),
        },
    )


@login_required
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    risk = get_visible_or_404(request.user, Risk.objects.select_related("body", "unit"), pk=pk)
    settings = settings_for(risk.body.municipality)
    assessments = list(risk.assessments.all())
    points = risk.control_points.select_related("plan").order_by("-plan__year")
    this_year = timezone.localdate().year
    return render(
        request,
        "control/risk_detail.html",
        {
            "title": risk.title,
            "risk": risk,
            "assessments": [(a, settings.band(a.value)) for a in assessments],
            "points": points,
            "assess_years": sorted({this_year, this_year + 1} - {a.year for a in assessments}),
            "may_change": request.user.has_perm("control.change_risk", risk),
        },
    )


@login_required
def risk_create(request: HttpRequest) -> HttpResponse:
    """A new risk with its first assessment, for a nämnd the user works on."""
    require(request.user, "control.add_risk")
    m = municipality()
    settings = settings_for(m)
    year = year_from(request)
    bodies = risk_bodies(request, m)
    initial = {"body": request.GET["organ"]} if request.GET.get("organ") else None
    form = RiskForm(request.POST or None, bodies=bodies, initial=initial)
    assessment_form = AssessmentForm(
        request.POST or None,
        settings=settings,
        prefix="bedomning",
        instance=RiskAssessment(year=year),
    )
    if request.method == "POST" and form.is_valid() and assessment_form.is_valid():
        require(request.user, "control.add_risk", form.cleaned_data["body"])
        with transaction.atomic():
            risk = form.save()
            assessment = assessment_form.save(commit=False)
            assessment.risk = risk
            assessment.save()
        messages.success(
            request, _("Risken är registrerad och bedömd för %(year)s.") % {"year": year}
        )
        return redirect(risk)
    back = reverse("control:risks") + f"?ar={year}"
    return render(
        request,
        "control/risk_form.html",
        {
            "title": _("Ny risk"),
            "form": form,
            "assessment_form": assessment_form,
            "year": year,
            "back_url": back,
        },
    )


@login_required
def risk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    risk = get_visible_or_404(request.user, Risk.objects.select_related("body"), pk=pk)
    require(request.user, "control.change_risk", risk)
    form = RiskForm(request.POST or None, instance=risk, bodies=[risk.body])
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Risken är ändrad."))
        return redirect(risk)
    return form_page(
        request,
        title=_("Ändra risk"),
        form=form,
        back_url=risk.get_absolute_url(),
        crumbs=[(reverse("control:risks"), _("Riskanalys")), (risk.get_absolute_url(), risk.title)],
    )


@login_required
def risk_assess(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """Assess the risk for a year, or change that year's assessment and the nämnd's handling."""
    risk = get_visible_or_404(request.user, Risk.objects.select_related("body"), pk=pk)
    if not 2000 <= year <= 2100:
        raise Http404
    existing = risk.assessments.filter(year=year).first()
    require(
        request.user,
        "control.change_riskassessment" if existing else "control.add_riskassessment",
        risk,
    )
    settings = settings_for(risk.body.municipality)
    instance = existing or RiskAssessment(risk=risk, year=year)
    if existing is None:
        previous = risk.assessments.filter(year__lt=year).order_by("-year").first()
        initial = (
            {"probability": previous.probability, "consequence": previous.consequence}
            if previous
            else None
        )
    else:
        initial = None
    form = AssessmentForm(
        request.POST or None, instance=instance, settings=settings, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Bedömningen för %(year)s är sparad.") % {"year": year})
        return redirect(risk)
    return form_page(
        request,
        title=_("Bedöm risken för %(year)s") % {"year": year},
        form=form,
        back_url=risk.get_absolute_url(),
        crumbs=[(reverse("control:risks"), _("Riskanalys")), (risk.get_absolute_url(), risk.title)],
        intro=_(
            "Sannolikhet gånger konsekvens ger riskvärdet. Tidigare års bedömningar finns kvar "
            "på riskens sida."
        ),
    )
