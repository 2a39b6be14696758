"""The coaching page says what coaching is, for whom, the timeline and how
places are given, beside the slots left: fields editors fill in and translate."""

import pytest
from bs4 import Tag
from wagtail_localize.models import StringSegment, TranslationSource

from coalitions.models import CoachingPage
from tests.markup import soup, text_of

pytestmark = pytest.mark.django_db

PAGES = [
    # path, the four headings, a sentence from the seed, the sample marker
    (
        "/nl/coaching/",
        ["Wat is coaching?", "Voor wie?", "Tijdlijn", "Hoe worden de plaatsen toegekend?"],
        "ORBIT kan 7 lokale migratiecoalities coachen.",
        "Voorbeeldtekst.",
    ),
    (
        "/fr/accompagnement/",
        [
            "Qu'est-ce que l'accompagnement ?",
            "Pour qui ?",
            "Calendrier",
            "Comment les places sont-elles attribuées ?",
        ],
        "ORBIT peut accompagner 7 coalitions locales pour la migration.",
        "Texte d'exemple.",
    ),
    (
        "/en/coaching/",
        ["What coaching is", "For whom", "Timeline", "How places are given"],
        "ORBIT can coach 7 local migration coalitions.",
        "Sample text.",
    ),
]


def _overview(response) -> Tag:
    return soup(response).select_one("div.coaching-overview")


@pytest.mark.parametrize(("path", "headings", "seed", "sample"), PAGES)
def test_the_coaching_page_explains_itself_beside_the_slots_left(
    client, campaign, path, headings, seed, sample
):
    overview = _overview(client.get(path))

    assert [heading.get_text() for heading in overview("h2")] == headings
    assert seed in text_of(overview)
    # What the seed does not say is marked as sample text for ORBIT to replace.
    assert [bold.get_text() for bold in overview("b")].count(sample) == 3
    assert overview.select_one(".slots") is not None


def test_a_field_left_empty_shows_no_heading(client, campaign):
    page = CoachingPage.objects.get(locale__language_code="en")
    page.coaching_timeline = ""
    page.save_revision().publish()

    overview = text_of(_overview(client.get("/en/coaching/")))

    assert "Timeline" not in overview
    assert "For whom" in overview


def test_the_fields_are_translated_in_wagtail_localize(campaign):
    source = TranslationSource.objects.get(
        object_id=CoachingPage.objects.get(locale__language_code="nl").translation_key
    )
    fields = {
        segment.context.path.split(".")[0]
        for segment in StringSegment.objects.filter(source=source).select_related("context")
    }

    assert {
        "coaching_what",
        "coaching_for_whom",
        "coaching_timeline",
        "coaching_allocation",
    } <= fields
