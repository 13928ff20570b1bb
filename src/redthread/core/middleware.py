"""Middleware that enforces rules which hold on every page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def read_only_auditor(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """A read-only user (the revisor) can write nothing anywhere.

    The permission rules already deny every write to the revisor; this is the
    second lock, for any view that might one day forget to ask.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS and getattr(request.user, "is_read_only", False):
            allowed = {reverse("logout"), reverse("set_language")}
            if request.path not in allowed:
                response = TemplateResponse(
                    request,
                    "403.html",
                    {"reason": _("Du har läsbehörighet och kan inte ändra något i systemet.")},
                    status=403,
                )
                return response.render()
        return get_response(request)

    return middleware
