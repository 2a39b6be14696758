import re
import threading
import urllib.request

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from coalitions.handbook.selectors import handbook_download_count
from coalitions.models import HandbookPage
from home.campaign import campaign_load

pytestmark = pytest.mark.django_db


def _handbook(language: str) -> HandbookPage:
    return HandbookPage.objects.get(locale__language_code=language)


@pytest.mark.parametrize(
    ("path", "language"),
    [("/nl/handleiding/", "nl"), ("/fr/guide/", "fr"), ("/en/handbook/", "en")],
)
def test_each_language_downloads_its_own_sample_pdf(client, campaign, path, language):
    html = client.get(path).content.decode()
    assert f'href="{path}download/"' in html
    assert re.search(r"\(PDF, [\d.,]+\s\w+\)", html)
    response = client.get(f"{path}download/")
    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("inline")
    assert re.search(rf"handleiding-{language}\w*\.pdf$", _handbook(language).document.file.name)
    assert handbook_download_count(page=_handbook(language)) == 1


def test_replacing_the_file_keeps_the_url_and_the_count(client, campaign):
    page = _handbook("nl")
    client.get("/nl/handleiding/download/")
    replacement = Document(title="Handleiding 2026")
    replacement.file.save("handleiding-2026.pdf", ContentFile(b"%PDF-1.4 new"), save=False)
    replacement.save()
    page.document = replacement
    page.save_revision().publish()

    response = client.get("/nl/handleiding/download/")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 new"
    assert handbook_download_count(page=page) == 2


def test_loading_again_restores_a_sample_file_gone_from_storage(client, campaign):
    """A database kept while the media folder was not (a fresh clone against an
    existing PostgreSQL): the loader writes the sample again, no 404."""
    document = _handbook("nl").document
    document.file.storage.delete(document.file.name)
    assert client.get("/nl/handleiding/download/").status_code == 404

    campaign_load()

    response = client.get("/nl/handleiding/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert Document.objects.filter(title=document.title).count() == 1


def test_downloads_are_counted_exactly_under_concurrency(live_server, transactional_db, campaign):
    url = f"{live_server.url}/nl/handleiding/download/"
    statuses: list[int] = []

    def download() -> None:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            statuses.append(response.status)

    threads = [threading.Thread(target=download) for _ in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 24
    assert handbook_download_count(page=_handbook("nl")) == 24


@pytest.mark.parametrize(
    ("filename", "content"),
    [("evil.html", b"<script>alert(1)</script>"), ("evil.svg", b"<svg onload='alert(1)'/>")],
)
def test_html_and_svg_are_never_shown_inline(client, campaign, filename, content):
    document = Document(title=filename)
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    response = client.get(document.url)
    assert response["Content-Disposition"].startswith("attachment")


def test_admin_refuses_html_uploads(client, campaign, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    upload = ContentFile(b"<script>alert(1)</script>", name="page.html")
    response = client.post(
        "/admin/documents/add/", {"title": "page", "file": upload, "collection": 1}
    )
    assert response.status_code == 200
    assert not Document.objects.filter(title="page").exists()
