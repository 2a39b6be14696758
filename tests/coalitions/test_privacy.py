"""Personal data: the privacy notice beside every form, recorded consent,
anonymisation after the retention period (through a real worker), and the
editors' export and erasure of one person's data."""

import json
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from coalitions.exceptions import PrivacyConsentMissing
from coalitions.models import CoachingApplication, Coalition, CoalitionIndexPage, OutboxEmail
from coalitions.selectors.coaching import coaching_waitlist_position
from coalitions.selectors.personal_data import personal_data_export
from coalitions.services.coaching import coaching_application_create, coaching_application_decide
from coalitions.services.coalitions import coalition_register
from coalitions.services.personal_data import (
    PersonalDataCount,
    personal_data_anonymise_expired,
    personal_data_erase,
)
from coalitions.tasks import anonymise_expired_personal_data
from core.models import PrivacyPage
from ops.services import PAGE_CACHE_ALIAS
from tests.admin_screens import menu_links
from tests.markup import soup, text_of

from .conftest import TOWNS, application_data, application_fields, coalition_data, coalition_fields
from .test_admin import refused, user_in

PERSONAL_DATA = "/admin/personal_data/"


def _slots_shown(response) -> list[str]:
    """The open coaching places the page shows."""
    return [count.get_text() for count in soup(response).select("strong.slots-count")]


def age(queryset, *, days: int) -> None:
    """Pretend the rows were submitted `days` ago (submitted_at is auto_now_add)."""
    queryset.update(submitted_at=timezone.now() - timedelta(days=days))


# --- Notice and consent ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "form_url", "notice_url", "notice_title"),
    [
        ("nl", "/nl/coaching/", "/nl/privacy/", "Privacyverklaring"),
        ("fr", "/fr/coalitions/", "/fr/confidentialite/", "Déclaration de confidentialité"),
        ("en", "/en/coaching/", "/en/privacy/", "Privacy notice"),
        ("en", "/en/coalitions/", "/en/privacy/", "Privacy notice"),
    ],
)
def test_every_form_links_the_notice_in_its_language(
    client, campaign, language, form_url, notice_url, notice_title
):
    form_page = client.get(form_url)
    notice = client.get(notice_url)

    assert form_page.status_code == 200
    form = soup(form_page)
    assert (notice_url, notice_title) in [(link.get("href"), text_of(link)) for link in form("a")]
    assert form.find(attrs={"name": "privacy_consent"}) is not None
    assert notice.status_code == 200
    assert notice_title in notice.text
    assert PrivacyPage.objects.filter(locale__language_code=language).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page_url", "notice_link"),
    [
        ("/fr/search/?q=x", ("/fr/confidentialite/", "Déclaration de confidentialité")),
        ("/en/", ("/en/privacy/", "Privacy notice")),
    ],
)
def test_every_page_footer_links_the_notice_in_its_language(
    client, campaign, page_url, notice_link
):
    footer = soup(client.get(page_url)).find("footer", class_="site-footer")

    assert notice_link in [(link.get("href"), text_of(link)) for link in footer("a")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "data", "model"),
    [
        ("coaching", application_data, CoachingApplication),
        ("coalities", coalition_data, Coalition),
    ],
)
def test_a_form_without_privacy_consent_stores_nothing(
    client, campaign, reference_data, url_name, data, model
):
    fields = data()
    del fields["privacy_consent"]

    response = client.post(f"/nl/{url_name}/", fields)

    assert response.status_code == 400
    assert "Aanvaard de privacyverklaring" in response.text
    assert not model.objects.exists()
    assert not OutboxEmail.objects.exists()


@pytest.mark.django_db
def test_consent_is_recorded_with_its_time(client, campaign, reference_data):
    before = timezone.now()

    client.post("/nl/coaching/", application_data())
    client.post("/nl/coalities/", coalition_data())

    assert before <= CoachingApplication.objects.get().privacy_consented_at <= timezone.now()
    assert before <= Coalition.objects.get().privacy_consented_at <= timezone.now()


def test_the_services_refuse_data_without_consent(coaching_page, coalition_page):
    with pytest.raises(PrivacyConsentMissing):
        coaching_application_create(
            page=coaching_page, language="nl", **application_fields(privacy_consent=False)
        )
    with pytest.raises(PrivacyConsentMissing):
        coalition_register(
            page=coalition_page, language="nl", **coalition_fields(privacy_consent=False)
        )
    assert not CoachingApplication.objects.exists()
    assert not Coalition.objects.exists()


# --- Retention ------------------------------------------------------------


def test_expired_contact_details_are_anonymised_by_the_worker(
    live_coaching_page, celery_worker, settings
):
    coalition_page = CoalitionIndexPage.objects.get(locale__language_code="nl")
    old_applications = [
        coaching_application_create(page=live_coaching_page, language="nl", **application_fields())
        for _ in range(3)
    ]
    new_application = coaching_application_create(
        page=live_coaching_page, language="fr", **application_fields()
    ).application
    old_coalitions = [
        coalition_register(page=coalition_page, language="nl", **coalition_fields())
        for _ in range(2)
    ]
    new_coalition = coalition_register(
        page=coalition_page, language="nl", **coalition_fields()
    ).coalition
    old_ids = [outcome.application.pk for outcome in old_applications]
    age(CoachingApplication.objects.filter(pk__in=old_ids), days=731)
    age(Coalition.objects.filter(pk__in=[r.coalition.pk for r in old_coalitions]), days=731)
    age(CoachingApplication.objects.filter(pk=new_application.pk), days=729)

    counts = anonymise_expired_personal_data.apply_async(ignore_result=False).get(timeout=60)

    assert settings.PERSONAL_DATA_RETENTION_DAYS == 730
    assert counts == {
        "applications": 3,
        "coalitions": 2,
        "emails": 10,
        # What apps above coalitions hold (correction proposals) is counted too.
        "others": {"correction_proposals": 0},
    }
    for application in CoachingApplication.objects.filter(pk__in=old_ids):
        assert application.contact_name == application.phone == application.motivation == ""
        assert application.email == f"anonymised-{application.pk}@anonymised.invalid"
        assert application.anonymised_at is not None
        # What the statistics need stays.
        assert application.municipality_name in TOWNS
        assert application.status == CoachingApplication.Status.RECEIVED
        assert application.slot_id is not None
    for coalition in Coalition.objects.exclude(pk=new_coalition.pk):
        assert (coalition.contact_name, coalition.phone) == ("", "")
        assert coalition.email.endswith("@anonymised.invalid")
        assert coalition.name.startswith("Coalitie ")
    untouched = CoachingApplication.objects.get(pk=new_application.pk)
    assert untouched.email == new_application.email
    assert untouched.motivation == new_application.motivation
    assert untouched.emails.count() == 2
    assert Coalition.objects.get(pk=new_coalition.pk).email == new_coalition.email
    assert not OutboxEmail.objects.filter(application_id__in=old_ids).exists()
    # Run again: nothing left to do.
    assert anonymise_expired_personal_data.apply_async(ignore_result=False).get(timeout=60) == {
        "applications": 0,
        "coalitions": 0,
        "emails": 0,
        "others": {"correction_proposals": 0},
    }


def test_the_retention_period_comes_from_settings(coaching_page, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    application = coaching_application_create(
        page=coaching_page, language="nl", **application_fields()
    ).application
    age(CoachingApplication.objects.all(), days=31)

    assert personal_data_anonymise_expired().applications == 1
    assert CoachingApplication.objects.get(pk=application.pk).contact_name == ""


def test_an_anonymised_waitlisted_application_is_never_promoted(full_page):
    stale, next_waiting = full_page[7], full_page[8]
    age(CoachingApplication.objects.filter(pk=stale.pk), days=800)
    personal_data_anonymise_expired()
    assert coaching_waitlist_position(application=next_waiting) == 1

    coaching_application_decide(application_id=full_page[0].pk, decision="decline")

    assert CoachingApplication.objects.get(pk=stale.pk).status == "waitlisted"
    assert CoachingApplication.objects.get(pk=next_waiting.pk).status == "received"


def test_a_decision_on_an_anonymised_application_mails_nobody(full_page):
    """Found by the stateful test: accepting a holder past the retention period
    queued a mail to its wiped address."""
    holder = full_page[0]
    age(CoachingApplication.objects.filter(pk=holder.pk), days=800)
    personal_data_anonymise_expired()

    coaching_application_decide(application_id=holder.pk, decision="accept")

    assert CoachingApplication.objects.get(pk=holder.pk).status == "accepted"
    assert not OutboxEmail.objects.filter(application=holder).exists()
    assert not OutboxEmail.objects.filter(recipient__endswith="@anonymised.invalid").exists()


def test_the_beat_schedule_runs_the_anonymisation_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["coalitions-anonymise-expired-personal-data"]

    assert entry["task"] == anonymise_expired_personal_data.name
    assert entry["schedule"] == 24 * 3600


# --- Export and erasure ---------------------------------------------------


@pytest.fixture
def full_page(coaching_page) -> list[CoachingApplication]:
    """Seven applications holding the slots, two on the waitlist, each from its own address."""
    return [
        coaching_application_create(
            page=coaching_page, language="nl", **application_fields()
        ).application
        for _ in range(coaching_page.capacity + 2)
    ]


def test_the_coaching_group_exports_one_persons_data(
    client, django_user_model, full_page, coalition_page
):
    person = full_page[0].email
    coalition_register(page=coalition_page, language="nl", **coalition_fields(email=person.upper()))
    client = user_in("ORBIT coaching", django_user_model, client)

    page = client.post(PERSONAL_DATA, {"email": person, "action": "find"})
    export = client.post(PERSONAL_DATA, {"email": person, "action": "export"})

    assert page.status_code == 200
    assert full_page[0].municipality_name in page.text
    # The address travels in POST bodies only, never in a link.
    assert "?email=" not in page.text
    assert export["Content-Disposition"] == 'attachment; filename="personal-data.json"'
    data = json.loads(export.content)
    assert [a["municipality_name"] for a in data["coaching_applications"]] == [
        full_page[0].municipality_name
    ]
    assert data["coaching_applications"][0]["motivation"] == full_page[0].motivation
    assert data["coaching_applications"][0]["privacy_consented_at"]
    assert [c["email"] for c in data["coalitions"]] == [person.upper()]
    # Two emails about the application, two about the coalition (coordinator, confirmation).
    assert len(data["emails"]) == 4
    assert full_page[1].email not in export.content.decode()


def test_erasing_a_slot_holder_promotes_the_waitlist(client, django_user_model, full_page):
    holder, first_waiting = full_page[0], full_page[7]
    slot = holder.slot_id
    client = user_in("ORBIT coaching", django_user_model, client)

    erase = {"email": holder.email, "action": "erase"}
    unconfirmed = client.post(PERSONAL_DATA, erase)
    assert unconfirmed.status_code == 400
    assert CoachingApplication.objects.filter(pk=holder.pk).exists()

    response = client.post(PERSONAL_DATA, {**erase, "confirm": "on"}, follow=True)

    assert response.status_code == 200
    assert not CoachingApplication.objects.filter(pk=holder.pk).exists()
    assert not OutboxEmail.objects.filter(recipient=holder.email).exists()
    assert not OutboxEmail.objects.filter(reply_to=holder.email).exists()
    promoted = CoachingApplication.objects.get(pk=first_waiting.pk)
    assert (promoted.status, promoted.slot_id) == (CoachingApplication.Status.RECEIVED, slot)
    assert OutboxEmail.objects.filter(
        recipient=promoted.email, kind=OutboxEmail.Kind.COACHING_DECISION
    ).exists()
    assert (
        CoachingApplication.objects.filter(status__in=CoachingApplication.HOLDING_STATUSES).count()
        == 7
    )


def test_erasure_counts_what_it_deleted(full_page, coalition_page):
    person = full_page[2].email
    coaching_application_decide(application_id=full_page[2].pk, decision="accept")
    coalition_register(page=coalition_page, language="nl", **coalition_fields(email=person))

    deleted = personal_data_erase(email=person)

    # Application: coordinator + confirmation + acceptance; coalition: coordinator
    # + confirmation.
    assert (deleted.applications, deleted.coalitions, deleted.emails) == (1, 1, 5)
    assert personal_data_erase(email=person).applications == 0


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_ordinary_editors_cannot_see_export_or_erase(client, django_user_model, full_page, group):
    person = full_page[0].email
    client = user_in(group, django_user_model, client)

    assert refused(client.get(PERSONAL_DATA))
    for action in ("find", "export"):
        assert refused(client.post(PERSONAL_DATA, {"email": person, "action": action}))
    erase = {"email": person, "action": "erase", "confirm": "on"}
    assert refused(client.post(PERSONAL_DATA, erase))
    assert CoachingApplication.objects.filter(pk=full_page[0].pk).exists()
    assert PERSONAL_DATA not in client.get("/admin/").text


def test_the_coaching_group_sees_the_menu_item(client, django_user_model, coaching_page):
    client = user_in("ORBIT coaching", django_user_model, client)

    assert PERSONAL_DATA in [url for _menu, url in menu_links(client.get("/admin/"))]


def test_the_generic_delete_view_is_closed_to_superusers_too(admin_client, full_page):
    # Deleting from the listing would skip the waitlist promotion.
    response = admin_client.post(f"/admin/coaching_applications/delete/{full_page[0].pk}/")

    assert response.status_code in (302, 403, 404)
    assert CoachingApplication.objects.filter(pk=full_page[0].pk).exists()


def test_the_coordinators_own_address_finds_only_what_is_about_them(full_page, coalition_page):
    """The coordinator receives a notification about every applicant: those are
    the applicants' data, not the coordinator's, and stay until sent."""
    coordinator = full_page[0].emails.get(kind=OutboxEmail.Kind.COACHING_COORDINATOR).recipient
    own = coalition_register(
        page=coalition_page, language="nl", **coalition_fields(email=coordinator.upper())
    ).coalition

    export = personal_data_export(email=coordinator)

    assert [c["id"] for c in export["coalitions"]] == [own.pk]
    # Their own sign-up's notification and confirmation; not the applicants'
    # confirmations, whose reply-to is the coordinator's address.
    assert [e["coalition_id"] for e in export["emails"]] == [own.pk, own.pk]
    assert personal_data_erase(email=coordinator) == PersonalDataCount(
        applications=0, coalitions=1, emails=2, others={"correction_proposals": 0}
    )
    notifications = OutboxEmail.objects.filter(kind=OutboxEmail.Kind.COACHING_COORDINATOR)
    assert notifications.count() == len(full_page)
    assert set(notifications.values_list("status", flat=True)) == {OutboxEmail.Status.PENDING}


def test_an_erasure_that_frees_a_slot_refreshes_the_cached_home_page(
    client, coaching_page, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    caches[PAGE_CACHE_ALIAS].clear()
    holders = [
        coaching_application_create(
            page=coaching_page, language="nl", **application_fields()
        ).application
        for _ in range(3)
    ]
    assert _slots_shown(client.get("/nl/")) == ["4"]

    with django_capture_on_commit_callbacks(execute=True):
        personal_data_erase(email=holders[0].email)

    home = client.get("/nl/")
    caches[PAGE_CACHE_ALIAS].clear()
    assert _slots_shown(home) == ["5"]
