"""Organisation pages: the chart, a body, a unit, a person, a working group and decisions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from redthread.core.forms import invalid_status, save_versioned
from redthread.core.permissions import get_visible_or_404, require
from redthread.organisation.forms import DecisionForm
from redthread.organisation.models import (
    Assignment,
    Body,
    Decision,
    Membership,
    Municipality,
    Person,
    Unit,
    WorkingGroup,
)


@dataclass
class Node:
    item: Any
    children: list[Node] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def _tree(items: Iterable[Any]) -> list[Node]:
    """Nodes of ``items`` arranged by ``parent_id``, in the items' order."""
    nodes = {item.pk: Node(item) for item in items}
    roots: list[Node] = []
    for node in nodes.values():
        parent = nodes.get(node.item.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


def _internal(request: HttpRequest) -> None:
    require(request.user, "organisation.view_body")


@login_required
def chart(request: HttpRequest) -> HttpResponse:
    """The political and the administrative organisation side by side, and who serves whom."""
    _internal(request)
    municipality = Municipality.objects.current()
    bodies = list(Body.objects.filter(municipality=municipality))
    units = list(
        Unit.objects.filter(
            municipality=municipality,
            kind__in=[Unit.Kind.ADMINISTRATION, Unit.Kind.OFFICE, Unit.Kind.DEPARTMENT],
        ).prefetch_related("serves")
    )
    heads = {
        a.unit_id: a.person
        for a in Assignment.objects.current()
        .filter(role=Assignment.Role.HEAD, unit__municipality=municipality)
        .select_related("person")
    }
    unit_nodes = _tree(units)
    for node in _walk(unit_nodes):
        node.extra["head"] = heads.get(node.item.pk)
    own_bodies = [b for b in bodies if b.is_own]
    administrations = [u for u in units if u.parent_id is None]
    groups = WorkingGroup.objects.filter(municipality=municipality).select_related(
        "lead", "reports_to"
    )
    return render(
        request,
        "organisation/chart.html",
        {
            "title": _("Organisation"),
            "political": _tree(own_bodies),
            "external_bodies": [b for b in bodies if not b.is_own],
            "administrative": unit_nodes,
            "administrations": administrations,
            "groups": groups,
        },
    )


def _walk(nodes: list[Node]) -> Iterable[Node]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


@login_required
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_visible_or_404(request.user, Body.objects.select_related("parent"), pk=pk)
    memberships = (
        Membership.objects.current()
        .filter(body=body)
        .select_related("person", "term")
        .order_by("role", "person__last_name")
    )
    by_role: dict[str, list[Membership]] = defaultdict(list)
    for membership in memberships:
        by_role[membership.get_role_display()].append(membership)
    decisions = body.decisions.all()[:15]
    return render(
        request,
        "organisation/body_detail.html",
        {
            "title": body.name,
            "body": body,
            "members_by_role": dict(by_role),
            "decisions": decisions,
            "children": body.children.all(),
            "served_by": body.served_by.all(),
            "may_record": request.user.has_perm("organisation.add_decision", body),
        },
    )


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_visible_or_404(request.user, Unit, pk=pk)
    assignments = list(
        Assignment.objects.current()
        .filter(unit=unit)
        .select_related("person")
        .order_by("role", "person__last_name")
    )
    managers = [a for a in assignments if a.role in Assignment.MANAGERS]
    staff = [a for a in assignments if a.role not in Assignment.MANAGERS]
    return render(
        request,
        "organisation/unit_detail.html",
        {
            "title": unit.name,
            "unit": unit,
            "ancestors": unit.ancestors(),
            "managers": managers,
            "staff": staff,
            "children": unit.children.all(),
            "serves": unit.serves.all(),
        },
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_visible_or_404(request.user, Person, pk=pk)
    return render(
        request,
        "organisation/person_detail.html",
        {
            "title": person.full_name,
            "person": person,
            "assignments": person.assignments.current().select_related("unit"),
            "memberships": person.memberships.current().select_related("body", "term"),
            "groups": WorkingGroup.objects.filter(members__person=person),
        },
    )


@login_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_visible_or_404(
        request.user, WorkingGroup.objects.select_related("lead", "reports_to"), pk=pk
    )
    return render(
        request,
        "organisation/group_detail.html",
        {
            "title": group.name,
            "group": group,
            "members": group.members.select_related("person", "unit"),
            "reporting_groups": group.reporting_groups.all(),
        },
    )


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "organisation.view_decision")
    municipality = Municipality.objects.current()
    decisions = Decision.objects.filter(body__municipality=municipality).select_related("body")
    body_id = request.GET.get("organ", "")
    year = request.GET.get("ar", "")
    query = request.GET.get("q", "").strip()
    if body_id.isdigit():
        decisions = decisions.filter(body_id=int(body_id))
    if year.isdigit():
        decisions = decisions.for_year(int(year))
    if query:
        decisions = decisions.filter(
            Q(title__icontains=query)
            | Q(case_number__icontains=query)
            | Q(summary__icontains=query)
        )
    page = Paginator(decisions, 50).get_page(request.GET.get("sida"))
    years = Decision.objects.dates("date", "year", order="DESC")
    return render(
        request,
        "organisation/decision_list.html",
        {
            "title": _("Beslut"),
            "page": page,
            "bodies": Body.objects.filter(municipality=municipality),
            "years": [d.year for d in years],
            "selected_body": body_id,
            "selected_year": year,
            "query": query,
            "may_record": request.user.has_perm("organisation.record_decisions"),
        },
    )


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_visible_or_404(request.user, Decision.objects.select_related("body"), pk=pk)
    return render(
        request,
        "organisation/decision_detail.html",
        {
            "title": decision.citation,
            "decision": decision,
            "may_change": request.user.has_perm("organisation.change_decision", decision),
        },
    )


@login_required
def decision_attachment(request: HttpRequest, pk: int) -> FileResponse:
    decision = get_visible_or_404(request.user, Decision, pk=pk)
    if not decision.attachment:
        raise Http404
    return FileResponse(decision.attachment.open("rb"), as_attachment=True)


def _recordable_bodies(user: Any) -> Any:
    municipality = Municipality.objects.current()
    bodies = Body.objects.filter(municipality=municipality)
    return [b for b in bodies if user.has_perm("organisation.add_decision", b)]


@login_required
def decision_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "organisation.record_decisions")
    bodies = _recordable_bodies(request.user)
    initial_body = request.GET.get("organ")
    form = DecisionForm(
        request.POST or None,
        request.FILES or None,
        bodies=bodies,
        initial={"body": initial_body} if initial_body else None,
    )
    if request.method == "POST" and form.is_valid():
        require(request.user, "organisation.add_decision", form.cleaned_data["body"])
        decision = form.save()
        messages.success(
            request, _("Beslutet %(citation)s är registrerat.") % {"citation": decision.citation}
        )
        return redirect(decision)
    return render(
        request, "organisation/decision_form.html", {"title": _("Registrera beslut"), "form": form}
    )


@login_required
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_visible_or_404(request.user, Decision.objects.select_related("body"), pk=pk)
    require(request.user, "organisation.change_decision", decision)
    form = DecisionForm(
        request.POST or None,
        request.FILES or None,
        instance=decision,
        bodies=_recordable_bodies(request.user),
    )
    if request.method == "POST" and form.is_valid():
        require(request.user, "organisation.change_decision", form.instance)
        saved = save_versioned(form)
        if saved is not None:
            messages.success(request, _("Beslutet är ändrat."))
            return redirect(saved)
    return render(
        request,
        "organisation/decision_form.html",
        {"title": _("Ändra beslut"), "form": form, "decision": decision},
        status=invalid_status(form) if request.method == "POST" else 200,
    )
