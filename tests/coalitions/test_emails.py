"""The emails about applications and coalitions: the coordinator's links
straight to the admin page, every email to a town or coalition answers to
ORBIT and is signed with its contact details, the decline points to the
handbook and the network, the waitlist email says what happens next, and a
coalition sign-up is confirmed in the visitor's language."""

import pytest
from django.core import mail
from django.utils import timezone

from coalitions.models import OutboxEmail
from coalitions.services.coaching import coaching_application_create, coaching_application_decide
from coalitions.services.coalitions import coalition_register
from coalitions.services.outbox import outbox_email_send
from core.models import SiteSettings

from .conftest import (
    application_fields,
    coalition_fields,
    translation,
)

pytestmark = pytest.mark.django_db
COORDINATOR = "coaching@example.org"


@pytest.fixture(autouse=True)
def site_settings(coaching_page):
    settings_row = SiteSettings.for_site(coaching_page.get_site())
    settings_row.coaching_notify_email = COORDINATOR
    settings_row.contact_email = "info@example.org"
    settings_row.save()
    return settings_row


def apply(page, **overrides):
    language = overrides.pop("language", "nl")
    return coaching_application_create(
        page=page, language=language, **application_fields(**overrides)
    ).application


def test_the_coordinators_email_links_to_the_applications_admin_page(
    coaching_page, settings, admin_client
):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    application = apply(coaching_page)

    body = application.emails.get(kind="coaching_coordinator").body

    link = f"http://127.0.0.1:8123/admin/coaching_applications/inspect/{application.pk}/"
    assert link in body
    assert admin_client.get(link.removeprefix("http://127.0.0.1:8123")).status_code == 200


def test_emails_to_a_town_answer_to_the_coordinator_and_are_signed(coaching_page):
    application = apply(coaching_page, language="fr")
    coaching_application_decide(application_id=application.pk, decision="accept")

    for kind in ("coaching_confirmation", "coaching_decision"):
        email = application.emails.get(kind=kind)
        assert email.reply_to == COORDINATOR
        assert "info@example.org" in email.body
        assert "ORBIT vzw" in email.body
        assert "Vous pouvez répondre à cet e-mail" in email.body


def test_the_reply_to_reaches_the_message_sent(coaching_page):
    application = apply(coaching_page)
    confirmation = application.emails.get(kind="coaching_confirmation")
    OutboxEmail.objects.filter(pk=confirmation.pk).update(next_attempt_at=timezone.now())

    outbox_email_send(outbox_id=confirmation.pk)

    assert mail.outbox[-1].reply_to == [COORDINATOR]


def test_the_decline_is_courteous_and_points_to_the_handbook_and_the_network(
    coaching_page, coalition_page
):
    application = apply(coaching_page, language="fr", municipality_name="Namur")

    coaching_application_decide(application_id=application.pk, decision="decline")

    body = application.emails.get(kind="coaching_decision").body
    assert "Merci pour le temps et le soin" in body
    assert "http://localhost/fr/guide/" in body
    assert translation(coalition_page, "fr").full_url in body


def test_the_waitlist_email_gives_the_position_and_what_happens_next(coaching_page):
    for _ in range(coaching_page.capacity + 1):
        apply(coaching_page)
    waiting = apply(coaching_page)

    body = waiting.emails.get(kind="coaching_confirmation").body

    assert "wachtlijst, op plaats 2." in body
    assert "Wat er nu gebeurt" in body
    assert "niet opnieuw aan te vragen" in body


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Merci d'avoir inscrit"), ("en", "Thank you for signing up"), ("nl", "Bedankt")],
)
def test_a_coalition_sign_up_is_confirmed_in_the_visitors_language(
    coalition_page, language, expected
):
    coalition = coalition_register(
        page=coalition_page, language=language, **coalition_fields(name="Ensemble")
    ).coalition

    confirmation = coalition.emails.get(kind=OutboxEmail.Kind.COALITION_CONFIRMATION)

    assert (confirmation.recipient, confirmation.language) == (coalition.email, language)
    assert confirmation.reply_to == COORDINATOR
    assert expected in confirmation.body
    assert "Ensemble" in confirmation.body
    assert "info@example.org" in confirmation.body


def test_the_coordinators_coalition_email_links_to_its_admin_page(coalition_page):
    coalition = coalition_register(
        page=coalition_page, language="nl", **coalition_fields()
    ).coalition

    body = coalition.emails.get(kind=OutboxEmail.Kind.COALITION_COORDINATOR).body

    assert f"/admin/coalitions/inspect/{coalition.pk}/" in body
