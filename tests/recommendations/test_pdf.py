"""The 10 recommendations as a PDF per language: made by the loader and by the
worker on publish, served at a stable address, linked from the index page."""

import pytest
from bs4 import BeautifulSoup
from wagtail.documents.models import Document

from orbitcms.celery import app as celery_app
from recommendations.models import RecommendationIndexPage, RecommendationPage, RecommendationsPdf
from recommendations.selectors import recommendations_pdf
from recommendations.services import recommendations_pdf_refresh
from tests.pdfs import pdf_text
from tests.waiting import wait_for

INDEXES = [
    # language, index path, file name, contents heading, link text
    ("nl", "/nl/aanbevelingen/", "10-aanbevelingen.pdf", "Inhoud", "Downloaden als pdf"),
    ("fr", "/fr/recommandations/", "10-recommandations.pdf", "Sommaire", "Télécharger en PDF"),
    ("en", "/en/recommendations/", "10-recommendations.pdf", "Contents", "Download as PDF"),
]


def _words(text: str) -> str:
    """The text with every run of white space (a line break in the PDF) as one space."""
    return " ".join(text.split())


def _index(language: str) -> RecommendationIndexPage:
    return RecommendationIndexPage.objects.get(locale__language_code=language)


def _titles(language: str) -> list[str]:
    pages = RecommendationPage.objects.filter(locale__language_code=language).order_by("number")
    return [f"{page.number}. {page.title}" for page in pages]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "path", "filename", "contents", "link"), INDEXES)
def test_each_language_offers_the_pdf_of_its_own_recommendations(
    client, campaign, settings, tmp_path, language, path, filename, contents, link
):
    # A media folder of its own: an earlier test whose publish rewrote the
    # file before its database changes were rolled back cannot leave its
    # titles here. The refresh remakes the missing file from these pages.
    settings.MEDIA_ROOT = tmp_path
    recommendations_pdf_refresh(index_id=_index(language).pk)
    document = recommendations_pdf(index=_index(language))
    assert document.filename == filename

    pages, text = pdf_text(document)
    text = _words(text)
    # A cover, the table of contents, then a page per recommendation.
    assert pages == 12
    assert f"{contents} " in text
    titles = _titles(language)
    assert len(titles) == 10
    for title in titles:
        # In the table of contents and as the heading of its page.
        assert text.count(title) == 2, title
    for page in RecommendationPage.objects.filter(locale__language_code=language):
        assert _words(page.lead) in text
    assert "amos@orbitvzw.be" in text
    others = [t for other, *_rest in INDEXES if other != language for t in _titles(other)]
    assert not [title for title in others if title in text]

    download = BeautifulSoup(client.get(path).content, "html.parser").find("a", download=True)
    assert (download["href"], download.get_text()) == (f"{path}download/", link)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "path", "filename", "contents", "link"), INDEXES)
def test_the_download_address_serves_the_pdf_under_its_name(
    client, campaign, language, path, filename, contents, link
):
    response = client.get(f"{path}download/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert filename in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_french_text_keeps_its_ligature_with_the_unicode_font(campaign):
    _pages, text = pdf_text(recommendations_pdf(index=_index("fr")))

    assert "mise en œuvre" in _words(text)


@pytest.mark.django_db
def test_without_the_unicode_font_the_text_falls_back_to_latin1(campaign, settings, tmp_path):
    settings.PDF_FONT_DIR = tmp_path  # no DejaVu there
    index = _index("fr")
    RecommendationsPdf.objects.filter(index=index).update(generated_at=None)

    _pages, text = pdf_text(recommendations_pdf_refresh(index_id=index.pk))

    text = _words(text)
    assert "mise en oeuvre" in text
    assert "mise en œuvre" not in text
    assert "2. Une offre de logements adaptée" in text  # Latin-1 accents stay


@pytest.mark.django_db
def test_a_current_pdf_is_not_made_again(campaign):
    index = _index("nl")
    record = RecommendationsPdf.objects.get(index=index)

    recommendations_pdf_refresh(index_id=index.pk)

    assert RecommendationsPdf.objects.get(index=index).generated_at == record.generated_at


@pytest.mark.django_db
def test_an_index_without_a_pdf_shows_no_download_link(client, campaign):
    RecommendationsPdf.objects.filter(index=_index("en")).delete()

    html = client.get("/en/recommendations/").content.decode()

    assert "Download as PDF" not in html
    assert client.get("/en/recommendations/download/").status_code == 404


@pytest.fixture
def live_campaign(transactional_db, campaign):
    """The campaign in a database that the worker's connection sees."""
    return campaign


@pytest.mark.integration
def test_publishing_a_recommendation_remakes_its_languages_pdf_on_the_worker(
    celery_worker, live_campaign
):
    page = RecommendationPage.objects.get(locale__language_code="fr", number=4)
    documents = Document.objects.count()
    generated = recommendations_pdf(index=_index("fr"))

    page.title = "Une politique d'embauche renouvelée par la rédaction"
    page.save_revision().publish()

    # Read from the database each time: the new file replaces the old one.
    wait_for(
        lambda: (
            "renouvelée par la rédaction"
            in _words(pdf_text(recommendations_pdf(index=_index("fr")))[1])
        ),
        what="the French PDF with the new title",
    )
    regenerated = recommendations_pdf(index=_index("fr"))
    _pages, text = pdf_text(regenerated)
    assert "4. Une politique d'embauche renouvelée par la rédaction" in _words(text)
    # The same document, its file replaced under the same name; the other
    # languages untouched.
    assert Document.objects.count() == documents
    assert regenerated == generated
    assert regenerated.filename == "10-recommandations.pdf"
    _pages, dutch = pdf_text(recommendations_pdf(index=_index("nl")))
    assert "renouvelée" not in dutch


@pytest.fixture
def eager_tasks(monkeypatch):
    """The worker's tasks run in the test's own transaction when the
    committed change hands them over, so the test reads what they wrote."""
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)


def _move_to_the_french_index(page: RecommendationPage) -> None:
    page.move(_index("fr"), pos="last-child")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        lambda page: page.unpublish(),
        lambda page: page.delete(),
        _move_to_the_french_index,
    ],
    ids=["unpublish", "delete", "move"],
)
def test_a_recommendation_taken_off_the_index_leaves_its_pdf_on_commit(
    campaign, settings, tmp_path, eager_tasks, django_capture_on_commit_callbacks, change
):
    settings.MEDIA_ROOT = tmp_path
    recommendations_pdf_refresh(index_id=_index("nl").pk)
    page = RecommendationPage.objects.get(locale__language_code="nl", number=4)
    title = f"4. {page.title}"
    assert title in _words(pdf_text(recommendations_pdf(index=_index("nl")))[1])

    with django_capture_on_commit_callbacks(execute=True):
        change(page)

    _pages, text = pdf_text(recommendations_pdf(index=_index("nl")))
    assert title not in _words(text)
    assert "5. " in text  # the others stay


@pytest.mark.django_db
def test_without_a_live_recommendation_the_index_offers_no_pdf(
    client, campaign, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    index = _index("en")
    recommendations_pdf_refresh(index_id=index.pk)
    document = recommendations_pdf(index=index)
    RecommendationPage.objects.child_of(index).update(live=False)

    with django_capture_on_commit_callbacks(execute=True):
        recommendations_pdf_refresh(index_id=index.pk, force=True)

    assert recommendations_pdf(index=index) is None
    assert not Document.objects.filter(pk=document.pk).exists()
    assert client.get("/en/recommendations/download/").status_code == 404
