"""Operations URLs, outside the language prefixes: the health check and, on one
machine without a separate web server, the image renditions in MEDIA_ROOT."""

from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve

from ops.health import healthz

urlpatterns = [path("healthz", healthz, name="healthz")]

if not settings.DEBUG and settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    # Only the renditions Wagtail re-encoded from uploads, never an uploaded file
    # as it came: documents are served through Wagtail's view (privacy, download
    # count), original images not at all.
    urlpatterns.append(
        re_path(
            r"^media/(?P<path>images/.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )
