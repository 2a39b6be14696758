"""Writes of the recommendations: the PDF of the recommendations per language."""

from urllib.parse import unquote, urlsplit

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import pgettext
from wagtail.documents.models import Document

from core.models import SiteSettings
from core.services import generated_document_missing, generated_pdf_record_store
from ops.services import page_cache_paths_expire

from .models import RecommendationIndexPage, RecommendationsPdf
from .selectors import recommendation_list


def recommendations_pdf_refresh(*, index_id: int, force: bool = False) -> Document | None:
    """Generate the PDF of the live recommendations under the index page, in its
    language, and store it as the index page's generated document, unless the
    stored one was made after the last publish of the index page and of every
    recommendation under it (and its file is there).

    `force` generates it whatever the dates say: an unpublish, a delete or a
    move changes which recommendations are live under the index without
    changing any page's last publish.

    Safe to run twice, and cheap when nothing changed: the campaign loader
    publishes thirty pages at once, each publish asks for a run, the first
    makes the PDF and the others find it current."""
    # Before reading the pages: a publish while this runs leaves the PDF stale.
    started = timezone.now()
    index = RecommendationIndexPage.objects.filter(pk=index_id).select_related("locale").first()
    if index is None or not index.live:
        return None
    record = RecommendationsPdf.objects.filter(index_id=index.pk).select_related("document").first()
    if record is not None and not force and not _pdf_stale(index=index, record=record):
        return record.document
    recommendations = list(recommendation_list(index=index))
    if not recommendations:
        if record is not None:
            # The last recommendation went: no PDF rather than one that shows it.
            with transaction.atomic():
                if record.document:
                    record.document.delete()  # Wagtail deletes its file on commit.
                record.delete()
            _index_cache_expire(index=index)
        return None
    site = index.get_site()
    contact_email = SiteSettings.for_site(site).contact_email if site else ""
    # Imported here: fpdf2 costs every process that loads this module 0.4 s
    # to start, and only the worker's task renders.
    from .pdf import recommendations_pdf_render

    with translation.override(index.locale.language_code):
        content = recommendations_pdf_render(
            title=index.title,
            intro_html=index.intro,
            recommendations=recommendations,
            contact_email=contact_email,
            on=timezone.localdate(),
        )
        filename = recommendations_pdf_filename()
    record = generated_pdf_record_store(
        model=RecommendationsPdf,
        pk=index.pk,
        title=index.title,
        filename=filename,
        content=content,
        generated_at=started,
    )
    _index_cache_expire(index=index)
    return record.document


def _index_cache_expire(*, index: RecommendationIndexPage) -> None:
    # The index page links the PDF when there is one: no cached copy with or
    # without the link when that changes.
    if url := index.get_url():
        paths = {unquote(urlsplit(url).path)}
        transaction.on_commit(lambda: page_cache_paths_expire(paths=paths))


def recommendations_pdf_filename() -> str:
    """The file's name in the active language: 10-aanbevelingen.pdf,
    10-recommandations.pdf, 10-recommendations.pdf."""
    return f"{pgettext('file name', '10-recommendations')}.pdf"


def _pdf_stale(*, index: RecommendationIndexPage, record: RecommendationsPdf) -> bool:
    if record.generated_at is None or generated_document_missing(document=record.document):
        return True
    last_publish = index.get_descendants(inclusive=True).aggregate(last=Max("last_published_at"))[
        "last"
    ]
    return last_publish is not None and last_publish >= record.generated_at
