import io
import re
import threading
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from pypdf import PdfReader
from wagtail.documents.models import Document
from wagtail.images import get_image_model

from coalitions.handbook.selectors import handbook_download_count, handbook_file
from coalitions.handbook.services import handbook_pdf_generate
from coalitions.models import HandbookPage, HandbookPdf
from home.campaign import campaign_load
from tests.markup import soup
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db

HANDBOOKS = [
    # path, language, file name, a chapter heading, the contents heading, a checklist item
    (
        "/nl/handleiding/",
        "nl",
        "handleiding-voor-een-lokale-migratiecoalitie.pdf",
        "Samenwerken met het gemeentebestuur",
        "Inhoud",
        "Zelforganisaties van migranten en vluchtelingen",
    ),
    (
        "/fr/guide/",
        "fr",
        "guide-pour-une-coalition-locale-pour-la-migration.pdf",
        "Travailler avec le conseil communal",
        "Sommaire",
        "Les auto-organisations de migrants et de réfugiés",
    ),
    (
        "/en/handbook/",
        "en",
        "handbook-for-a-local-migration-coalition.pdf",
        "Working with the municipal council",
        "Contents",
        "Self-organisations of migrants and refugees",
    ),
]


def _handbook(language: str) -> HandbookPage:
    return HandbookPage.objects.get(locale__language_code=language)


@pytest.mark.parametrize(
    ("path", "language", "filename", "heading", "contents", "checklist_item"), HANDBOOKS
)
def test_each_language_offers_the_pdf_of_its_own_chapters(
    client, campaign, path, language, filename, heading, contents, checklist_item
):
    page = _handbook(language)
    document = handbook_file(page=page)
    assert document.filename == filename

    pages, text = pdf_text(document)
    assert pages > 3
    # Cover, then the table of contents naming each chapter with its page.
    assert re.search(rf"{contents}\n", text)
    assert re.search(rf"{heading} \.+ ?\d+", text)
    assert "amos@orbitvzw.be" in text
    assert checklist_item in text
    others = {p for _p, lang, _f, h, _c, i in HANDBOOKS if lang != language for p in (h, i)}
    assert not any(other in text for other in others)

    html = client.get(path).content.decode()
    assert soup(html).find(href=f"{path}download/") is not None
    assert re.search(r"\(PDF, [\d.,]+\s\w+\)", html)
    assert heading in html  # the chapters are on the page too
    response = client.get(f"{path}download/")
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF")
    assert filename in response["Content-Disposition"]
    assert handbook_download_count(page=page) == 1


def test_generating_again_replaces_the_file_of_the_same_document(campaign):
    page = _handbook("fr")
    before = handbook_file(page=page)
    documents = Document.objects.count()

    again = handbook_pdf_generate(page_id=page.pk)
    again_twice = handbook_pdf_generate(page_id=page.pk)

    assert again.pk == again_twice.pk == before.pk
    assert Document.objects.count() == documents
    assert HandbookPdf.objects.filter(page=page).count() == 1
    # The same clean name (the old file made way, no storage suffix).
    assert (
        again_twice.filename
        == before.filename
        == "guide-pour-une-coalition-locale-pour-la-migration.pdf"
    )


def test_an_uploaded_file_replaces_the_generated_one_and_keeps_url_and_count(client, campaign):
    page = _handbook("nl")
    generated = handbook_file(page=page)
    client.get("/nl/handleiding/download/")
    upload = Document(title="Handleiding 2026")
    upload.file.save("handleiding-2026.pdf", ContentFile(b"%PDF-1.4 new"), save=False)
    upload.save()
    page.document = upload
    page.save_revision().publish()

    response = client.get("/nl/handleiding/download/")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 new"
    assert handbook_download_count(page=page) == 2
    # Nothing is generated while the upload is chosen, and the generated file stays.
    assert handbook_pdf_generate(page_id=page.pk) is None
    assert HandbookPdf.objects.get(page=page).document == generated

    page.document = None
    page.save_revision().publish()
    response = client.get("/nl/handleiding/download/")
    assert b"".join(response.streaming_content) != b"%PDF-1.4 new"
    assert response["Content-Disposition"].endswith(f'"{generated.filename}"')


def test_chapter_images_and_checklists_are_in_the_pdf(campaign):
    picture = io.BytesIO()
    PILImage.new("RGB", (640, 400), (200, 30, 80)).save(picture, "PNG")
    image = get_image_model().objects.create(
        title="Vergadering",
        description="Een vergadering",
        file=ImageFile(picture, name="vergadering.png"),
    )
    page = _handbook("nl")
    page.chapters.append(("chapter_heading", "Foto's"))
    page.chapters.append(("image", {"image": image, "caption": "Een vergadering van de coalitie"}))
    page.save_revision().publish()

    document = handbook_pdf_generate(page_id=page.pk)

    with document.file.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    last_pages = reader.pages[-2:]
    assert any(len(pdf_page.images) == 1 for pdf_page in last_pages)
    text = "\n".join(pdf_page.extract_text() for pdf_page in last_pages)
    assert "Een vergadering van de coalitie" in text
    # The sample's checklists: one box drawn per item, the items as text.
    assert (
        "Zelforganisaties van migranten en vluchtelingen (aanbeveling 5)" in pdf_text(document)[1]
    )


def test_a_page_without_chapters_offers_nothing_yet(client, campaign):
    page = _handbook("en")
    HandbookPdf.objects.filter(page=page).delete()
    page.chapters = []
    page.save_revision().publish()
    assert handbook_pdf_generate(page_id=page.pk) is None
    assert client.get("/en/handbook/download/").status_code == 404
    assert "available here soon" in client.get("/en/handbook/").content.decode()


def test_loading_again_keeps_the_editors_chapters_and_duplicates_nothing(campaign):
    page = _handbook("nl")
    page.chapters = [{"type": "chapter_heading", "value": "Ons eigen hoofdstuk"}]
    page.save_revision().publish()
    documents = Document.objects.count()

    campaign_load()
    campaign_load()

    assert [block.value for block in _handbook("nl").chapters] == ["Ons eigen hoofdstuk"]
    assert Document.objects.count() == documents
    assert HandbookPdf.objects.count() == 3


def test_loading_again_restores_a_pdf_gone_from_storage(client, campaign):
    """A database kept while the media folder was not (a fresh clone against an
    existing PostgreSQL): the loader writes the PDF again, no 404."""
    document = handbook_file(page=_handbook("nl"))
    document.file.storage.delete(document.file.name)
    assert client.get("/nl/handleiding/download/").status_code == 404

    campaign_load()

    response = client.get("/nl/handleiding/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert Document.objects.filter(title=document.title).count() == 1


@pytest.mark.parametrize(
    ("path", "says_dutch"),
    [("/nl/", None), ("/fr/", "(PDF, en néerlandais)"), ("/en/", "(PDF, in Dutch)")],
)
def test_the_dutch_only_dossier_says_so_in_other_languages(client, campaign, path, says_dutch):
    footer = soup(client.get(path)).find("footer", class_="site-footer")
    link = footer.find("a", href=re.compile("10AANBEVELINGEN"), hreflang="nl")
    assert link
    if says_dutch:
        assert link.get_text().endswith(says_dutch)
    else:
        assert link.get_text() == "Achtergronddossier (PDF)"


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
