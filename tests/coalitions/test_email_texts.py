"""Email texts editors change in the admin, per language: the standard texts
are today's mails, an edited text is what the outbox sends in its language,
the preview shows it with sample data, and a broken text is refused in the
form instead of failing on the worker."""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import override
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from coalitions.email_texts import EDITABLE_EMAILS
from coalitions.models import OutboxEmail
from coalitions.services.coaching import coaching_application_create, coaching_application_decide
from coalitions.services.coalitions import coalition_register
from core.email_texts import EMAIL_KINDS
from core.models import EmailText
from tests.markup import soup, text_of

from .conftest import (
    application_fields,
    coalition_fields,
    translation,
)

pytestmark = pytest.mark.django_db
SNIPPETS = "/admin/snippets/core/emailtext/"
LANGUAGES = ["nl", "fr", "en"]
TO_THE_COORDINATOR = [OutboxEmail.Kind.COACHING_COORDINATOR, OutboxEmail.Kind.COALITION_COORDINATOR]


class _Undone(Exception):
    pass


def mails_of_a_day(coaching_page, coalition_page, language: str) -> list[tuple[str, str, str]]:
    """The emails to towns and coalitions of a day at the desk, with every case
    of every editable email and the same people each time; then undone."""
    try:
        with transaction.atomic():
            towns = [
                coaching_application_create(
                    page=coaching_page,
                    language=language,
                    **application_fields(
                        municipality_name=f"Town {n}",
                        coalition_name=f"Coalition {n}",
                        contact_name=f"Contact {n}",
                        email=f"town{n}@example.org",
                    ),
                ).application
                for n in range(9)
            ]
            coaching_application_decide(application_id=towns[0].pk, decision="accept")
            coaching_application_decide(application_id=towns[1].pk, decision="decline")
            coaching_application_decide(application_id=towns[2].pk, decision="withdraw")
            for listed in (True, False):
                coalition_register(
                    page=coalition_page,
                    language=language,
                    **coalition_fields(
                        municipality_name=f"City {listed}",
                        name=f"Network {listed}",
                        contact_name=f"Contact {listed}",
                        email=f"network{listed}@example.org",
                        listing_consent=listed,
                    ),
                )
            sent = list(
                OutboxEmail.objects.exclude(kind__in=TO_THE_COORDINATOR)
                .order_by("pk")
                .values_list("recipient", "subject", "body")
            )
            raise _Undone
    except _Undone:
        return sent


def text_saved(language: str, kind: str, subject: str, body: str) -> EmailText:
    text = EmailText(
        kind=kind, locale=Locale.objects.get(language_code=language), subject=subject, body=body
    )
    text.full_clean()
    text.save()
    return text


def test_every_email_to_a_town_or_coalition_can_be_reworded():
    assert set(EMAIL_KINDS) == {
        "coaching_confirmation",
        "coaching_waitlist",
        "coaching_accept",
        "coaching_promotion",
        "coaching_decline",
        "coaching_withdrawal",
        "coalition_confirmation",
        "coalition_confirmation_unlisted",
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_standard_texts_are_todays_mails(coaching_pages, coalition_page, language):
    pages = (coaching_pages[language], translation(coalition_page, language))
    today = mails_of_a_day(*pages, language)

    # An editor saves every email as the preview first shows it: the standard text.
    for key, email in EDITABLE_EMAILS.items():
        with override(language):
            subject, body = email.standard()
        text_saved(language, key, subject, body)

    # Nine confirmations (seven with a slot, two waiting), an acceptance, a
    # decline, a withdrawal, two promotions, two coalitions.
    assert len(today) == 16
    assert mails_of_a_day(*pages, language) == today


def test_an_edited_text_is_what_the_outbox_sends_in_its_language(coaching_pages):
    text_saved(
        "fr",
        "coaching_waitlist",
        "Liste d'attente pour {{ municipality }}",
        "Bonjour {{ name }},\n\n{{ municipality }} est numéro {{ position }} sur la liste "
        "d'attente des {{ capacity }} places.\n\nÉcrivez-nous : {{ contact_email }}",
    )
    for _town in range(7):
        coaching_application_create(
            page=coaching_pages["nl"], language="nl", **application_fields()
        )

    french = coaching_application_create(
        page=coaching_pages["fr"],
        language="fr",
        **application_fields(municipality_name="Mouscron", contact_name="Léa Dubois"),
    ).application
    dutch = coaching_application_create(
        page=coaching_pages["nl"], language="nl", **application_fields()
    ).application

    sent = OutboxEmail.objects.get(application=french, kind=OutboxEmail.Kind.COACHING_CONFIRMATION)
    assert sent.subject == "Liste d'attente pour Mouscron"
    assert sent.body.startswith(
        "Bonjour Léa Dubois,\n\nMouscron est numéro 1 sur la liste d'attente des 7 places."
    )
    assert "{{" not in sent.body
    # The Dutch waitlist email keeps its standard text.
    other = OutboxEmail.objects.get(application=dutch, kind=OutboxEmail.Kind.COACHING_CONFIRMATION)
    assert "wachtlijst" in other.body


def preview(admin_client, data: dict) -> str:
    url = SNIPPETS + "preview/"
    assert admin_client.post(url, data).json()["is_valid"]
    return admin_client.get(url).content.decode()


def test_the_preview_shows_the_email_with_sample_data(admin_client):
    form = {"kind": "coaching_decline", "subject": "", "body": ""}

    standard = preview(admin_client, form)
    edited = preview(admin_client, {**form, "subject": "Over {{ municipality }}"})

    assert "Voorbeeldgemeente" in standard
    assert "Beste An Voorbeeld," in standard
    assert "Over Voorbeeldgemeente" in [text_of(heading) for heading in soup(edited)("h1")]
    assert "Beste An Voorbeeld," in edited


def test_a_new_texts_preview_is_in_the_language_picked_for_it(admin_client):
    """The preview's address carries the language picked above the form, and
    the preview shows that language's standard text, not the Dutch one."""
    add_page = soup(admin_client.get(SNIPPETS + "add/?locale=fr"))
    assert add_page.find(attrs={"data-w-preview-url-value": f"{SNIPPETS}preview/?locale=fr"})

    form = {"kind": "coaching_decline", "subject": "", "body": ""}
    url = SNIPPETS + "preview/?locale=fr"
    assert admin_client.post(url, form).json()["is_valid"]
    french = admin_client.get(url).content.decode()
    assert "Bonjour An Voorbeeld," in french
    assert "Beste An Voorbeeld," not in french


def test_before_a_language_is_picked_the_new_text_is_in_the_admins_language(
    client, django_user_model
):
    coordinator = django_user_model.objects.create_user(username="coordinator", password="x" * 12)
    coordinator.groups.add(Group.objects.get(name="ORBIT coaching"))
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(coordinator)

    add_page = soup(client.get(SNIPPETS + "add/"))
    assert add_page.find(attrs={"data-w-preview-url-value": f"{SNIPPETS}preview/?locale=en"})
    form = {"kind": "coaching_decline", "subject": "", "body": ""}
    assert client.post(SNIPPETS + "preview/?locale=en", form).json()["is_valid"]
    assert "Dear An Voorbeeld," in client.get(SNIPPETS + "preview/?locale=en").content.decode()
    # Saved in that language too, as the preview showed it.
    client.post(SNIPPETS + "add/", form)
    assert EmailText.objects.get().locale.language_code == "en"


def test_a_broken_text_is_a_validation_error_in_the_form(admin_client):
    response = admin_client.post(
        SNIPPETS + "add/?locale=nl",
        {"kind": "coaching_decline", "subject": "Over {{ gemeente }}", "body": "{% if %}"},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "{{ gemeente }}" in errors["subject"][0]
    assert "{{ municipality }}" in errors["subject"][0]
    assert "cannot be used" in errors["body"][0] or "kan niet gebruikt" in errors["body"][0]
    assert not EmailText.objects.exists()


def test_the_coaching_group_rewords_the_emails_and_other_editors_do_not(client, django_user_model):
    coordinator = django_user_model.objects.create_user(username="coordinator", password="x" * 12)
    coordinator.groups.add(Group.objects.get(name="ORBIT coaching"))
    editor = django_user_model.objects.create_user(username="editor", password="x" * 12)
    editor.groups.add(Group.objects.get(name="Moderators"))

    client.force_login(coordinator)
    assert client.get(SNIPPETS + "add/?locale=fr").status_code == 200
    client.force_login(editor)
    assert client.get(SNIPPETS + "add/?locale=fr").status_code == 302


def test_a_text_that_fails_on_real_values_sends_the_standard_text(coaching_pages, caplog):
    # Passes the check on save (the sample's waitlist place is "2"), fails for
    # an application that holds a slot (no place on the waitlist: "").
    text_saved(
        "nl",
        "coaching_confirmation",
        "Bevestiging",
        "{% if position|divisibleby:2 %}Even{% endif %} Beste {{ name }}",
    )

    application = coaching_application_create(
        page=coaching_pages["nl"], language="nl", **application_fields()
    ).application

    sent = OutboxEmail.objects.get(
        application=application, kind=OutboxEmail.Kind.COACHING_CONFIRMATION
    )
    assert application.slot_id is not None
    assert sent.subject != "Bevestiging"
    # The standard mail, several paragraphs long, not the one-line edited text.
    assert len(sent.body.splitlines()) > 3
    assert "coaching_confirmation (nl) failed to render" in caplog.text
