"""Operations URLs, outside the language prefixes: the health check and, on one
machine without a separate web server, the images in MEDIA_ROOT."""

from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve

from ops.health import healthz

urlpatterns = [path("healthz", healthz, name="healthz")]

if not settings.DEBUG and settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    # Originals and Wagtail's re-encoded renditions only: documents are served
    # through Wagtail's view (privacy, download count), never from the folder.
    urlpatterns.append(
        re_path(
            r"^media/(?P<path>(?:original_images|images)/.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )
