"""Two-factor sign-in: the gate that asks for a code, and the pages to set it up and use it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from redthread.core.forms import StyledFormMixin
from redthread.organisation import totp
from redthread.organisation.models import SecurityPolicy, TwoFactorDevice

SESSION_KEY = "redthread_two_factor_ok"
SETUP_KEY = "redthread_two_factor_setup"
OPEN_PREFIXES = ("/static/", "/healthz", "/konto/", "/i18n/")


def needs_code(request: HttpRequest) -> bool:
    """Decided once, at sign-in (below); after that a page costs no query for it."""
    user: Any = request.user
    return bool(user.is_authenticated and not request.session.get(SESSION_KEY))


@receiver(user_logged_in)
def decide_at_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Without an authenticator and without a policy that requires one, no code is asked."""
    if request is None or not hasattr(request, "session"):
        return
    if not hasattr(user, "two_factor") and not SecurityPolicy.requires_two_factor(user):
        request.session[SESSION_KEY] = True


def two_factor_gate(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """Pages need the code when the user has an authenticator or the policy requires one."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(OPEN_PREFIXES) and needs_code(request):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Bekräfta inloggningen med din tvåfaktorkod i webbläsaren först."},
                    status=403,
                )
            target = "two_factor" if hasattr(request.user, "two_factor") else "two_factor_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return get_response(request)

    return middleware


class CodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kod från din autentiseringsapp"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": gettext_lazy("Skriv de sex siffrorna från appen.")},
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    device = TwoFactorDevice.objects.filter(user=user).first()
    if device is None:
        return redirect("two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify(form.cleaned_data["code"]):
            request.session[SESSION_KEY] = True
            return redirect(_next(request))
        form.add_error(
            "code",
            _("Koden stämmer inte eller är redan använd. Vänta på nästa kod och försök igen."),
        )
    return render(
        request,
        "organisation/two_factor.html",
        {"title": _("Tvåfaktorinloggning"), "form": form, "next": _next(request)},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if hasattr(user, "two_factor") and request.session.get(SESSION_KEY):
        messages.info(request, _("Tvåfaktorinloggning är redan aktiverad."))
        return redirect("core:home")
    if hasattr(request.user, "two_factor"):
        return redirect("two_factor")
    secret = request.session.get(SETUP_KEY) or totp.new_secret()
    request.session[SETUP_KEY] = secret
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = totp.matching_step(secret, form.cleaned_data["code"], None)
        if step is not None:
            TwoFactorDevice.objects.create(user=user, secret=secret, last_used_step=step)
            del request.session[SETUP_KEY]
            request.session[SESSION_KEY] = True
            messages.success(request, _("Tvåfaktorinloggning är aktiverad."))
            return redirect(_next(request))
        form.add_error(
            "code",
            _("Koden stämmer inte. Kontrollera att klockan i telefonen går rätt och försök igen."),
        )
    issuer = "Röda tråden"
    return render(
        request,
        "organisation/two_factor_setup.html",
        {
            "title": _("Aktivera tvåfaktorinloggning"),
            "form": form,
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "uri": totp.provisioning_uri(secret, user.get_username(), issuer),
            "required": SecurityPolicy.requires_two_factor(user),
            "next": _next(request),
        },
        status=400 if request.method == "POST" else 200,
    )
