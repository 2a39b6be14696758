"""Views of the operations app that are not the health check."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest
from django.views.static import serve

# What Wagtail names a rendition file: the original's name, a filter spec and an
# extension, in one folder level under images/ (wagtail.images.models.get_rendition_upload_to).
RENDITION_NAME = r"[\w-][\w.-]*"


def rendition_serve(request: HttpRequest, name: str) -> FileResponse:
    """One image rendition from MEDIA_ROOT/images, on one machine without a
    separate web server. Nothing else under MEDIA_ROOT is served: documents go
    through Wagtail's view (privacy, download count) and uploaded originals not
    at all. The URL pattern already refuses slashes and leading dots; resolving
    the path (symlinks included) and checking it is still a file directly in
    images/ makes that hold whatever spelling reached the pattern."""
    folder = (Path(settings.MEDIA_ROOT) / "images").resolve()
    target = (folder / name).resolve()
    if target.parent != folder or not target.is_file():
        raise Http404
    return serve(request, target.name, document_root=folder)
