"""Pages the coaching desk points at: a translation's source, a page in a language."""

from typing import Any

from django.conf import settings
from django.db.models import Q
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page


def page_source(*, page: Page, **annotations: Any) -> Page:
    """The Dutch original of a translated page: translations share its data
    (the coaching capacity, the one list of applications). The page itself
    where it has none. `annotations` are computed on it in the same query."""
    # One query, by the page's own type and the default language's code: a
    # lookup of the default Locale and `.specific()` would take three. The page
    # itself comes along, for a translation whose original is gone.
    default_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    candidates = (
        page.specific_class.objects.filter(
            Q(translation_key=page.translation_key, locale__language_code=default_language)
            | Q(pk=page.pk)
        )
        .annotate(**annotations)
        .order_by()
    )
    found = {candidate.pk: candidate for candidate in candidates}
    own = found.pop(page.pk, None)
    return next(iter(found.values()), None) or own or page.specific


def page_url_for_language(*, page_type: type[Page], language: str) -> str:
    """The address of the live page of that type in `language`, else of the
    Dutch original; empty if there is none."""
    pages = page_type.objects.live()
    page = (
        pages.filter(locale__language_code=language).first()
        or pages.filter(locale=Locale.get_default()).first()
    )
    return page.full_url if page else ""
