"""Settings shared by every environment; each value the operator may change comes
from the environment (see the operator contract in the README)."""

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "orbitcms"
VAR_DIR = Path(environ.Env().str("ORBIT_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")


def filesystem_broker_options(folder: Path) -> dict:
    """Transport options for kombu's filesystem broker, creating its folder."""
    for sub in ("queue", "results", "control"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(folder / "queue"),
        "data_folder_out": str(folder / "queue"),
        # Broadcast (worker control) messages; kombu's default is ./control.
        "control_folder": str(folder / "control"),
        "store_processed": False,
    }


def redis_server_url(url: str) -> str:
    """REDIS_URL as the settings below extend it: the server without a database
    number. ORBIT uses databases 0 to 3 of that server itself, so `/0` (the form
    most operators write) is accepted and any other database refused here, at
    settings import, where web, worker and beat all stop on it."""
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError as error:
        raise ImproperlyConfigured(f"REDIS_URL {url!r}: {error}.") from None
    if parts.scheme not in {"redis", "rediss"} or not parts.hostname:
        raise ImproperlyConfigured(
            f"REDIS_URL {url!r} is not a Redis address: write redis://host:6379."
        )
    if parts.path.strip("/") not in {"", "0"} or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"REDIS_URL {url!r} names a database or options: write redis://host:6379 "
            "(or .../0). ORBIT uses databases 0 to 3 of the server: broker, cache, "
            "task results, page cache."
        )
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "recommendations",
    "coalitions",
    "commitments",
    "municipalities",
    "search",
    "ops",
    "core",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
]

MIDDLEWARE = [
    # First: a cache hit must not touch the database (sessions, authentication),
    # and does no work a stored copy already holds: a copy is stored with the
    # security and policy headers its render got, so a hit does not build them
    # again. A plain-HTTP request still meets the HTTPS redirect below it: the
    # copies are kept per scheme, and a redirect is never stored.
    "ops.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "ops.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The request's Wagtail site from the cache, past the static files.
    "ops.middleware.SiteLookupMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The admin in Dutch whatever the browser asks (each user may choose another).
    "orbitcms.admin_language.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into a 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "orbitcms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "orbitcms.wsgi.application"

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so two writers wait
    # for each other instead of failing with "database is locked" halfway through.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails the request (and /healthz) after
    # this many seconds instead of holding a worker until its timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
    # A worker keeps its connection between requests (gunicorn's sync workers
    # serve one request at a time): opening one costs PostgreSQL a new backend
    # process, more than rendering a page. Checked before reuse, so a database
    # that restarted costs a reconnect, not a failed request.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=300)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The admin login: five wrong passwords for one account from one address lock
# that pair out for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The visitor's address for the lock-out and the form rate limit: behind
# TRUSTED_PROXY_HOPS reverse proxies it is read from X-Forwarded-For
# (orbitcms/client_address.py), otherwise the peer's address is used.
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)
AXES_CLIENT_IP_CALLABLE = "orbitcms.client_address.client_address"
RATELIMIT_IP_META_KEY = "orbitcms.client_address.client_address"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin
# Nor does the dashboard of a superuser ask wagtail.org for new releases.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Upload limits beside the document types allowed further down: raster images
# only (Wagtail re-encodes them into renditions), no SVG; documents up to
# DOCUMENT_MAX_UPLOAD_BYTES. A form post's non-file body above
# DATA_UPLOAD_MAX_MEMORY_SIZE is refused with 400.
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("DOCUMENT_MAX_UPLOAD_BYTES", default=20 * 1024**2)
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# Response headers for every environment; production.py adds what needs HTTPS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's live preview, framed by the admin, relaxes this to SAMEORIGIN itself.
X_FRAME_OPTIONS = "DENY"
# Scripts only from our own origin, no inline scripts (the Wagtail admin's
# exception is in ops.middleware). The admin sets style attributes from its
# scripts, so inline styles are allowed.
# CSP_MEDIA_ORIGINS adds the origin of media on S3 or a CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *env.list("CSP_MEDIA_ORIGINS", default=[])],
        "font-src": ["'self'", "data:"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# A CDN or caching proxy in front, purged by Wagtail on every publish:
# an HTTP PURGE endpoint (Varnish, Nginx, Fastly-like) or Cloudflare.
WAGTAILFRONTENDCACHE: dict[str, dict] = {}
if CDN_PURGE_URL := env.str("CDN_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": CDN_PURGE_URL,
    }
if CLOUDFLARE_ZONE_ID := env.str("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env.str("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": CLOUDFLARE_ZONE_ID,
    }
# Each language has a tree of its own, with slugs of its own: a page's URL is
# already the one to purge, and Wagtail's default (that URL again under every
# other language's prefix) would purge addresses that do not exist.
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []

# Languages: Dutch is the source, French and English are translations.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# The languages an editor can choose for the admin in their account; without a
# choice it speaks LANGUAGE_CODE (orbitcms.admin_language), not the browser's.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
# Empty (as in .env.example) means unset.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default="") or VAR_DIR / "media")

# The generated PDFs (handbook, recommendations) write every character in DejaVu
# Sans from here (Debian's fonts-dejavu-core); without it they use Helvetica,
# which holds Latin-1 only (core/pdf.py).
PDF_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

# Growing past one machine: each part switches on by environment variable.
# Media on S3-compatible storage (django-storages; credentials come from
# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read by boto3).
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="") or None
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
    # Documents are served through Wagtail's view, which checks privacy and
    # counts downloads; signed URLs keep the bucket private.
    AWS_QUERYSTRING_AUTH = True

# Redis, when configured, carries the Celery broker (db 0) and the cache (db 1):
# separate databases so flushing the cache never drops queued mail.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    REDIS_URL = redis_server_url(REDIS_URL)
REDIS_BROKER_TRANSPORT_OPTIONS = {
    # A task not acknowledged within this time is handed to another worker; the
    # outbox retry countdowns stay well below it (COACHING_OUTBOX_RETRY_MAX_SECONDS).
    "visibility_timeout": 3600,
    # Publishing from a web request fails at once when Redis is down instead of
    # retrying for seconds: the outbox row is saved and the beat sweep sends it.
    "max_retries": 0,
}


def redis_caches(redis_url: str) -> dict:
    """The caches on the Redis server at `redis_url` (no database number).

    The public page cache has a database of its own (3) so that clearing it on
    publish leaves the rest of the cache alone. Neither cache is needed for the
    site to work: when Redis is unreachable every read is a miss and every
    write is dropped (logged by django_redis), within the timeouts below, so
    pages, forms and the admin keep answering; what degrades is in the README
    ("When a dependency is down"). django-redis keeps one client per process
    (Django's own backend builds one per call, a third of a cache hit's time)."""
    options = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1}
    return {
        alias: {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"{redis_url.rstrip('/')}/{db}",
            "OPTIONS": options,
        }
        for alias, db in (("default", 1), ("pages", 3))
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# The form rate limit counts in the default cache: while that cache is down the
# forms accept posts unthrottled rather than refusing every town.
RATELIMIT_FAIL_OPEN = True
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
    CELERY_BROKER_URL = f"{REDIS_URL.rstrip('/')}/0"
    CELERY_BROKER_TRANSPORT_OPTIONS = REDIS_BROKER_TRANSPORT_OPTIONS
    CELERY_RESULT_BACKEND = f"{REDIS_URL.rstrip('/')}/2"
else:
    # Pages in files, not process memory: a publish in the Celery worker (a
    # translation synced by wagtail-localize) must clear what the web process serves.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "page-cache",
        },
    }
    # kombu's filesystem transport: a real broker shared by web and worker
    # processes through a folder, so a trial install runs real workers too. The
    # host is ignored; naming one keeps kombu from warning that none was given.
    CELERY_BROKER_URL = "filesystem://localhost//"
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_broker_options(VAR_DIR / "broker")
    CELERY_RESULT_BACKEND = f"file://{VAR_DIR / 'broker' / 'results'}"

# How long a public page stays cached (cleared on every publish anyway); 0 turns
# the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# The menu and footer, the same on every page of a language, are kept in the page
# cache's store as well (and cleared with it), so that a page the cache misses
# (a form page, a visitor with a session, the first visit after a publish) does
# not query them again; 0 turns that off.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=600)
# Failed Celery tasks are listed on the admin dashboard for this many days.
TASK_FAILURE_RETENTION_DAYS = 30
# /healthz says "degraded" (check "beat") when a task of CELERY_BEAT_SCHEDULE has
# not run for its period plus this many seconds: beat (or every worker) is down.
BEAT_SILENCE_SECONDS = env.int("BEAT_SILENCE_SECONDS", default=300)

# Worker and beat log through Django's LOGGING (orbitcms/celery.py), not their own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {
    "coalitions-sweep-unsent-outbox": {
        "task": "coalitions.tasks.sweep_unsent_outbox",
        "schedule": 60.0,
    },
    "coalitions-anonymise-expired-personal-data": {
        "task": "coalitions.tasks.anonymise_expired_personal_data",
        "schedule": 24 * 3600.0,
    },
}

# Wagtail's own background work (search and reference index updates) runs in
# the request through django-tasks; the project's jobs run on Celery.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Outgoing mail: files under var/mail/ until EMAIL_URL names an SMTP server.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ORBIT vzw <noreply@orbitvzw.be>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
COACHING_NOTIFY_EMAIL = env.str("COACHING_NOTIFY_EMAIL", default="amos@orbitvzw.be")
# An SMTP server that never answers must not hang a worker until the hard time limit.
EMAIL_TIMEOUT = 30

# The coaching outbox: backoff 10 s, 20 s, … capped at 10 minutes; 8 attempts in
# all, the last about 20 minutes after the first, then the email is marked failed.
# A worker's lease on a row outlives the task's hard time limit; the sweep takes
# rows 2 minutes overdue.
COACHING_OUTBOX_RETRY_BASE_SECONDS = 10
COACHING_OUTBOX_RETRY_MAX_SECONDS = 600
COACHING_OUTBOX_MAX_ATTEMPTS = 8
COACHING_OUTBOX_LEASE_SECONDS = CELERY_TASK_TIME_LIMIT + 60
COACHING_OUTBOX_STALE_SECONDS = 120
# Per client IP, for the public coaching and coalition forms (django-ratelimit syntax).
COACHING_FORM_RATE = env.str("COACHING_FORM_RATE", default="10/10m")
# Days after submission when the contact details of coaching applications and
# coalition sign-ups are anonymised (by a daily beat task); the privacy notice says so.
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=730)

WAGTAIL_SITE_NAME = "ORBIT vzw"
# The page type the sections and the privacy page go under, named here as
# AUTH_USER_MODEL names the user model: core, at the bottom, cannot name the
# home app above it.
ORBIT_HOME_PAGE_MODEL = "home.HomePage"
# The public address of the site: `manage.py set_site_address` gives it to the
# Wagtail Site, from which canonical, hreflang, sitemap, print and API URLs are
# built (make run passes http://HOST:PORT); links in admin emails use it too.
# Empty (as in .env.example) means unset, for both.
SITE_URL = (env.str("SITE_URL", default="") or "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="") or SITE_URL
# Search: Wagtail's database backend unless SEARCH_BACKEND_URL names an
# Elasticsearch or OpenSearch cluster. Pages are indexed with their words
# analysed in Python (core/text_analysis.py: stems, Dutch compound parts), so the
# database compares whole words only: PostgreSQL with the `simple` text-search
# configuration, SQLite with FTS5, and both find the same pages.
SEARCH_BACKEND_URL = env.str("SEARCH_BACKEND_URL", default="")
if SEARCH_BACKEND_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # An empty SEARCH_BACKEND (as in .env.example) means the default too.
            "BACKEND": env.str("SEARCH_BACKEND", default="")
            or "wagtail.search.backends.elasticsearch8",
            "URLS": [SEARCH_BACKEND_URL],
            "INDEX": env.str("SEARCH_INDEX", default="") or "orbitcms",
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
    }

# Documents go through Django (so the handbook download is counted and
# privacy applies); only PDFs open in the browser, everything else is an
# attachment, and HTML or SVG (script carriers) cannot be uploaded at all.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "doc", "epub"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# A few-KB PNG may hold 121 megapixels, gigabytes once decoded for renditions.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Every image in the library gets an alt text (its description) when uploaded.
WAGTAILIMAGES_IMAGE_FORM_BASE = "orbitcms.image_forms.AltTextRequiredImageForm"
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# wagtail-localize's background jobs (subtree translation, locale sync) run on
# the project's Celery workers.
WAGTAILLOCALIZE_JOBS = {"BACKEND": "orbitcms.localize_jobs.CeleryJobBackend"}
# Machine-translation suggestions in wagtail-localize's translation editor: off
# unless LIBRETRANSLATE_URL names a LibreTranslate server (self-hostable), to
# which the texts a translator asks a suggestion for are then sent.
if LIBRETRANSLATE_URL := env.str("LIBRETRANSLATE_URL", default=""):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": LIBRETRANSLATE_URL,
            "API_KEY": env.str("LIBRETRANSLATE_API_KEY", default=""),
        },
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            # LOG_FORMAT=json: one JSON object per line, for log collectors.
            "formatter": env.str("LOG_FORMAT", default="plain"),
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # One line per search-index update on every page save drowns everything else.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        # billiard (Celery's process pool) logs here and does not propagate.
        "multiprocessing": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Python's warnings, which Django routes here, in the same format as the rest
        # (Django's default handler for them writes plain lines).
        "py.warnings": {"handlers": ["console"], "propagate": False},
    },
}
