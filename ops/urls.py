"""Operations URLs, outside the language prefixes: the health check and, on one
machine without a separate web server, the image renditions in MEDIA_ROOT."""

from django.conf import settings
from django.urls import path, re_path

from ops.health import healthz
from ops.views import RENDITION_NAME, rendition_serve

urlpatterns = [path("healthz", healthz, name="healthz")]

if not settings.DEBUG and settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    # Only the renditions Wagtail re-encoded from uploads, one file name directly
    # under images/: never a path that leaves that folder (see rendition_serve).
    urlpatterns.append(
        re_path(rf"^media/images/(?P<name>{RENDITION_NAME})$", rendition_serve, name="rendition")
    )
