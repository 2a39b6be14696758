"""Static files in production: hashed names, compressed copies and long cache
headers, served by WhiteNoise from the collected files."""

import re

from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client


def test_collected_stylesheet_is_hashed_compressed_and_cached_for_a_year(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # The project's own files are enough; Wagtail's admin files would only slow this down.
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)

    url = static("css/orbit.css")
    assert re.fullmatch(r"/static/css/orbit\.[0-9a-f]{12}\.css", url)

    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")  # WhiteNoise reads STATIC_ROOT
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    compressed = b"".join(response.streaming_content)
    assert len(compressed) < (tmp_path / "css" / "orbit.css").stat().st_size / 3
