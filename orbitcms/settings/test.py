import os

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, EMAIL_URL, REDIS_URL, VAR_DIR, filesystem_broker_options

SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not EMAIL_URL:
    # Set by tests that start worker processes against their SMTP server.
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# A file, not Django's shared in-memory database: the live server, the Celery
# worker and parallel clients in the integration tests each open their own
# connection, as they do in production.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

# `make test-fast` runs the suite in pytest-xdist workers: each gets its own
# files beside its own database (pytest-django suffixes the database's name),
# so that one worker's test removing a generated PDF or clearing the page
# cache does not pull it from under a test in another.
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
_worker_suffix = f"-{_xdist_worker}" if _xdist_worker else ""
if _xdist_worker:
    MEDIA_ROOT = VAR_DIR / f"test-media{_worker_suffix}"

if not REDIS_URL:
    # Its own queue folder, so a running `make run` never sees test tasks.
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_broker_options(
        VAR_DIR / f"test-broker{_worker_suffix}"
    )
    CELERY_RESULT_BACKEND = f"file://{VAR_DIR / f'test-broker{_worker_suffix}' / 'results'}"

# The page cache and the login lock-out stay out of the way of the rest of the
# suite (a page cached by one test would be served to the next); their own
# tests in tests/ops/ switch them on.
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0
AXES_ENABLED = False
if not REDIS_URL:
    # Likewise its own page-cache folder.
    CACHES["pages"]["LOCATION"] = VAR_DIR / f"test-page-cache{_worker_suffix}"
