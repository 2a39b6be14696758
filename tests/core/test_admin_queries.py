"""The email texts' admin listing makes no query per row of its own (a text's
language comes with it). wagtail-localize's listing buttons still ask, per
text, whether a language is left to translate into and whether the text is
the source of translations: two queries per row that only that package can
batch, as on the themes' listing, counted so that any other per-row query fails."""

from itertools import product

import pytest
from django.urls import reverse
from wagtail.models import Locale

from core.email_texts import EMAIL_KINDS
from core.models import EmailText
from tests.admin_queries import listing_queries

pytestmark = pytest.mark.django_db

LOCALIZE_BUTTON_QUERIES_PER_ROW = 2


def test_the_email_text_listing_makes_no_query_per_row_of_its_own(admin_client, campaign):
    # One text per kind and language at most: the kinds the apps declare, in
    # the three languages, give the rows.
    texts = [
        EmailText(kind=kind, locale=locale, subject=f"Onderwerp {n}")
        for n, (kind, locale) in enumerate(
            product(sorted(EMAIL_KINDS), Locale.objects.order_by("language_code"))
        )
    ]
    assert len(texts) >= 12
    url = reverse("wagtailsnippets_core_emailtext:list")
    EmailText.objects.bulk_create(texts[:3])
    at_3 = listing_queries(admin_client, url, rows=3)
    EmailText.objects.bulk_create(texts[3:12])
    at_12 = listing_queries(admin_client, url, rows=12)
    assert at_12 - at_3 == 9 * LOCALIZE_BUTTON_QUERIES_PER_ROW, (at_3, at_12)
