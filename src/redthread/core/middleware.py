"""Middleware that enforces rules which hold on every page."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
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


def swedish_unless_chosen(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """Swedish for everyone; English only for those who chose it with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a municipal
    computer set up in English would show an English UI nobody asked for.
    """
    from django.conf import settings
    from django.utils import translation

    available = {code for code, _name in settings.LANGUAGES}

    def middleware(request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response

    return middleware


class AtomicWrites:
    """A request that writes is all-or-nothing.

    Every POST, PUT, PATCH and DELETE runs in one transaction, rolled back when the answer is
    a server error or the upload storage fails, so nothing is ever half-saved. (GETs run
    without, so readers never wait for a write lock.)
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from redthread.core.storage import UploadFailed

        if not isinstance(exception, UploadFailed):
            return None
        transaction.set_rollback(True)
        message = _(
            "Filen kunde inte sparas: lagringen är full eller skrivskyddad. Ingenting sparades. "
            "Försök igen senare, eller kontakta systemets administratör."
        )
        if request.path.startswith("/api/"):
            from django.http import JsonResponse

            return JsonResponse({"detail": message}, status=507)
        response = TemplateResponse(
            request,
            "core/problem.html",
            {"reason": message, "title": _("Filen kunde inte sparas")},
            status=507,
        )
        return response.render()
