"""The campaign layout as the server renders it: landmarks, the menu, the
numbered recommendation cards and the calls to action."""

from dataclasses import replace

from django.template import loader
from django.utils import translation

from coalitions.models import CoachingPage
from coalitions.selectors import coaching_slot_usage


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


def test_coaching_call_to_action_shows_the_open_slots_it_is_given(campaign):
    coaching = CoachingPage.objects.get(locale__language_code="nl")
    card = loader.get_template("includes/cta_card.html")
    usage = coaching_slot_usage(page=coaching)

    with translation.override("nl"):
        html = card.render({"target": coaching, "coaching_slots": replace(usage, held=4)})
    assert 'Nog <strong class="slots-count">3</strong> van de 7 coachingplaatsen vrij' in html

    with translation.override("fr"):
        html = card.render({"target": coaching, "coaching_slots": replace(usage, held=6)})
    assert "Encore <strong" in html
    assert "1</strong> place d'accompagnement libre sur 7" in html.replace("&#x27;", "'")


def test_sections_of_the_active_page_are_marked_current(client, campaign):
    html = client.get("/nl/aanbevelingen/permanente-opvang/").content.decode()

    assert '<a href="/nl/aanbevelingen/" aria-current="page">De 10 aanbevelingen</a>' in html
    assert '<nav class="breadcrumbs" aria-label="Je bent hier">' in html
