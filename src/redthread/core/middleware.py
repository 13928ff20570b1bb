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
