"""Settings for DiploTrack, driven by the environment.

Development defaults need nothing set: an SQLite file in the project folder, DEBUG on, localhost
only. ``DJANGO_ENV=production`` turns DEBUG off and requires SECRET_KEY and ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PRODUCTION = os.environ.get("DJANGO_ENV", "development") == "production"

if PRODUCTION:
    for required in ("SECRET_KEY", "ALLOWED_HOSTS"):
        if not os.environ.get(required):
            raise ImproperlyConfigured(f"{required} must be set when DJANGO_ENV=production.")
    if len(os.environ["SECRET_KEY"]) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long in production.")

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "taggit",
    "simple_history",
    "ninja",  # the API's documentation page, from the package's own static files
    "people",
    "events",
    "devtools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "events.middleware.SecurityHeadersMiddleware",
    "events.middleware.NulCharacterMiddleware",
    "events.middleware.ApiCorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "events.middleware.QueryBudgetMiddleware",
    "events.middleware.CountsMiddleware",
]

ROOT_URLCONF = "diplotrack.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "diplotrack.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Reads through memory-mapped pages, shared by every process serving the same file, instead of a read
            # call per page; writers take the lock when their transaction begins, so concurrent imports wait for
            # each other (up to the timeout) instead of failing when one upgrades its read lock.
            "init_command": "PRAGMA mmap_size=268435456",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Per-connection planner settings, overridable with POSTGRES_OPTIONS. JIT compilation costs tens of ms per
    # query and pays off only on long analytical ones; a random page cost of 1.1 (rather than 4, which assumes
    # spinning disks) lets the planner use indexes to fetch a few thousand rows instead of scanning whole tables.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = os.environ.get(
        "POSTGRES_OPTIONS", "-c jit=off -c random_page_cost=1.1"
    )

CACHES = {
    # Per process: short-lived things.
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # The lists' counts (events/facets.py), in a table of the database: shared by every process, kept across
    # restarts, and backed up with the data. The table is made by a migration.
    "counts": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "diplotrack_counts",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TAGGIT_CASE_INSENSITIVE = True

# Articles larger than this are refused by the importer with a clear message.
DIPLOTRACK_MAX_ARTICLE_BYTES = int(os.environ.get("DIPLOTRACK_MAX_ARTICLE_BYTES", 2_000_000))
# Pages and feeds fetched for editors: size and time caps. Loopback and private addresses are refused unless this
# is set (for a test server on 127.0.0.1, or an intranet source); link-local and multicast ones always are.
DIPLOTRACK_FETCH_ALLOW_PRIVATE = env_bool("DIPLOTRACK_FETCH_ALLOW_PRIVATE", False)
DIPLOTRACK_FETCH_MAX_BYTES = int(os.environ.get("DIPLOTRACK_FETCH_MAX_BYTES", 5_000_000))
DIPLOTRACK_FETCH_TIMEOUT = float(os.environ.get("DIPLOTRACK_FETCH_TIMEOUT", 15))
# The time one feed's poll may take, the feed and its entries together; entries left over wait for the next poll.
DIPLOTRACK_FEED_POLL_SECONDS = float(os.environ.get("DIPLOTRACK_FEED_POLL_SECONDS", 120))
# The most entries of one feed fetched in one poll, newest first; the others wait for the next poll.
DIPLOTRACK_FEED_MAX_ENTRIES = int(os.environ.get("DIPLOTRACK_FEED_MAX_ENTRIES", 50))
# The longest one database statement of a public page may run (0: no limit); over it, the page answers 503.
DIPLOTRACK_QUERY_SECONDS = float(os.environ.get("DIPLOTRACK_QUERY_SECONDS", 10))
# Where the CSV of every meeting is kept once written, until the data changes ("" keeps none).
DIPLOTRACK_KEPT_EXPORTS = os.environ.get("DIPLOTRACK_KEPT_EXPORTS", str(BASE_DIR / "kept-exports"))
# A form may carry an article near the limit, however it is encoded, so that the form can say it is too large.
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * DIPLOTRACK_MAX_ARTICLE_BYTES + 1_000_000

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # X-Forwarded-Proto is believed only behind a proxy that sets it (and drops what clients send): served
    # directly, anyone could claim HTTPS with it and skip the redirect.
    if env_bool("DIPLOTRACK_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # A 403 or 404 is an answer, not a fault: only server errors are logged, with their tracebacks.
    "loggers": {"django.request": {"level": "ERROR"}},
}
