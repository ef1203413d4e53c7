"""Autofocus settings: one module, driven by the environment.

Every value that differs between machines comes from an environment variable (a `.env`
file is read when present, without overriding real variables). See README.md for the list.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import dj_database_url
import dotenv
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

dotenv.load_dotenv(BASE_DIR / ".env", override=False)

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
TESTING = env_bool("AUTOFOCUS_TESTING", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        # Development and tests only: never used when debug is off.
        SECRET_KEY = "insecure-development-key-do-not-use-in-production-0123456789"
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off. "
            "Set it in the environment or in .env (see .env.example)."
        )

# localhost is always allowed: the platform's health check calls the container directly.
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") + ["localhost", "127.0.0.1", "[::1]"]
if TESTING:
    ALLOWED_HOSTS.append("testserver")

# Absolute links in emails are built from here, never from the request's Host header.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", SITE_URL)
CSRF_FAILURE_VIEW = "autofocus.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "graphene_django",
    "webpack_loader",
    "autofocus",
    "csp",
    "accounts",
    "focus",
    "shortlinks",
    "analytics",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "autofocus.headers.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages, GraphQL answers and exports go out gzipped to a browser that accepts it (with
    # Django's BREACH mitigation). Below WhiteNoise, which serves the static files already
    # compressed at build time and answers before this point.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.ApiTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "autofocus.reporting.ThrottledReportMiddleware",
    "autofocus.outage.DatabaseOutageMiddleware",
]

ROOT_URLCONF = "autofocus.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

ASGI_APPLICATION = "autofocus.asgi.application"
WSGI_APPLICATION = "autofocus.wsgi.application"

# Database: SQLite by default (embedded), anything dj-database-url understands otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL", "") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
# Connections: under the Procfile's server each worker runs requests on a few long-lived
# threads (autofocus/asgi.py), so a SQLite connection is kept for CONN_MAX_AGE seconds and
# reused by the next requests of its thread (closed earlier when broken or left in a
# transaction). PostgreSQL takes connections from Django's pool instead (CONN_MAX_AGE 0, as
# Django requires with a pool). Health checks: a connection broken by a database restart is
# replaced, not used.
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 600), conn_health_checks=True
    )
}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.postgresql":
    _db["CONN_MAX_AGE"] = 0
    _db.setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("DATABASE_POOL_MIN_SIZE", 1),
        "max_size": env_int("DATABASE_POOL_MAX_SIZE", 10),
        "timeout": env_int("DATABASE_POOL_TIMEOUT", 5),
    }
elif _db["ENGINE"] == "django.db.backends.sqlite3":
    # Django's backend, with one writer per process at a time, in arrival order
    # (autofocus/sqlite/base.py).
    _db["ENGINE"] = "autofocus.sqlite"
    _db.setdefault("OPTIONS", {}).update(
        {
            # Writers queue on the database lock instead of failing with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA busy_timeout=20000;"
                "PRAGMA foreign_keys=ON;"
            ),
        }
    )
    # Tests use a file, not memory, so that threads and live servers share one real database.
    # One file per test process, so that parallel runs never share it.
    _db["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"autofocus-test-{os.getpid()}.sqlite3")
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "sesame.backends.ModelBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS: list[dict] = []
LOGIN_URL = "/"

# Magic links (django-sesame): one-time tokens, 15 minutes by default.
SESAME_MAX_AGE = env_int("SESAME_MAX_AGE", 15 * 60)
SESAME_ONE_TIME = True
SESAME_INVALIDATE_ON_PASSWORD_CHANGE = False  # users have no password
SESAME_TOKEN_NAME = "sesame"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
FRONTEND_DIST = BASE_DIR / "frontend" / "dist"
STATICFILES_DIRS = [FRONTEND_DIST] if FRONTEND_DIST.exists() else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Bundles carry a content hash in their names: cache them for a year.
WHITENOISE_IMMUTABLE_FILE_TEST = r"^.+\.[0-9a-f]{8,}\..+$"

WEBPACK_LOADER = {
    "DEFAULT": {
        "STATS_FILE": BASE_DIR / "webpack-stats.json",
        "CACHE": not DEBUG,
        "POLL_INTERVAL": 0.1,
        "IGNORE": [r".+\.map$", r".+\.hot-update\.js"],
    }
}

GRAPHENE = {
    "SCHEMA": "autofocus.schema.schema",
    "ATOMIC_MUTATIONS": False,
}
GRAPHQL_MAX_DEPTH = env_int("GRAPHQL_MAX_DEPTH", 8)
# Request limits on /graphql (see autofocus.graphql and autofocus.query_cost). The SPA's
# largest document costs 801 (a page of 100 items, 8 fields each); 20 aliased `items` cost
# 2,020 with one field each.
GRAPHQL_MAX_BODY_BYTES = env_int("GRAPHQL_MAX_BODY_BYTES", 64 * 1024)
GRAPHQL_MAX_TOKENS = env_int("GRAPHQL_MAX_TOKENS", 150)
GRAPHQL_MAX_COST = env_int("GRAPHQL_MAX_COST", 1200)
GRAPHQL_MAX_ALIASES = env_int("GRAPHQL_MAX_ALIASES", 10)
# Seconds a client is asked to wait while the database is out of reach (503).
OUTAGE_RETRY_AFTER = env_int("OUTAGE_RETRY_AFTER", 5)

# Email: console when debugging, SMTP from the environment otherwise; EMAIL_BACKEND wins.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
if "EMAIL_FILE_PATH" in os.environ:
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
# Login emails leave after the response so that new and known addresses answer alike.
EMAIL_SEND_IN_BACKGROUND = env_bool("EMAIL_SEND_IN_BACKGROUND", not TESTING)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Autofocus <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Rate limits: counted in Redis when REDIS_URL is set, in the database otherwise; both hold
# across every worker and process.
REDIS_URL = os.environ.get("REDIS_URL", "")
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
LOGIN_RATE_PER_EMAIL = os.environ.get("LOGIN_RATE_PER_EMAIL", "5/h")
LOGIN_RATE_PER_IP = os.environ.get("LOGIN_RATE_PER_IP", "30/h")
SHORTLINK_RATE_PER_IP = os.environ.get("SHORTLINK_RATE_PER_IP", "60/m")
API_TOKEN_RATE = os.environ.get("API_TOKEN_RATE", "600/m")
# Trust the last X-Forwarded-For hop (set by the reverse proxy) as the client's address.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", not DEBUG)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }

# Security: production is secure by default; DJANGO_HTTPS=0 allows plain http (localhost).
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 365
# Database sessions that know their account: deleting an account ends them on every device.
SESSION_ENGINE = "accounts.sessions"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp). Scripts and styles come only from the site itself or
# carry the response's nonce; nothing inline without it, no eval. CSP_REPORT_ONLY=1 sends the
# same policy as Content-Security-Policy-Report-Only, for rolling it out.
_CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF, NONCE],
    # data: for the select arrow of the forms plugin (an SVG inlined in the stylesheet).
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "manifest-src": [SELF],
    "worker-src": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "frame-ancestors": [NONE],
    "form-action": [SELF],
}
if os.environ.get("CSP_REPORT_URI"):
    _CSP_DIRECTIVES["report-uri"] = os.environ["CSP_REPORT_URI"]
_CSP: dict[str, Any] = {
    "DIRECTIVES": _CSP_DIRECTIVES,
    # GraphiQL (debug only) loads its scripts from a CDN.
    "EXCLUDE_URL_PREFIXES": ["/graphql"] if DEBUG else [],
}
SECURITY_POLICY_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
CONTENT_SECURITY_POLICY: dict[str, Any] | None = None if SECURITY_POLICY_REPORT_ONLY else _CSP
CONTENT_SECURITY_POLICY_REPORT_ONLY: dict[str, Any] | None = (
    _CSP if SECURITY_POLICY_REPORT_ONLY else None
)
# Browser features the app never uses are denied (autofocus.headers).
PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
    "xr-spatial-tracking",
]

# Rollbar: on when a token is set, silent otherwise.
ROLLBAR_ACCESS_TOKEN = os.environ.get("ROLLBAR_ACCESS_TOKEN", "")
ROLLBAR = {
    "access_token": ROLLBAR_ACCESS_TOKEN,
    "environment": os.environ.get("ROLLBAR_ENVIRONMENT", "development" if DEBUG else "production"),
    "code_version": os.environ.get("GIT_REV", os.environ.get("SOURCE_VERSION", "")),
    "root": str(BASE_DIR),
    "enabled": bool(ROLLBAR_ACCESS_TOKEN),
    # The login token travels in the query string and the form body: never report it.
    "scrub_fields": [
        "pw",
        "passwd",
        "password",
        "secret",
        "token",
        "sesame",
        "csrfmiddlewaretoken",
        "sessionid",
        "csrftoken",
        "authorization",
        "cookie",
        "code",
    ],
    "url_fields": ["url", "link", "href", "referer"],
}
# Exceptions are reported by autofocus.reporting (throttled), not by Rollbar's middleware.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}
