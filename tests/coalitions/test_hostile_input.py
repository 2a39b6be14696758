"""Hostile input against the public forms, the public list, the admin, the
search and the emails: markup stays text, headers stay headers, oversized or
unexpected requests are refused."""

import time

import pytest
from django.test import Client
from django.utils.html import escape

from coalitions.models import CoachingApplication, Coalition, OutboxEmail
from coalitions.services.coaching import coaching_application_create
from coalitions.services.coalitions import coalition_decide, coalition_register
from tests.markup import soup
from tests.waiting import wait_for

from .conftest import application_data, application_fields, coalition_data, coalition_fields
from .test_admin import user_in
from .test_delivery import all_sent, subject

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
PAYLOADS = [SCRIPT, IMG]
FORMS = [("/nl/coaching/", application_data), ("/nl/coalities/", coalition_data)]


def assert_escaped(html: str, payload: str) -> None:
    assert payload not in html
    assert escape(payload) in html


# --- Rendered pages -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_unknown_town_is_quoted_as_text_in_its_error(client, coaching_page, payload):
    # The error repeats what was typed; the confirmation names only towns of
    # the reference list.
    response = client.post("/nl/coaching/", application_data(municipality=f"Gent {payload}"))

    assert response.status_code == 400
    assert "We kennen de gemeente" in response.text
    assert_escaped(response.text, payload)


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "data"), FORMS)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_refused_form_shows_the_entered_markup_as_text(
    client, campaign, reference_data, url, data, payload
):
    response = client.post(url, data(contact_name=payload, email="not an address"))

    assert response.status_code == 400
    assert_escaped(response.text, payload)


@pytest.mark.django_db
def test_the_public_coalition_list_shows_markup_as_text(client, coalition_page):
    coalition = coalition_register(
        page=coalition_page, language="nl", **coalition_fields(municipality_name=IMG, name=SCRIPT)
    ).coalition
    coalition_decide(coalition_id=coalition.pk, decision="list")

    html = client.get("/nl/coalities/").text

    assert_escaped(html, IMG)
    assert_escaped(html, SCRIPT)


@pytest.mark.django_db
def test_the_admin_inspect_views_show_markup_as_text(
    client, django_user_model, coaching_page, coalition_page
):
    application = coaching_application_create(
        page=coaching_page,
        language="nl",
        **application_fields(contact_name=IMG, motivation=SCRIPT, coalition_name=IMG),
    ).application
    coalition = coalition_register(
        page=coalition_page, language="nl", **coalition_fields(name=SCRIPT, partners=IMG)
    ).coalition
    client = user_in("ORBIT coaching", django_user_model, client)

    pages = [
        client.get(f"/admin/coaching_applications/inspect/{application.pk}/").text,
        client.get(f"/admin/coalitions/inspect/{coalition.pk}/").text,
        client.get("/admin/coaching_applications/").text,
        client.get("/admin/personal_data/", {"email": application.email}).text,
    ]

    for html in pages:
        assert SCRIPT not in html
        assert IMG not in html
    assert escape(SCRIPT) in pages[0]
    assert escape(IMG) in pages[1]


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_search_shows_the_query_as_text(client, campaign, payload):
    response = client.get("/nl/search/", {"q": payload})

    assert response.status_code == 200
    assert payload not in response.text


# --- Emails ---------------------------------------------------------------


def test_emails_carry_markup_as_literal_text(live_coaching_page, celery_worker, smtp_server):
    response = Client().post(
        live_coaching_page.url,
        application_data(
            municipality="Gent",
            coalition_name=SCRIPT,
            contact_name=IMG,
            motivation=f"{SCRIPT}\n{IMG}",
            email="hostile@example.org",
        ),
    )

    assert response.status_code == 302
    wait_for(lambda: len(smtp_server.messages) == 2, what="two mails")
    by_recipient = {m["X-Envelope-To"]: m for m in smtp_server.messages}
    coordinator = by_recipient["amos@orbitvzw.be"]
    confirmation = by_recipient["hostile@example.org"]
    for message in (coordinator, confirmation):
        parts = [part for part in message.walk() if not part.is_multipart()]
        # Plain text only: there is no HTML part in which markup could run.
        assert [part.get_content_type() for part in parts] == ["text/plain"]
    # SMTP carries CRLF line ends; the text itself is what matters.
    coordinator_text = coordinator.get_payload(decode=True).decode().replace("\r\n", "\n")
    confirmation_text = confirmation.get_payload(decode=True).decode()
    # Literal, not entity-encoded: the reader sees exactly what was typed.
    assert f"{SCRIPT}\n{IMG}" in coordinator_text
    assert "&lt;" not in coordinator_text + confirmation_text
    assert IMG in confirmation_text
    assert f"{SCRIPT}\n" in coordinator_text
    assert subject(coordinator) == "Coachingaanvraag van Gent: plaats 1 van 7"


@pytest.mark.parametrize(("url", "data"), FORMS)
def test_header_injection_in_the_email_field_is_refused(
    live_campaign, celery_worker, smtp_server, url, data
):
    response = Client().post(url, data(email="a@b.be\r\nBcc: x@y.z"))

    assert response.status_code == 400
    assert "Geef een e-mailadres zoals naam@voorbeeld.be." in response.text
    assert not CoachingApplication.objects.exists()
    assert not Coalition.objects.exists()
    assert not OutboxEmail.objects.exists()
    time.sleep(1)
    assert smtp_server.messages == []


def test_line_breaks_in_other_fields_never_reach_a_header(
    live_coaching_page, celery_worker, smtp_server
):
    # The form refuses control characters in one-line fields (tests/ops/
    # test_hostile_input.py); this is the layer under it, for rows that reach
    # the service another way.
    coaching_application_create(
        page=live_coaching_page,
        language="nl",
        **application_fields(municipality_name="Gent\r\nBcc: x@y.z", email="gent@example.org"),
    )

    wait_for(lambda: len(smtp_server.messages) == 2, what="two mails")
    wait_for(all_sent, what="rows marked sent")
    recipients = sorted(m["X-Envelope-To"] for m in smtp_server.messages)
    assert recipients == ["amos@orbitvzw.be", "gent@example.org"]
    assert all(m["Bcc"] is None for m in smtp_server.messages)
    assert subject(smtp_server.messages[0]).count("\n") == 0


# --- Size and method ------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data", "field", "limit"),
    [
        ("/nl/coaching/", application_data, "municipality", 100),
        ("/nl/coaching/", application_data, "contact_name", 150),
        ("/nl/coaching/", application_data, "motivation", 4000),
        ("/nl/coalities/", coalition_data, "name", 150),
        ("/nl/coalities/", coalition_data, "partners", 2000),
        ("/nl/coalities/", coalition_data, "phone", 40),
    ],
)
def test_oversized_fields_are_refused(client, campaign, reference_data, url, data, field, limit):
    response = client.post(url, data(**{field: "9" * (limit + 1)}))

    assert response.status_code == 400
    # The class attribute's whole value, as the field's error state renders it.
    assert soup(response).find(class_="form-field form-field--error") is not None
    assert not CoachingApplication.objects.exists()
    assert not Coalition.objects.exists()


@pytest.mark.django_db
def test_an_oversized_request_body_is_refused(client, campaign, settings):
    body = "9" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

    response = client.post("/nl/coaching/", application_data(motivation=body))

    assert response.status_code == 400
    assert not CoachingApplication.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/nl/coaching/", "/fr/coalitions/"])
@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_on_the_form_pages_are_refused(client, campaign, url, method):
    response = getattr(client, method)(url, data="municipality=Gent")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    assert not CoachingApplication.objects.exists()
    assert not Coalition.objects.exists()
