"""Pages the coaching desk points at: a translation's source, a page in a language."""

from wagtail.models import Locale, Page


def page_source(*, page: Page) -> Page:
    """The Dutch original of a translated page: translations share its data
    (the coaching capacity, the one list of applications)."""
    source = (
        page.get_translations(inclusive=True).filter(locale=Locale.get_default()).specific().first()
    )
    return source or page.specific


def page_url_for_language(*, page_type: type[Page], language: str) -> str:
    """The address of the live page of that type in `language`, else of the
    Dutch original; empty if there is none."""
    pages = page_type.objects.live()
    page = (
        pages.filter(locale__language_code=language).first()
        or pages.filter(locale=Locale.get_default()).first()
    )
    return page.full_url if page else ""
