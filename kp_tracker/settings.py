"""KP Tracker settings, read from the environment.

Every variable is documented in README.md. With nothing set, the project runs in production mode
and refuses to start without a SECRET_KEY; for local work, `make run` writes a git-ignored .env
(DEBUG on, a generated SECRET_KEY) that every management command then reads.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from dotenv import dotenv_values
from import_export.formats.base_formats import CSV, JSON, XLSX

BASE_DIR = Path(__file__).resolve().parent.parent


def read_dotenv(path):
    """Fills in from .env, so local commands need no exports; real environments set SECRET_KEY."""
    if "SECRET_KEY" in os.environ:
        return
    for name, value in dotenv_values(path).items():
        if value is not None:
            os.environ.setdefault(name, value)


def env_bool(name, default=False):
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default):
    value = os.environ.get(name, default)
    return [item.strip() for item in value.split(",") if item.strip()]


# Production, CI and the test run set SECRET_KEY, so a .env lying around never reaches them.
# Variables set in the environment win over the file's, one by one.
read_dotenv(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    # Only ever used with DEBUG on, on a developer's own machine.
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "kp_tracker.apps.EditorialAdminConfig",  # django.contrib.admin, record first
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "axes",
    "corsheaders",
    "csp",
    "django_countries",
    "django_filters",
    "import_export",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # the API documentation's scripts, served from here
    "plenaries",
]

MIDDLEWARE = [
    # Every response says what it may load and use, and that no page may frame it: static files,
    # /healthz, a 413, a 503 and Django's 400 for an unknown host too.
    "kp_tracker.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Its headers on every response, /healthz's included; SECURE_REDIRECT_EXEMPT spares
    # /healthz the HTTPS redirect.
    "django.middleware.security.SecurityMiddleware",
    # Answers /healthz before host validation, as load balancers ask it over plain HTTP at an IP
    # address, and bounds every other request by REQUEST_TIMEOUT, the middleware below included.
    "kp_tracker.health.DatabaseHealthMiddleware",
    # Before anything that reads the body, so that an oversized one is refused unread.
    "kp_tracker.limits.RequestSizeMiddleware",
    "kp_tracker.limits.AdminQueryMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An anonymous reader's request reads from a replica, when there are (kp_tracker/routers.py).
    "kp_tracker.routers.PublicReadMiddleware",
    # Anonymous readers' pages from memory: above everything a stored page no longer needs.
    "plenaries.page_cache.PageCacheMiddleware",
    # Before anything that may answer, so that every API response says who may read it.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out account or address is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "kp_tracker.urls"

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
                "plenaries.context_processors.record",
            ],
        },
    },
]

WSGI_APPLICATION = "kp_tracker.wsgi.application"

# Unset or empty DATABASE_URL: a SQLite file in the project, the zero-set-up default.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# PostgreSQL streaming replicas of that database, comma-separated URLs: anonymous readers' pages
# read from one of them, everything else from the primary (kp_tracker/routers.py). Each is the
# primary itself in tests (a test mirror).
DATABASE_REPLICAS = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS", ""), start=1):
    DATABASES[f"replica{number}"] = {
        **dj_database_url.parse(url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_REPLICAS.append(f"replica{number}")
DATABASE_ROUTERS = ["kp_tracker.routers.ReplicaRouter"]
# How long a replica that failed is left out, its readers reading from the primary, in seconds.
REPLICA_RETRY_SECONDS = int(os.environ.get("REPLICA_RETRY_SECONDS", "30"))
# How long a replica may lack a change the primary holds before it is left out as well.
REPLICA_MAX_LAG_SECONDS = float(os.environ.get("REPLICA_MAX_LAG_SECONDS", "5"))

# How long a reader waits on a PostgreSQL that is down or hung before the 503 page
# (kp_tracker/health.py), in seconds: to connect; for each statement (PostgreSQL's own
# statement_timeout; manage.py's commands run without one unless this is set); for a whole
# request, which is what ends the wait on a database that stops answering without closing its
# connections. REQUEST_TIMEOUT stays above the statement's and below gunicorn's (30 s). A reader's
# request (a GET or HEAD outside the admin) is held to READER_REQUEST_TIMEOUT: its pages take tens
# of milliseconds, even at 100,000 decisions, and a reader sees the 503 page within seconds.
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3"))
DATABASE_STATEMENT_TIMEOUT = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "5"))
REQUEST_TIMEOUT = float(os.environ.get("REQUEST_TIMEOUT", "10"))
READER_REQUEST_TIMEOUT = float(os.environ.get("READER_REQUEST_TIMEOUT", "4"))
for database in DATABASES.values():
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})  # the URL's own ?connect_timeout= wins
        options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
        options.setdefault("options", f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT}s")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache every worker and server shares (the API's throttle counts, for one): Redis when
# REDIS_URL is set (redis://host:6379/0), else a table of the database (`createcachetable`).
# Sessions stay in the database, Django's default. "pages" is each worker's own memory of
# anonymous readers' pages (plenaries.page_cache), keyed by the record's version in the database,
# so that it is never stale; at most PAGE_CACHE_ENTRIES pages, the oldest third dropped when full.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kp_cache"}
    ),
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "500"))},
    },
}
# PAGE_CACHE=false renders every page at every request (the load benchmark compares both).
PAGE_CACHE = env_bool("PAGE_CACHE", True)
# How long a browser or a CDN may keep an anonymous reader's page without asking again. 0, the
# default, means it asks every time (a 304 when nothing changed), so that no one is ever shown a
# stale record; a deployment behind a CDN raises it, accepting that much delay after a change.
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The interface speaks both; the records stay in the language of their sources.
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The site's public address, which the open-data downloads name as their source and homepage:
# `build_downloads` runs without a request to read it from.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The admin lives at a configurable path, so that it is not where every scanner looks first.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"

# Where readers report an error in the record, named on the About page: an e-mail address or an
# http(s) address. Unset, the page asks readers to write to the site's editors, without an address.
KP_ERRORS_TO = os.environ.get("KP_ERRORS_TO", "").strip()

# How many proxies in front of the site append the client's address to X-Forwarded-For: 0 when
# clients reach the site directly (their address is then REMOTE_ADDR). The rightmost entries that
# many proxies wrote are trusted, never what a client wrote to their left. It names the client for
# the sign-in lockout and the API's throttle alike (kp_tracker.limits.client_address).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Repeated failed logins lock out an account name from the address they came from: one client's
# failures never lock out the others, nor that client from another account.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "kp_tracker.limits.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# The largest request body, in bytes, that any page reads (kp_tracker.limits): a larger one is
# refused with a 413 before it is read. The admin's import pages take a file of up to
# IMPORT_MAX_SIZE on top, but their other fields stay within this limit too. Django's limit of
# 1,000 fields a request and its spooling of uploads over 2.5 MB to disk stand.
REQUEST_MAX_SIZE = int(os.environ.get("REQUEST_MAX_SIZE", str(2 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_SIZE

# An import file's limits, so that its preview and its confirmation each end well inside
# REQUEST_TIMEOUT: 100 rows of 5 KB took under 5 s each through gunicorn on PostgreSQL, on a
# machine loaded twelve times over its two cores.
IMPORT_MAX_SIZE = int(os.environ.get("IMPORT_MAX_SIZE", str(512 * 1024)))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "100"))

# An import with any bad row is rolled back whole. Spreadsheets come as CSV, XLSX or JSON.
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Between its preview and its confirmation a file waits in the cache every server shares, not on
# the disk of the server that read it: behind a load balancer the confirmation may reach another.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
IMPORT_EXPORT_FORMATS = [CSV, XLSX, JSON]
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Importing adds records and exporting reads them: the same permissions as the forms.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# The read-only open-data API (plenaries.api): anyone may read it, from any site, within a rate.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # JSON only: people read the API's documentation at /api/docs/.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # The API's throttle, schema and pages are plenaries.api.base.RecordViewSet's.
    "EXCEPTION_HANDLER": "plenaries.api.base.api_exception_handler",
    "UNAUTHENTICATED_USER": None,
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "KP Tracker API",
    "DESCRIPTION": (
        "The public record of the Kimberley Process, read-only: meetings, participants and "
        "their status, decisions with who proposed, supported or objected to them, statements, "
        "working bodies, topics and sources. Only published records are served."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"StatusEnum": "plenaries.models.StatusPeriod.Status"},
    # The schema names the records a filter may pick, read from the database, which a deploy
    # check may run without; tests/test_api.py and schemathesis check the schema instead.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}
# Requests per reader's address: a number, then second, minute, hour or day.
API_RATE = os.environ.get("API_RATE", "120/minute")
CORS_URLS_REGEX = r"^/(api|downloads)/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "if-modified-since", "if-none-match", "user-agent")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Link", "Retry-After")

# Behind a TLS-terminating proxy in production; each can be switched off for local HTTP.
# Whether a request came over HTTPS is gunicorn's to say (its wsgi.url_scheme), from the
# X-Forwarded-Proto of the proxies it trusts (FORWARDED_ALLOW_IPS, gunicorn.conf.py): Django's
# SECURE_PROXY_SSL_HEADER would believe that header from anyone who reaches the server.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # kp_tracker.health.HEALTHZ_PATH, without its slash
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
# No script reads a cookie (the admin's scripts take the CSRF token from the form), and another
# site's page sends one only with a link followed (Lax). Readers' pages set none at all.
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): nothing but what each part of the site loads, all from
# this site, and no inline script or style anywhere. Readers' pages run no script and load only
# their style sheets (their JSON-LD is data, which no policy governs). The admin runs its own
# scripts and asks this site for previews and autocomplete choices; the API documentation's
# Swagger UI also makes some of its images as data: URLs. kp_tracker.security picks by path.
CSP_EVERYWHERE = {
    "default-src": [NONE],
    "base-uri": [NONE],
    "object-src": [NONE],
    "frame-ancestors": [NONE],
    "form-action": [SELF],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**CSP_EVERYWHERE, "style-src": [SELF]}}
CSP_ADMIN_POLICY = {
    "DIRECTIVES": {
        **CSP_EVERYWHERE,
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "connect-src": [SELF],
    }
}
CSP_API_DOCS_POLICY = {
    "DIRECTIVES": {
        **CSP_EVERYWHERE,
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
    }
}

# Permissions-Policy (django-permissions-policy): no page uses a camera, a location, a payment
# or any other of the browser's powerful features, nor lets a frame use them. Only features
# Chromium reads: it reports any other as an error in the console (ambient-light-sensor,
# bluetooth and web-share in Debian's build, which tests/browser/ run).
PERMISSIONS_POLICY = dict.fromkeys(
    [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "captured-surface-control",
        "clipboard-read",
        "clipboard-write",
        "compute-pressure",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "identity-credentials-get",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "speaker-selection",
        "storage-access",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    ],
    [],
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
