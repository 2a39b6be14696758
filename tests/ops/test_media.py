"""/media/ on one machine without a separate web server: image renditions only,
whatever spelling of the path a client sends. Real HTTP against gunicorn as
`make serve` runs it (pytest-django's live server serves all of MEDIA_ROOT
itself), so the path reaches Django exactly as written, `..` and `%2e` included."""

import http.client
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.coalitions.conftest import live_campaign  # noqa: F401


def raw_get(server_url: str, path: str) -> tuple[int, bytes]:
    """GET `path` byte for byte: http.client neither normalises nor re-encodes it."""
    connection = http.client.HTTPConnection(urlsplit(server_url).netloc, timeout=10)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def png() -> ImageFile:
    buffer = BytesIO()
    PillowImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return ImageFile(buffer, name="media-test.png")


@pytest.fixture
def stored_files(live_campaign):  # noqa: F811
    """A rendition, the original it was made from, and a document of a
    login-restricted collection, all stored by Wagtail in MEDIA_ROOT."""
    private = Collection.get_first_root_node().add_child(name="Privé (media test)")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="Geheim",
        file=ContentFile(b"%PDF-1.4 private\n%%EOF\n", name="media-test-private.pdf"),
        collection=private,
    )
    image = get_image_model().objects.create(title="Foto", file=png(), collection=private)
    rendition = image.get_rendition("fill-20x20")
    files = {
        "rendition": rendition.file.name,
        "original": image.file.name,
        "document": document.file.name,
    }
    yield files
    for name in files.values():
        image.file.storage.delete(name)


def spellings(target: str) -> list[str]:
    """Every way of writing MEDIA_ROOT/<target> as a path that starts in /media/images/."""
    folder, name = target.split("/", 1)
    return [
        f"/media/{target}",
        f"/media//{target}",
        f"/media/images/../{target}",
        f"/media/images/./../{target}",
        f"/media/images/%2e%2e/{target}",
        f"/media/images/%2E%2E/{target}",
        f"/media/images/.%2e/{target}",
        f"/media/images/%2e%2e%2f{folder}%2f{name}",
        f"/media/images/..%2F{folder}%2F{name}",
        f"/media/images/%252e%252e/{target}",
        f"/media/images/..%5c{folder}%5c{name}",
        f"/media/images/..\\{folder}\\{name}",
        f"/media/images/%2e%2e/%2e%2e/media/{target}",
    ]


def test_only_renditions_are_served_from_media(gunicorn_server, stored_files, settings):
    assert Path(stored_files["rendition"]).parent.name == "images"
    status, body = raw_get(gunicorn_server, f"/media/{stored_files['rendition']}")
    assert status == 200
    assert body.startswith(b"\x89PNG")

    answered = {
        path: raw_get(gunicorn_server, path)[0]
        for kind in ("original", "document")
        for path in spellings(stored_files[kind])
    }
    assert {path: status for path, status in answered.items() if status != 404} == {}

    # Nor does a link in the renditions folder lead out of it.
    link = Path(settings.MEDIA_ROOT) / "images" / "media-test-link.pdf"
    link.symlink_to(Path(settings.MEDIA_ROOT) / stored_files["document"])
    try:
        assert raw_get(gunicorn_server, "/media/images/media-test-link.pdf")[0] == 404
    finally:
        link.unlink()
