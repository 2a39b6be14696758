"""What editors may upload, and how uploaded documents are served back."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

Document = get_document_model()

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def upload_document(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize(
    "name, content",
    [("page.html", b"<script>alert(1)</script>"), ("logo.svg", SVG), ("run.js", b"alert(1)")],
)
def test_documents_of_other_types_are_refused(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200  # the form again, with its error
    assert not Document.objects.filter(title=name).exists()


def test_documents_above_the_size_limit_are_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    upload_document(admin_client, "big.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    assert not Document.objects.filter(title="big.pdf").exists()
    upload_document(admin_client, "small.pdf", b"%PDF-1.4\n" + b"0" * 512)
    assert Document.objects.filter(title="small.pdf").exists()


def test_svg_images_are_refused(admin_client):
    admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "logo",
            "file": SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert not get_image_model().objects.filter(title="logo").exists()


def test_only_pdfs_are_shown_inline_other_documents_are_downloaded(admin_client, client):
    upload_document(admin_client, "handboek.pdf", b"%PDF-1.4\n%%EOF\n")
    upload_document(admin_client, "handboek.odt", b"PK\x03\x04 odt")
    pdf = client.get(Document.objects.get(title="handboek.pdf").url)
    odt = client.get(Document.objects.get(title="handboek.odt").url)
    assert pdf["Content-Disposition"].startswith("inline")
    assert odt["Content-Disposition"].startswith("attachment")
    assert odt["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def media_files(settings):
    """A rendition, an uploaded original and an HTML file in the media folder."""
    root = Path(settings.MEDIA_ROOT)
    files = [
        root / "images" / "ops-test.png",
        root / "original_images" / "ops-test.png",
        root / "documents" / "ops-test.html",
    ]
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"<script>alert(1)</script>")
    yield
    for path in files:
        path.unlink()


def test_media_folder_serves_re_encoded_images_only(client, media_files):
    assert client.get("/media/images/ops-test.png").status_code == 200
    assert client.get("/media/original_images/ops-test.png").status_code == 404
    assert client.get("/media/documents/ops-test.html").status_code == 404


def _png(width: int, height: int) -> bytes:
    """A black PNG: 121 megapixels compress to about 15 KB."""
    content = io.BytesIO()
    PILImage.new("1", (width, height)).save(content, "PNG", optimize=True)
    return content.getvalue()


def upload_image(client, name: str, content: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": name,
            "description": "A black square, a sample",
            "file": SimpleUploadedFile(name, content, content_type="image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_an_image_of_too_many_pixels_is_refused_however_small_the_file(admin_client):
    """Decoding it for renditions would take gigabytes of memory."""
    bomb = _png(11_000, 11_000)
    assert len(bomb) < 50_000

    upload_image(admin_client, "bomb.png", bomb)
    upload_image(admin_client, "ordinary.png", _png(1600, 900))

    uploaded = get_image_model().objects.filter(title__in=["bomb.png", "ordinary.png"])
    assert list(uploaded.values_list("title", flat=True)) == ["ordinary.png"]
