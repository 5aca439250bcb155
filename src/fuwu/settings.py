"""Django settings for Fuwu, read from the environment.

Every setting a deployer may change is an environment variable documented in
docs/reference/settings.md. The `fuwu` command sets FUWU_DATA_DIR (and, for the
demo, a secret key kept in the data directory) before Django starts.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from fuwu import __version__
from fuwu.secret_key import DEVELOPMENT_KEY

BASE_DIR = Path(__file__).resolve().parent
VERSION = __version__


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("FUWU_DATA_DIR", "fuwu-data")).resolve()
DEBUG = env_bool("FUWU_DEBUG")


def read_secret_key() -> str:
    """FUWU_SECRET_KEY, else the key `fuwu demo` keeps in the data directory."""
    key = os.environ.get("FUWU_SECRET_KEY", "").strip()
    key_file = DATA_DIR / "secret_key"
    if not key and key_file.is_file():
        key = key_file.read_text().strip()
    return key


SECRET_KEY = read_secret_key()
# Without a key, Fuwu still runs management commands and tests; the WSGI entry
# point and `fuwu serve` refuse to serve in production mode (see fuwu/wsgi.py).
SECRET_KEY_MISSING = not SECRET_KEY
if SECRET_KEY_MISSING:
    SECRET_KEY = DEVELOPMENT_KEY  # refused by `check --deploy` (fuwu.E001) and `fuwu serve`

ALLOWED_HOSTS = env_list("FUWU_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("FUWU_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "fuwu.core.apps.FuwuAdminConfig",  # Django's admin, locked like every login
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "fuwu.core",
    "fuwu.standard",
    "fuwu.documents",
    "fuwu.design",
    "fuwu.improvement",
    "fuwu.measurement",
    "fuwu.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fuwu.core.middleware.RequestIdMiddleware",
    "fuwu.core.middleware.ContentSecurityPolicyMiddleware",
    "fuwu.core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fuwu.core.auth.LoginLockoutMiddleware",
    "fuwu.core.middleware.UserLanguageMiddleware",
    "fuwu.core.middleware.TenantMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "fuwu.urls"
WSGI_APPLICATION = "fuwu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fuwu.core.context_processors.shell",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'fuwu.sqlite3'}",
        conn_max_age=int(os.environ.get("FUWU_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the single writer; IMMEDIATE avoids upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
# Every password check is counted and locked here (core/auth.py).
AUTHENTICATION_BACKENDS = ["fuwu.core.auth.ThrottledModelBackend"]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("FUWU_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
# One date-time format in both languages ("2026-12-04 22:12"): fuwu/formats/.
FORMAT_MODULE_PATH = ["fuwu.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Served straight from the package: docs/adr/0004-static-files-from-package.md
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(os.environ.get("FUWU_MEDIA_DIR", DATA_DIR / "media"))
MEDIA_URL = "/media/"

# Extra folders with fonts for PDF reports (Chinese needs a CJK font such as Noto Sans CJK SC).
FUWU_FONT_DIRS = env_list("FUWU_FONT_DIRS")
FUWU_MAX_UPLOAD_MB = int(os.environ.get("FUWU_MAX_UPLOAD_MB", "20"))
# The address of Fuwu in links that e-mails carry; empty: the address of the request.
FUWU_BASE_URL = os.environ.get("FUWU_BASE_URL", "")
FUWU_INVITATION_DAYS = int(os.environ.get("FUWU_INVITATION_DAYS", "7"))
FUWU_LOGIN_MAX_FAILURES = int(os.environ.get("FUWU_LOGIN_MAX_FAILURES", "5"))
FUWU_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("FUWU_LOGIN_LOCKOUT_SECONDS", "300"))
# Evaluations a minute from one address: the customer's page and the public API share
# it (measurement/throttles.py); reading the public form may go five times as often.
FUWU_EVALUATION_RATE = int(os.environ.get("FUWU_EVALUATION_RATE", "20"))
# Minutes after which an unsealed append-only record is a fault of verify-audit (ADR 0030).
FUWU_SEAL_GRACE_MINUTES = int(os.environ.get("FUWU_SEAL_GRACE_MINUTES", "60"))
# The audit chain heads are anchored outside the database (docs/explanation/audit-trail.md).
FUWU_AUDIT_ANCHOR_FILE = Path(
    os.environ.get("FUWU_AUDIT_ANCHOR_FILE") or DATA_DIR / "audit-anchors.jsonl"
).resolve()
FUWU_AUDIT_ANCHOR_EMAIL = env_list("FUWU_AUDIT_ANCHOR_EMAIL")
FUWU_AUDIT_ANCHOR_WEBHOOK = os.environ.get("FUWU_AUDIT_ANCHOR_WEBHOOK", "").strip()
# Outgoing e-mail (invitations, set-password links, audit anchors): see EMAIL_* below.
DATA_UPLOAD_MAX_MEMORY_SIZE = FUWU_MAX_UPLOAD_MB * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "fuwu.core.api.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON with a depth limit (fuwu.core.api.parsers); forms and uploads as DRF reads them.
    "DEFAULT_PARSER_CLASSES": [
        "fuwu.core.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "fuwu.core.api.pagination.StandardPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "fuwu.core.api.exceptions.exception_handler",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fuwu API",
    "DESCRIPTION": "Service management per SB/T 10382-2004. Token or session authentication.",
    "VERSION": __version__,
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The interface's two languages are one choice set, whatever a field calls it.
    "ENUM_NAME_OVERRIDES": {"LangEnum": ["en", "zh-hans"]},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("FUWU_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
FUWU_BEHIND_PROXY = env_bool("FUWU_BEHIND_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if FUWU_BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = int(os.environ.get("FUWU_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("FUWU_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("FUWU_HSTS_PRELOAD")
SECURE_SSL_REDIRECT = env_bool("FUWU_SSL_REDIRECT")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # A request refused on purpose (403, 400) is logged on one line, without a traceback.
    "filters": {"refusals": {"()": "fuwu.core.logs.RefusalsOnOneLine"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["refusals"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("FUWU_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
FORM_RENDERER = "fuwu.core.renderers.FuwuFormRenderer"

# E-mail: invitations and set-password links. The demo and FUWU_DEBUG print them
# on the console; production sends them through an SMTP server.
EMAIL_BACKEND = os.environ.get(
    "FUWU_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("FUWU_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("FUWU_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("FUWU_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("FUWU_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("FUWU_EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("FUWU_EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("FUWU_EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("FUWU_EMAIL_FROM", "Fuwu <fuwu@localhost>")
