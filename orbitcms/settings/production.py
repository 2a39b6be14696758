from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, EMAIL_URL, REDIS_URL, SECRET_KEY, STORAGES, env

DEBUG = False

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")
if not env.str("SITE_URL", default=""):
    raise ImproperlyConfigured(
        "SITE_URL must be set in the environment for production: the public address, "
        "e.g. https://campagne.orbitvzw.be (canonical links, sitemap and API name it)."
    )
# Without them mail is written to files nobody reads and tasks queue in a folder
# of one machine: refuse, unless the operator says so (a try-out of make serve).
if not EMAIL_URL:
    raise ImproperlyConfigured(
        "EMAIL_URL must name the SMTP server in production, e.g. "
        "smtp+tls://user:password@mail.example.org:587 (filemail:///path/to/folder "
        "writes mails as files, for a try-out)."
    )
if not REDIS_URL and not env.bool("ALLOW_EMBEDDED_BROKER", default=False):
    raise ImproperlyConfigured(
        "REDIS_URL must name the Redis server in production, e.g. redis://127.0.0.1:6379 "
        "(ALLOW_EMBEDDED_BROKER=true runs on the embedded broker, for a try-out)."
    )

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS only. Behind a TLS-terminating proxy, set TRUST_X_FORWARDED_PROTO=true
# (and make sure the proxy overwrites that header). SECURE_SSL_REDIRECT=false is
# for a loopback-only try-out or benchmark, never for a public address.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
if not SECURE_SSL_REDIRECT:
    # Said explicitly for a loopback try-out: the deployment check (make serve and
    # CI fail on its warnings) would only repeat it.
    SILENCED_SYSTEM_CHECKS = ["security.W008"]
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # container health checks speak plain HTTP
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
