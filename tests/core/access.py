from __future__ import annotations

from django.urls import reverse

from tests.access import NOT_FOUND, OK, REDIRECT, Case, internal, only, public, roles

PAGES = {
    # Single sign-on is off unless OIDC_ISSUER is set (tests/organisation/test_sso.py).
    "sso_start": Case(
        url=lambda w: reverse("sso_start"), get=roles(NOT_FOUND, anonymous=NOT_FOUND)
    ),
    "sso_callback": Case(
        url=lambda w: reverse("sso_callback"), get=roles(NOT_FOUND, anonymous=NOT_FOUND)
    ),
    # Without an authenticator the code page sends you to set one up.
    "two_factor": Case(url=lambda w: reverse("two_factor"), get=roles(REDIRECT)),
    "two_factor_setup": Case(url=lambda w: reverse("two_factor_setup"), get=roles(OK)),
    "healthz": Case(url=lambda w: "/healthz", get=public()),
    "core:home": Case(url=lambda w: reverse("core:home"), get=public()),
    "core:search": Case(url=lambda w: reverse("core:search") + "?q=hem", get=roles(OK)),
    "core:area": Case(url=lambda w: reverse("core:area", args=["reports"]), get=roles(OK)),
    "core:history": Case(
        url=lambda w: reverse("core:history", args=["organisation.body", w.bodies["osn"].pk]),
        get=internal(denied=NOT_FOUND),
    ),
    "login": Case(url=lambda w: reverse("login"), get=roles(REDIRECT, anonymous=OK)),
    "logout": Case(
        url=lambda w: reverse("logout"),
        post=roles(REDIRECT, anonymous=REDIRECT),
    ),
    "set_language": Case(
        url=lambda w: reverse("set_language"),
        post=roles(REDIRECT, anonymous=REDIRECT),
        post_data=lambda w: {"language": "sv", "next": "/"},
    ),
    "admin:index": Case(
        url=lambda w: reverse("admin:index"),
        get=only(["admin", "kvalitetsstrateg", "ekonom"], denied=REDIRECT, anonymous=REDIRECT),
    ),
}
