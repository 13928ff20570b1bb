"""The analysis area's front page, a key figure's comparison, its Excel export, the sync log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from redthread.analysis import excel
from redthread.analysis.comparison import Comparison, compare, summaries
from redthread.analysis.models import (
    ComparisonSettings,
    KoladaGroup,
    KoladaKpi,
    KoladaSync,
    KoladaValue,
    PendingValue,
)
from redthread.core.permissions import require
from redthread.goals.models import Indicator
from redthread.goals.periods import requested_year
from redthread.organisation.models import Municipality

SEARCH_PAGE = 25


def comparison_frame(request: HttpRequest, municipality: Municipality) -> dict[str, Any]:
    """The group asked for (``?grupp=``), else the municipality's default, and the choices."""
    default_group, county = ComparisonSettings.resolved(municipality)
    asked = request.GET.get("grupp", "").strip().upper()
    group_code = asked if asked.startswith("G") and asked[1:].isdigit() else default_group
    choices = list(
        KoladaGroup.objects.relevant_to(municipality, also=[group_code, default_group])
        .only("code", "title")
        .order_by("title")
    )
    year_text = request.GET.get("ar", "")
    return {
        "group_code": group_code,
        "default_group": default_group,
        "county_code": county,
        "group_choices": choices,
        "ranking_year": int(year_text) if year_text.isdigit() else None,
    }


def comparison_for(
    kpi_code: str,
    municipality: Municipality,
    frame: dict[str, Any],
    indicator: Indicator | None = None,
) -> Comparison:
    linked = indicator or Indicator.objects.filter(kolada_kpi=kpi_code).order_by("-year").first()
    return compare(
        kpi_code,
        municipality,
        group_code=frame["group_code"],
        county_code=frame["county_code"],
        year=frame["ranking_year"],
        direction=linked.direction if linked else None,
        unit=linked.unit_label if linked else "",
        decimals=linked.decimals if linked else 1,
    )


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The key figures the goal chain uses, compared; the catalogue to search; the sync state."""
    require(request.user, "analysis.view_koladavalue")
    municipality = Municipality.objects.current()
    year = requested_year(request, municipality)
    frame = comparison_frame(request, municipality)
    indicators = list(
        Indicator.objects.filter(goal__area__vision__municipality=municipality, year=year)
        .exclude(kolada_kpi="")
        .select_related("goal")
        .order_by("goal__order", "order")
    )
    codes = list(dict.fromkeys(i.kolada_kpi for i in indicators))
    by_code = {
        s.kpi_code: s
        for s in summaries(
            codes,
            municipality,
            group_code=frame["group_code"],
            directions={i.kolada_kpi: i.direction for i in indicators},
        )
    }
    others = sorted(
        set(
            KoladaValue.objects.filter(municipality=municipality.code)
            .exclude(kpi__in=codes)
            .values_list("kpi", flat=True)
            .distinct()
        )
    )
    query = request.GET.get("q", "").strip()
    found = None
    if query:
        matches = KoladaKpi.objects.filter(Q(code__iexact=query) | Q(title__icontains=query))
        found = Paginator(matches.order_by("code"), SEARCH_PAGE).get_page(request.GET.get("sida"))
    group = next((g for g in frame["group_choices"] if g.code == frame["group_code"]), None)
    return render(
        request,
        "analysis/overview.html",
        {
            **frame,
            "title": _("Analys och jämförelser"),
            "year": year,
            "group": group,
            "rows": [(i, by_code[i.kolada_kpi]) for i in indicators],
            "others": summaries(others, municipality, group_code=frame["group_code"]),
            "any_generated": any(s.is_generated for s in by_code.values()),
            "query": query,
            "found": found,
            "catalogue_size": KoladaKpi.objects.count(),
            "last_sync": KoladaSync.objects.order_by("-started_at").first(),
            "pending_count": PendingValue.objects.open().count(),
            "has_values": KoladaValue.objects.exists(),
        },
    )


def _kpi_or_404(code: str) -> KoladaKpi | None:
    kpi = KoladaKpi.objects.filter(code=code).first()
    if kpi is None and not KoladaValue.objects.filter(kpi=code).exists():
        raise Http404
    return kpi


@login_required
def kpi_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One key figure: the municipality against its group, the county and Riket, over time."""
    require(request.user, "analysis.view_koladavalue")
    kpi = _kpi_or_404(code)
    municipality = Municipality.objects.current()
    frame = comparison_frame(request, municipality)
    comparison = comparison_for(code, municipality, frame)
    indicators = Indicator.objects.filter(
        kolada_kpi=code, goal__area__vision__municipality=municipality
    ).order_by("-year", "title")
    return render(
        request,
        "analysis/kpi_detail.html",
        {
            **frame,
            "title": comparison.title,
            "kpi": kpi,
            "code": code,
            "comparison": comparison,
            "chart": comparison.chart(),
            "indicators": indicators,
        },
    )


@login_required
def kpi_excel(request: HttpRequest, code: str) -> HttpResponse:
    require(request.user, "analysis.view_koladavalue")
    _kpi_or_404(code)
    municipality = Municipality.objects.current()
    comparison = comparison_for(code, municipality, comparison_frame(request, municipality))
    response = HttpResponse(
        excel.export(comparison),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = slugify(f"jamforelse-{code}-{municipality.name}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def sync_log(request: HttpRequest) -> HttpResponse:
    """Every sync with Kolada: when, by whom, what was asked for, and what changed."""
    require(request.user, "analysis.view_koladasync")
    runs = Paginator(KoladaSync.objects.select_related("user"), 50).get_page(
        request.GET.get("sida")
    )
    return render(
        request, "analysis/sync_log.html", {"title": _("Hämtningar från Kolada"), "runs": runs}
    )
