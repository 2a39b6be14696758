import pytest
from django.test import Client

from coalitions.models import CoachingApplication, Coalition
from coalitions.services.coaching import coaching_application_create
from tests.markup import soup, text_of

from .conftest import application_data, application_fields, coalition_data

pytestmark = pytest.mark.django_db


def test_the_page_shows_how_many_slots_are_open(client, coaching_page):
    for _ in range(4):
        coaching_application_create(page=coaching_page, language="nl", **application_fields())

    response = client.get(coaching_page.url)

    assert response.status_code == 200
    assert "nog 3 van de 7 plaatsen vrij" in response.text


def test_translations_show_the_shared_count(client, coaching_pages):
    coaching_application_create(page=coaching_pages["nl"], language="nl", **application_fields())

    assert "encore 6 places libres sur 7" in client.get(coaching_pages["fr"].url).text
    assert "6 of the 7 coaching slots still open" in client.get(coaching_pages["en"].url).text


def test_an_application_redirects_to_its_confirmation(client, coaching_page):
    response = client.post(coaching_page.url, application_data(), follow=True)

    assert response.redirect_chain == [(coaching_page.url + "#confirmation", 302)]
    assert "coachingplaats 1 van 7" in response.text
    assert "nog 6 van de 7 plaatsen vrij" in response.text
    assert CoachingApplication.objects.get().language == "nl"


def test_when_the_slots_are_taken_the_page_and_confirmation_say_waitlist(client, coaching_pages):
    for _ in range(7):
        client.post(coaching_pages["nl"].url, application_data())

    response = client.post(coaching_pages["en"].url, application_data(), follow=True)

    assert "All 7 slots are taken, so your application is on the waitlist, at position 1" in (
        response.text
    )
    assert "new applications go on the waitlist" in response.text
    application = CoachingApplication.objects.get(status="waitlisted")
    assert application.language == "en"


def test_a_double_submit_is_recognised(client, coaching_page):
    data = application_data()
    client.post(coaching_page.url, data)

    response = client.post(coaching_page.url, data, follow=True)

    assert f"Er is al een aanvraag voor {data['municipality']} geregistreerd" in response.text
    assert CoachingApplication.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "required", "invalid_email"),
    [
        ("fr", "Veuillez remplir ce champ.", "Saisissez une adresse e-mail comme nom@exemple.be."),
        ("en", "Please fill in this field.", "Enter an email address such as name@example.org."),
        ("nl", "Vul dit veld in.", "Geef een e-mailadres zoals naam@voorbeeld.be."),
    ],
)
def test_invalid_input_gets_messages_in_the_page_language_and_keeps_what_was_typed(
    client, coaching_pages, language, required, invalid_email
):
    data = application_data(municipality="", email="not-an-address")

    response = client.post(coaching_pages[language].url, data)

    assert response.status_code == 400
    assert required in response.text
    assert invalid_email in response.text
    assert data["motivation"] in response.text
    assert soup(response).find(attrs={"value": "not-an-address"}) is not None
    assert not CoachingApplication.objects.exists()


def test_over_long_input_is_refused(client, coaching_pages):
    response = client.post(
        coaching_pages["en"].url,
        application_data(motivation="x" * 4001, contact_name="y" * 151),
    )

    assert response.status_code == 400
    assert "Ensure this value has at most 4000 characters" in response.text
    assert "Ensure this value has at most 150 characters" in response.text
    assert not CoachingApplication.objects.exists()


def test_a_filled_honeypot_is_dropped_silently(client, coaching_page):
    response = client.post(coaching_page.url, application_data(homepage_url="http://spam.example"))

    assert response.status_code == 302
    assert not CoachingApplication.objects.exists()


def test_a_burst_from_one_address_is_rate_limited(client, coaching_page, settings):
    settings.COACHING_FORM_RATE = "3/m"
    statuses = [client.post(coaching_page.url, application_data()).status_code for _ in range(4)]

    assert statuses == [302, 302, 302, 429]
    assert CoachingApplication.objects.count() == 3
    other_visitor = client.post(coaching_page.url, application_data(), REMOTE_ADDR="192.0.2.7")
    assert other_visitor.status_code == 302


def test_a_post_without_csrf_token_is_refused(coaching_page):
    response = Client(enforce_csrf_checks=True).post(coaching_page.url, application_data())

    assert response.status_code == 403
    assert not CoachingApplication.objects.exists()


def test_a_post_with_the_csrf_token_of_the_form_is_accepted(coaching_page):
    browser = Client(enforce_csrf_checks=True)
    browser.get(coaching_page.url)
    token = browser.cookies["csrftoken"].value

    response = browser.post(coaching_page.url, {**application_data(), "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert CoachingApplication.objects.count() == 1


def test_coalition_sign_up_and_the_public_list(client, coalition_page):
    data = coalition_data(municipality="Leuven", name="Leuven Verwelkomt")
    response = client.post(coalition_page.url, data, follow=True)

    assert "ORBIT heeft de aanmelding van je coalitie ontvangen" in response.text
    assert "Leuven Verwelkomt" not in response.text.split("Meld je coalitie aan")[0]
    Coalition.objects.update(status=Coalition.Status.LISTED)
    listing = soup(client.get(coalition_page.url))
    assert "Leuven" in [text_of(term) for term in listing("dt")]
    assert "Leuven Verwelkomt" in [text_of(name) for name in listing("dd")]


def test_coalition_form_errors_in_french(client, coalition_page):
    from .conftest import translation

    page_fr = translation(coalition_page, "fr")

    response = client.post(page_fr.url, coalition_data(name="", phone="call me"))

    assert response.status_code == 400
    assert "Veuillez remplir ce champ." in response.text
    assert "Saisissez un numéro de téléphone" in response.text
    assert not Coalition.objects.exists()
