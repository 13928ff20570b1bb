"""Django settings for Röda tråden, read from environment variables.

See the README's "Environment" table for every variable. Nothing here is secret:
secrets come from the environment or, in demo mode, from files under ``var/``.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from redthread.env import database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("REDTHREAD_VAR_DIR", str(BASE_DIR / "var")))

# pytest sets PYTEST_VERSION before anything is imported.
TESTING = "PYTEST_VERSION" in os.environ or "test" in sys.argv[1:2]
DEBUG = env_bool("DEBUG", False)
DEMO_MODE = env_bool("REDTHREAD_DEMO", False)
HTTPS = env_bool("REDTHREAD_HTTPS", not (DEBUG or DEMO_MODE or TESTING))


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if TESTING:
        return "tests-only-" + "x" * 50
    if DEBUG or DEMO_MODE:
        # A local key that survives restarts, so demo sessions stay valid.
        path = VAR_DIR / "secret_key"
        if not path.exists():
            VAR_DIR.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off (at least 50 random characters)."
    )


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    # Along the red thread; an app never imports from an app below it in this list.
    "redthread.core",
    "redthread.organisation",
    "redthread.documents",
    "redthread.cycle",
    "redthread.goals",
    "redthread.finance",
    "redthread.control",
    "redthread.quality",
    "redthread.projects",
    "redthread.feedback",
    "redthread.analysis",
    "redthread.reports",
    "redthread.api",
]

MIDDLEWARE = [
    "redthread.core.security.security_headers",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "redthread.core.middleware.swedish_unless_chosen",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "redthread.organisation.twofactor.two_factor_gate",
    "redthread.core.middleware.read_only_auditor",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "redthread.core.middleware.AtomicWrites",
]

ROOT_URLCONF = "redthread.urls"
WSGI_APPLICATION = "redthread.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "redthread.core.context_processors.shell",
            ],
            "builtins": ["redthread.core.templatetags.rt"],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", "sqlite:///var/redthread.sqlite3"), BASE_DIR
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and not TESTING:
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisation.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "redthread.organisation.auth.AccountBackend",
    "redthread.organisation.oidc.RoleMappingOIDCBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["redthread.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"  # never served directly: attachments go through views that check access
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024


def _bootstrap_dir() -> str:
    from xstatic.pkg import bootstrap

    return str(bootstrap.BASE_DIR)


def _leaflet_dir() -> str:
    from xstatic.pkg import leaflet

    return str(leaflet.BASE_DIR)


STATICFILES_DIRS = [("bootstrap", _bootstrap_dir()), ("leaflet", _leaflet_dir())]
STORAGES = {
    "default": {"BACKEND": "redthread.core.storage.SafeFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING or DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG or DEMO_MODE
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "rodatraden@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_FILEFIELD_TO_CHARFIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SILENCED_SYSTEM_CHECKS: list[str] = []
if HTTPS and not env_bool("SECURE_HSTS_PRELOAD", False):
    # Preloading is a decision for the municipality's web team, not a default.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

LOG_FORMAT = env_str("LOG_FORMAT", "plain" if DEBUG or TESTING else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "redthread.core.security.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "redthread.core.security.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint and fontTools report every layout step at INFO: a report is one line.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
CSP_EXTRA_IMG_SOURCES = env_list("CSP_EXTRA_IMG_SOURCES", [])

# Single sign-on with OpenID Connect (organisation/oidc.py); off while OIDC_ISSUER is empty.
OIDC_ISSUER = env_str("OIDC_ISSUER", "")
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = env_str("OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_SCOPES", "openid email profile")
OIDC_GROUPS_CLAIM = env_str("OIDC_GROUPS_CLAIM", "groups")
OIDC_GROUP_ROLES = env_list("OIDC_GROUP_ROLES", [])
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_JWKS_ENDPOINT", "")
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USERS", True)
LOGIN_REDIRECT_URL_FAILURE = "login"

# Röda tråden's own settings.
REDTHREAD_MUNICIPALITY_CODE = env_str("REDTHREAD_MUNICIPALITY_CODE", "0586")
# The address people reach the system at, for links in e-mails sent outside a request
# (reminders). Set it in production: https://rodatraden.kommun.se
REDTHREAD_BASE_URL = env_str("REDTHREAD_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Synpunkter och felanmälan (the feedback app).
REDTHREAD_FEEDBACK_RETENTION_MONTHS = env_int("REDTHREAD_FEEDBACK_RETENTION_MONTHS", 3)
REDTHREAD_FEEDBACK_RATE_LIMIT = env_str("REDTHREAD_FEEDBACK_RATE_LIMIT", "20/h")
REDTHREAD_OPEN311_RATE_LIMIT = env_str("REDTHREAD_OPEN311_RATE_LIMIT", "600/h")
REDTHREAD_PROXY_COUNT = env_int("REDTHREAD_PROXY_COUNT", 0)
REDTHREAD_IMPORT_STALL_SECONDS = env_int("REDTHREAD_IMPORT_STALL_SECONDS", 600)
REDTHREAD_MAP_TILES_URL = env_str("REDTHREAD_MAP_TILES_URL", "")
REDTHREAD_MAP_ATTRIBUTION = env_str("REDTHREAD_MAP_ATTRIBUTION", "")
REDTHREAD_MAP_CENTER = env_str("REDTHREAD_MAP_CENTER", "58.3245,15.1310")

# Analysis: Kolada's API, and where its published files are read for offline use and the demo.
KOLADA_BASE_URL = env_str("KOLADA_BASE_URL", "https://api.kolada.se/v3/")
KOLADA_DATA_DIR = Path(env_str("KOLADA_DATA_DIR", str(BASE_DIR.parent / "shared/data/kolada")))
