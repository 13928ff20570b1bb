"""What the control views share: the year asked for, the visible nämnder, form pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from redthread.control.models import ControlSettings, bodies_with_control
from redthread.control.scope import control_scope, visible_bodies
from redthread.organisation.models import Body, Municipality

MIN_YEAR, MAX_YEAR = 2000, 2100


def year_from(request: HttpRequest, name: str = "ar") -> int:
    """The year in the query string, or this year."""
    value = request.GET.get(name, "")
    if value.isdigit() and MIN_YEAR <= int(value) <= MAX_YEAR:
        return int(value)
    return timezone.localdate().year


def municipality() -> Municipality:
    return Municipality.objects.current()


def settings_for(m: Municipality) -> ControlSettings:
    return ControlSettings.for_municipality(m)


def readable_bodies(request: HttpRequest, m: Municipality) -> list[Body]:
    """The nämnder with internal control whose material the user reads."""
    return visible_bodies(request.user, list(bodies_with_control(m)))


def drafting_bodies(request: HttpRequest, m: Municipality) -> list[Body]:
    cs = control_scope(request.user)
    return [b for b in bodies_with_control(m) if cs.drafts_for(b)]


def risk_bodies(request: HttpRequest, m: Municipality) -> list[Body]:
    cs = control_scope(request.user)
    return [b for b in bodies_with_control(m) if cs.assesses_risks_for(b)]


def form_page(
    request: HttpRequest,
    *,
    title: str,
    form: Any,
    back_url: str,
    crumbs: list[tuple[str, str]] | None = None,
    intro: str = "",
    submit: str = "",
    status: int = 200,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A page with one form: breadcrumbs, heading, the form, save and cancel."""
    context = {
        "title": title,
        "form": form,
        "back_url": back_url,
        "crumbs": crumbs or [],
        "intro": intro,
        "submit": submit,
        **(extra or {}),
    }
    return render(request, "control/form.html", context, status=status)
