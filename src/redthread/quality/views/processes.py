"""The process register: per förvaltning, a process with its map, steps and links."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from redthread.core.forms import VersionConflict, changes_since, invalid_status, save_versioned
from redthread.core.permissions import get_visible_or_404, require
from redthread.organisation.models import Unit
from redthread.quality.forms import ProcessForm, StepFormSet
from redthread.quality.models import Process, ProcessStep
from redthread.quality.processmap import process_map
from redthread.quality.views.common import OUT_OF_REACH, crumbs, municipality, posted, year_of


def _crumbs() -> list[tuple[str, str]]:
    return crumbs(("quality:processes", _("Processer")))


def _process(request: HttpRequest, pk: int) -> Process:
    process: Process = get_visible_or_404(
        request.user,
        Process.objects.select_related("unit", "owner", "parent"),
        pk=pk,
        municipality=municipality(),
    )
    return process


@login_required
def process_list(request: HttpRequest) -> HttpResponse:
    """The register, per förvaltning: kärnprocesser with their huvudprocesser, then stödprocesser."""
    require(request.user, "quality.view_process")
    m = municipality()
    processes = list(
        Process.objects.filter(municipality=m)
        .select_related("unit", "owner")
        .prefetch_related("steps")
        .order_by("title")
    )
    roots = {u.pk: u for u in Unit.objects.filter(municipality=m, parent__isnull=True)}
    kind = request.GET.get("typ", "")
    if kind in Process.Kind.values:
        processes = [p for p in processes if p.kind == kind]
    by_root: dict[int, list[Process]] = defaultdict(list)
    for process in processes:
        by_root[process.unit.root_id].append(process)
    order = {Process.Kind.CORE: 0, Process.Kind.MAIN: 1, Process.Kind.SUPPORT: 2}
    groups = [
        (roots[pk], sorted(items, key=lambda p: (order[Process.Kind(p.kind)], p.title)))
        for pk, items in sorted(
            by_root.items(), key=lambda kv: (roots[kv[0]].order, roots[kv[0]].name)
        )
        if pk in roots
    ]
    return render(
        request,
        "quality/process_list.html",
        {
            "title": _("Processer"),
            "groups": groups,
            "kind": kind,
            "kinds": Process.Kind.choices,
            "count": len(processes),
            "may_add": request.user.has_perm("quality.add_process"),
            "crumbs": [],
        },
    )


@login_required
def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    steps = list(process.steps.all())
    user = request.user
    risks = [
        r for r in process.risks.select_related("body") if user.has_perm("control.view_risk", r)
    ]
    return render(
        request,
        "quality/process_detail.html",
        {
            "title": process.title,
            "process": process,
            "steps": steps,
            "map": process_map(process, steps),
            "children": list(process.children.all()),
            "risks": risks,
            "activities": list(
                process.activities.select_related("unit").order_by("-year", "title")
            ),
            "declarations": list(process.declarations.all()),
            "proposals": list(process.proposals.order_by("-submitted_on")[:10]),
            "may_change": user.has_perm("quality.change_process", process),
            "crumbs": _crumbs(),
        },
    )


def _form_page(request: HttpRequest, form: ProcessForm, title: str, extra: Any) -> HttpResponse:
    return render(
        request,
        "quality/form.html",
        {"title": title, "form": form, "crumbs": [*_crumbs(), *extra]},
        status=invalid_status(form) if request.method == "POST" else 200,
    )


@login_required
def process_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "quality.add_process")
    m = municipality()
    form = ProcessForm(posted(request), municipality=m, year=year_of(request, m))
    if request.method == "POST" and form.is_valid():
        if not request.user.has_perm("quality.add_process", form.instance):
            form.add_error(None, OUT_OF_REACH)
        else:
            process = form.save()
            messages.success(request, _("Processen är registrerad. Beskriv nu dess steg."))
            return redirect("quality:process_steps", pk=process.pk)
    return _form_page(request, form, _("Ny process"), [])


@login_required
def process_edit(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process(request, pk)
    require(request.user, "quality.change_process", process)
    m = process.municipality
    form = ProcessForm(posted(request), instance=process, municipality=m, year=year_of(request, m))
    if request.method == "POST" and form.is_valid():
        if not request.user.has_perm("quality.change_process", form.instance):
            form.add_error(None, OUT_OF_REACH)
        elif save_versioned(form) is not None:
            messages.success(request, _("Processen är ändrad."))
            return redirect(process)
    return _form_page(
        request, form, _("Ändra process"), [(process.get_absolute_url(), process.title)]
    )


@login_required
def process_steps(request: HttpRequest, pk: int) -> HttpResponse:
    """All the steps on one page: change, add, remove; a step changed meanwhile is a conflict."""
    process = _process(request, pk)
    require(request.user, "quality.change_process", process)
    queryset = ProcessStep.objects.filter(process=process)
    formset = StepFormSet(posted(request), queryset=queryset, prefix="steg")
    status = 200
    if request.method == "POST":
        if formset.is_valid() and _save_steps(formset, process):
            messages.success(request, _("Stegen är sparade."))
            return redirect(process)
        conflict = any(getattr(f, "has_conflict", False) for f in formset.forms)
        status = 409 if conflict else 400
    elif not queryset.exists():
        formset = StepFormSet(
            queryset=queryset, prefix="steg", initial=[{"order": n} for n in (1, 2, 3)]
        )
    return render(
        request,
        "quality/process_steps.html",
        {
            "title": _("Processens steg"),
            "process": process,
            "formset": formset,
            "crumbs": [*_crumbs(), (process.get_absolute_url(), process.title)],
        },
        status=status,
    )


def _save_steps(formset: Any, process: Process) -> bool:
    """Save every changed step or none: a step someone else changed stops the whole save."""
    try:
        with transaction.atomic():
            for form in formset.forms:
                if not form.has_changed():
                    continue
                if form.instance.pk and formset._should_delete_form(form):
                    form.instance.delete()
                    continue
                if formset._should_delete_form(form):
                    continue
                form.instance.process = process
                form.save()
    except VersionConflict:
        for form in formset.forms:
            if form.instance.pk:
                stored = ProcessStep.objects.filter(pk=form.instance.pk).first()
                expected = form.cleaned_data.get("version")
                if stored is not None and expected is not None and stored.version != expected:
                    form.conflict_changes = changes_since(stored, expected)
                    form.add_error(
                        None,
                        _(
                            "Någon annan sparade det här steget samtidigt. Ladda om sidan och "
                            "gör om din ändring."
                        ),
                    )
        return False
    return True
