"""The campaign layout as the server renders it: landmarks, the menu, the
numbered recommendation cards and the calls to action."""

from django.template import loader
from django.utils import translation

from coalitions.models import CoachingPage
from tests.factories import CoachingApplicationFactory
from tests.markup import soup, text_of


def _slots(html: str) -> tuple[str, str]:
    """The coaching card's line of open places, and the count it emphasises."""
    slots = soup(html).select_one("p.slots")
    return text_of(slots), slots.select_one("strong.slots-count").get_text()


def test_home_page_has_the_campaign_headline_cards_and_landmarks(client, campaign):
    response = client.get("/nl/")
    page = soup(response)

    skip_link = page.select_one("a.skip-link")
    assert (skip_link["href"], text_of(skip_link)) == ("#main", "Naar de inhoud")
    main = page.find("main", id="main")
    assert (main["class"], main["tabindex"]) == (["site-main"], "-1")
    assert page.select_one("nav.primary-nav")["aria-label"] == "Hoofdmenu"
    assert text_of(page.find("h1", id="hero-heading")) == "Kies voor een gemeente met ambitie"
    assert len(page.select("li.card")) == 10
    numbered = {span.get_text(): text_of(span.parent) for span in page.select(".card-number")}
    assert numbered["3"] == "3 Permanente opvang voor alle dakloze doelgroepen"
    for href, label in [
        ("/nl/handleiding/", "Download de handleiding"),
        ("/nl/coaching/", "Vraag coaching aan"),
        ("/nl/coalities/", "Start een coalitie"),
    ]:
        assert label in [text_of(link) for link in page.find_all("a", href=href)]
    assert _slots(response.content) == ("Nog 7 van de 7 coachingplaatsen vrij", "7")


def test_coaching_card_counts_the_slots_its_page_holds(campaign):
    coaching = CoachingPage.objects.get(locale__language_code="nl")
    card = loader.get_template(coaching.card_template)
    CoachingApplicationFactory.create_batch(4, page=coaching)

    with translation.override("nl"):
        html = card.render({"target": coaching})
    assert _slots(html) == ("Nog 3 van de 7 coachingplaatsen vrij", "3")

    with translation.override("fr"):
        html = card.render({"target": coaching})
    assert _slots(html) == ("Encore 3 places d'accompagnement libres sur 7", "3")


def test_sections_of_the_active_page_are_marked_current(client, campaign):
    page = soup(client.get("/nl/aanbevelingen/permanente-opvang/"))

    current = page.select_one('nav.primary-nav a[aria-current="page"]')
    assert (current["href"], text_of(current)) == ("/nl/aanbevelingen/", "Aanbevelingen")
    assert page.select_one("nav.breadcrumbs")["aria-label"] == "Je bent hier"


def test_breadcrumbs_lead_from_home_through_the_section_to_the_page(client, campaign):
    trail = soup(client.get("/nl/aanbevelingen/permanente-opvang/")).select_one("nav.breadcrumbs")

    links = [(link["href"], text_of(link)) for link in trail.find_all("a", href=True)]
    assert [url for url, _title in links] == [
        "/nl/",
        "/nl/aanbevelingen/",
        "/nl/aanbevelingen/permanente-opvang/",
    ]
    assert links[0][1] == "Home"
