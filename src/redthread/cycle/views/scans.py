"""The omvärldsanalys: the current one, earlier ones, writing and editing one."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from redthread.core.permissions import get_visible_or_404, require
from redthread.cycle.dialogue_forms import ItemFormSet, ScanForm, SourceFormSet
from redthread.cycle.models import EnvironmentScan, ScanItem
from redthread.cycle.views.common import municipality


@login_required
def scan_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "cycle.view_environmentscan")
    place = municipality()
    scans = [
        s
        for s in EnvironmentScan.objects.filter(municipality=place)
        if request.user.has_perm("cycle.view_environmentscan", s)
    ]
    current = EnvironmentScan.objects.current(place)
    return render(
        request,
        "cycle/scan_list.html",
        {
            "title": _("Omvärldsanalys"),
            "scans": scans,
            "current": current,
            "may_add": request.user.has_perm("cycle.add_environmentscan"),
        },
    )


@login_required
def scan_current(request: HttpRequest) -> HttpResponse:
    """The omvärldsanalys in force; links elsewhere can point here and never go stale."""
    require(request.user, "cycle.view_environmentscan")
    current = EnvironmentScan.objects.current(municipality())
    if current is None:
        messages.info(request, _("Det finns ingen fastställd omvärldsanalys ännu."))
        return redirect("cycle:scans")
    return redirect(current)


@login_required
def scan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scan = get_visible_or_404(
        request.user, EnvironmentScan.objects.select_related("decision__body"), pk=pk
    )
    grouped: dict[str, list[ScanItem]] = defaultdict(list)
    for item in scan.items.prefetch_related("sources"):
        grouped[item.kind].append(item)
    sections = [
        (kind, label, grouped[kind]) for kind, label in ScanItem.Kind.choices if grouped[kind]
    ]
    return render(
        request,
        "cycle/scan_detail.html",
        {
            "title": scan.title,
            "scan": scan,
            "is_current": scan.is_current,
            "sections": sections,
            "sources": scan.sources.all(),
            "dialogues": scan.dialogues.all(),
            "may_change": request.user.has_perm("cycle.change_environmentscan", scan),
        },
    )


def _edit(request: HttpRequest, scan: EnvironmentScan | None) -> HttpResponse:
    place = municipality()
    data = request.POST if request.method == "POST" else None
    form = ScanForm(data, instance=scan, municipality=place)
    sources = SourceFormSet(data, instance=form.instance, prefix="source")
    items = ItemFormSet(
        data, instance=form.instance, prefix="item", form_kwargs={"scan": form.instance}
    )
    if data is not None and form.is_valid() and sources.is_valid() and items.is_valid():
        with transaction.atomic():
            saved = form.save()
            sources.instance = items.instance = saved
            sources.save()
            items.save()
        messages.success(request, _("Omvärldsanalysen är sparad."))
        return redirect(saved)
    return render(
        request,
        "cycle/scan_form.html",
        {
            "title": scan.title if scan else _("Ny omvärldsanalys"),
            "scan": scan,
            "form": form,
            "sources": sources,
            "items": items,
        },
        status=400 if data is not None else 200,
    )


@login_required
def scan_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "cycle.add_environmentscan")
    return _edit(request, None)


@login_required
def scan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    scan = get_visible_or_404(request.user, EnvironmentScan, pk=pk)
    require(request.user, "cycle.change_environmentscan", scan)
    return _edit(request, scan)
