from .base import *  # noqa: F403
from .base import env

# A trial install behaves like the real one: the site's own 404 and 500 pages.
# DJANGO_DEBUG=1 shows Django's debug pages instead.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# Static files straight from the apps' folders (no collectstatic), also with
# DEBUG off, where runserver no longer serves them.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
