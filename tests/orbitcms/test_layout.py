"""The campaign layout as the server renders it: landmarks, the menu, the
numbered recommendation cards and the calls to action."""

import re

from django.template import loader
from django.utils import translation

from coalitions.models import CoachingPage
from tests.factories import CoachingApplicationFactory


def test_home_page_has_the_campaign_headline_cards_and_landmarks(client, campaign):
    html = client.get("/nl/").content.decode()

    assert '<a class="skip-link" href="#main">Naar de inhoud</a>' in html
    assert '<main id="main" class="site-main" tabindex="-1">' in html
    assert '<nav class="primary-nav" aria-label="Hoofdmenu">' in html
    assert '<h1 id="hero-heading">Kies voor een gemeente met ambitie</h1>' in html
    assert html.count('<li class="card"') == 10
    assert '<span class="card-number">3</span> Permanente opvang' in html
    assert 'href="/nl/handleiding/">Download de handleiding</a>' in html
    assert 'href="/nl/coaching/">Vraag coaching aan</a>' in html
    assert 'Nog <strong class="slots-count">7</strong> van de 7 coachingplaatsen vrij' in html
    assert 'href="/nl/coalities/">Start een coalitie</a>' in html


def test_coaching_card_counts_the_slots_its_page_holds(campaign):
    coaching = CoachingPage.objects.get(locale__language_code="nl")
    card = loader.get_template(coaching.card_template)
    CoachingApplicationFactory.create_batch(4, page=coaching)

    with translation.override("nl"):
        html = card.render({"target": coaching})
    assert 'Nog <strong class="slots-count">3</strong> van de 7 coachingplaatsen vrij' in html

    with translation.override("fr"):
        html = card.render({"target": coaching})
    assert "Encore <strong" in html
    assert "3</strong> places d'accompagnement libres sur 7" in html.replace("&#x27;", "'")


def test_sections_of_the_active_page_are_marked_current(client, campaign):
    html = client.get("/nl/aanbevelingen/permanente-opvang/").content.decode()

    assert '<a href="/nl/aanbevelingen/" aria-current="page">Aanbevelingen</a>' in html
    assert '<nav class="breadcrumbs" aria-label="Je bent hier">' in html


def test_breadcrumbs_lead_from_home_through_the_section_to_the_page(client, campaign):
    html = client.get("/nl/aanbevelingen/permanente-opvang/").content.decode()
    trail = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.DOTALL).group(0)

    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', trail)
    assert [url for url, _title in links] == [
        "/nl/",
        "/nl/aanbevelingen/",
        "/nl/aanbevelingen/permanente-opvang/",
    ]
    assert links[0][1] == "Home"
