"""URLs: core pages, sign-in, the admin, the API, and one include per app along the red thread.

An app's URLs are included when it has a ``urls`` module, at the prefix of its area.
"""

from __future__ import annotations

from importlib.util import find_spec

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from redthread.core import views as core_views
from redthread.organisation import oidc, twofactor
from redthread.organisation.forms import LoginForm

APP_PREFIXES = [
    ("organisation/", "organisation"),
    ("styrdokument/", "documents"),
    ("arshjul/", "cycle"),
    ("mal/", "goals"),
    ("ekonomi/", "finance"),
    ("internkontroll/", "control"),
    ("kvalitet/", "quality"),
    ("projekt/", "projects"),
    ("synpunkter/", "feedback"),
    ("analys/", "analysis"),
    ("rapporter/", "reports"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("redthread.core.urls")),
    path(
        "konto/logga-in/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/sso/", oidc.SingleSignOnStart.as_view(), name="sso_start"),
    path("konto/sso/svar/", oidc.SingleSignOnCallback.as_view(), name="sso_callback"),
    path("konto/tvafaktor/", twofactor.verify, name="two_factor"),
    path("konto/tvafaktor/aktivera/", twofactor.setup, name="two_factor_setup"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("redthread.api.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("open311/v2/", include("redthread.feedback.open311.urls")),
]

for prefix, app in APP_PREFIXES:
    module = f"redthread.{app}.urls"
    if find_spec(module) is not None:
        urlpatterns.append(path(prefix, include(module)))

handler403 = "redthread.core.views.error_403"
handler404 = "redthread.core.views.error_404"
handler500 = "redthread.core.views.error_500"
