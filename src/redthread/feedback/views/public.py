"""The public pages: the form, the receipt and the status page. No login, no JavaScript needed."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from redthread.feedback import intake
from redthread.feedback.erasure import rule_text
from redthread.feedback.forms import PublicForm
from redthread.feedback.models import Category, ServiceRequest
from redthread.feedback.models.case import Channel
from redthread.feedback.throttle import allow_request


def map_settings() -> dict[str, str]:
    """The map appears only where a tile server is configured."""
    if not settings.REDTHREAD_MAP_TILES_URL:
        return {}
    return {
        "tiles": settings.REDTHREAD_MAP_TILES_URL,
        "attribution": settings.REDTHREAD_MAP_ATTRIBUTION,
        "center": settings.REDTHREAD_MAP_CENTER,
    }


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """Lämna en synpunkt eller felanmälan."""
    form = PublicForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if not allow_request(request, "web-form", settings.REDTHREAD_FEEDBACK_RATE_LIMIT):
            response = render(
                request, "feedback/public/too_many.html", {"title": _("Vänta en stund")}, status=429
            )
            response["Retry-After"] = "3600"
            return response
        if form.is_valid():
            case = intake.receive(
                values=form.case_values(), channel=Channel.WEB, photos=form.cleaned_photos
            )
            return redirect("feedback:receipt", case.reference)
        status = 400
    return render(
        request,
        "feedback/public/form.html",
        {
            "title": _("Lämna synpunkt eller felanmälan"),
            "form": form,
            "categories": Category.objects.active().select_related("unit"),
            "map": map_settings(),
            "retention": rule_text(),
        },
        status=status,
    )


def _public_case(reference: str) -> ServiceRequest:
    case = (
        ServiceRequest.objects.select_related("category", "unit")
        .filter(reference=reference.strip().upper())
        .first()
    )
    if case is None:
        raise Http404
    return case


def receipt(request: HttpRequest, reference: str) -> HttpResponse:
    case = _public_case(reference)
    return render(
        request,
        "feedback/public/receipt.html",
        {"title": _("Tack, vi har tagit emot ditt ärende"), "case": case},
    )


def status_lookup(request: HttpRequest) -> HttpResponse:
    """Find a case's status by its reference number (a GET form, works without JavaScript)."""
    reference = request.GET.get("referens", "").strip().upper()
    error = ""
    if reference:
        if ServiceRequest.objects.filter(reference=reference).exists():
            return redirect("feedback:status", reference)
        error = _(
            "Vi hittar inget ärende med referensnumret %(reference)s. Kontrollera att du "
            "skrivit det som på kvittot, t.ex. 2026-K7M4QX."
        ) % {"reference": reference}
    return render(
        request,
        "feedback/public/lookup.html",
        {"title": _("Se status för ditt ärende"), "reference": reference, "error": error},
        status=404 if error else 200,
    )


def status(request: HttpRequest, reference: str) -> HttpResponse:
    """The public status of a case: no personal data, only what the municipality wrote."""
    case = _public_case(reference)
    return render(
        request,
        "feedback/public/status.html",
        {"title": _("Ärende %(reference)s") % {"reference": case.reference}, "case": case},
    )
