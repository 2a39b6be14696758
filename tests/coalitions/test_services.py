import unicodedata
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps.registry import Apps
from django.db import IntegrityError, connection, models, transaction
from django.db.migrations.loader import MigrationLoader

from coalitions.exceptions import DecisionNotAllowed
from coalitions.models import CoachingApplication, CoachingSlot, Coalition, OutboxEmail
from coalitions.selectors.coaching import coaching_slot_usage
from coalitions.selectors.coalitions import coalitions_listed_by_municipality
from coalitions.services.coaching import coaching_application_create, coaching_application_decide
from coalitions.services.coalitions import coalition_decide, coalition_register

from .conftest import application_fields, coalition_fields

pytestmark = pytest.mark.django_db
Status = CoachingApplication.Status


def apply(page, language="nl", **overrides):
    return coaching_application_create(
        page=page, language=language, **application_fields(**overrides)
    )


def test_first_applications_take_slots_in_order_then_the_waitlist(coaching_page):
    outcomes = [apply(coaching_page) for _ in range(9)]

    assert [o.application.slot_number for o in outcomes[:7]] == [1, 2, 3, 4, 5, 6, 7]
    assert all(o.application.status == Status.RECEIVED for o in outcomes[:7])
    assert [(o.application.status, o.waitlist_position) for o in outcomes[7:]] == [
        (Status.WAITLISTED, 1),
        (Status.WAITLISTED, 2),
    ]
    usage = coaching_slot_usage(page=coaching_page)
    assert (usage.held, usage.open, usage.waitlisted) == (7, 0, 2)


def test_each_application_queues_a_mail_to_the_coordinator_and_a_confirmation(coaching_page):
    application = apply(coaching_page, language="fr", email="mairie@example.org").application

    emails = {email.kind: email for email in application.emails.all()}
    coordinator = emails[OutboxEmail.Kind.COACHING_COORDINATOR]
    confirmation = emails[OutboxEmail.Kind.COACHING_CONFIRMATION]
    assert (coordinator.recipient, coordinator.reply_to, coordinator.language) == (
        "amos@orbitvzw.be",
        "mairie@example.org",
        "nl",
    )
    assert "plaats 1 van 7" in coordinator.subject
    assert application.motivation in coordinator.body
    assert (confirmation.recipient, confirmation.language) == ("mairie@example.org", "fr")
    assert "place 1 sur 7" in confirmation.body
    assert coordinator.message_id != confirmation.message_id


def test_coordinator_address_comes_from_site_settings(coaching_page):
    from core.models import SiteSettings

    site_settings = SiteSettings.for_site(coaching_page.get_site())
    site_settings.coaching_notify_email = "coaching@example.org"
    site_settings.save()

    application = apply(coaching_page).application

    assert application.emails.get(kind="coaching_coordinator").recipient == "coaching@example.org"


def test_a_repeated_submit_returns_the_existing_application(coaching_page):
    first = apply(coaching_page, municipality_name="Sint-Niklaas", email="a@example.org")
    again = apply(coaching_page, municipality_name="  sint-niklaas ", email="a@example.org")

    assert again.created is False
    assert again.application == first.application
    assert CoachingApplication.objects.count() == 1
    assert OutboxEmail.objects.count() == 2


def test_translations_share_the_capacity_and_the_applications(coaching_pages):
    for language in ("nl", "fr", "en", "fr", "en", "nl", "en", "fr"):
        apply(coaching_pages[language], language=language)

    assert set(CoachingApplication.objects.values_list("page", flat=True)) == {
        coaching_pages["nl"].pk
    }
    assert CoachingApplication.objects.filter(slot__isnull=False).count() == 7
    assert list(
        CoachingApplication.objects.filter(slot__isnull=False)
        .values_list("language", flat=True)
        .distinct()
        .order_by("language")
    ) == ["en", "fr", "nl"]
    for page in coaching_pages.values():
        usage = coaching_slot_usage(page=page)
        assert (usage.capacity, usage.open, usage.waitlisted) == (7, 0, 1)


def test_declining_frees_the_slot_for_the_oldest_waitlisted_and_tells_both(coaching_page):
    holders = [apply(coaching_page).application for _ in range(7)]
    younger, oldest = apply(coaching_page).application, apply(coaching_page).application
    # Saved last, applied first: the waitlist goes by submission time, not by row.
    CoachingApplication.objects.filter(pk=oldest.pk).update(
        submitted_at=younger.submitted_at - timedelta(minutes=1)
    )

    coaching_application_decide(application_id=holders[2].pk, decision="decline")

    oldest.refresh_from_db()
    younger.refresh_from_db()
    holders[2].refresh_from_db()
    assert (holders[2].status, holders[2].slot) == (Status.DECLINED, None)
    assert (oldest.status, oldest.slot_number) == (Status.RECEIVED, 3)
    assert younger.status == Status.WAITLISTED
    assert holders[2].emails.filter(kind="coaching_decision").count() == 1
    promotion = oldest.emails.get(kind="coaching_decision")
    assert "plaats 3" in promotion.body


def test_accept_keeps_the_slot_and_mails_the_applicant(coaching_page):
    application = apply(coaching_page, language="en").application

    coaching_application_decide(application_id=application.pk, decision="accept")

    application.refresh_from_db()
    assert (application.status, application.slot_number) == (Status.ACCEPTED, 1)
    decision = application.emails.get(kind="coaching_decision")
    assert decision.language == "en"
    assert "has been accepted" in decision.subject


def test_a_decision_that_does_not_apply_is_refused(coaching_page):
    application = apply(coaching_page).application
    coaching_application_decide(application_id=application.pk, decision="withdraw")

    with pytest.raises(DecisionNotAllowed):
        coaching_application_decide(application_id=application.pk, decision="accept")


def test_spam_frees_the_slot_and_sends_nothing_more(coaching_page):
    spam = apply(coaching_page).application
    holders = [apply(coaching_page).application for _ in range(6)]
    waiting = apply(coaching_page).application

    coaching_application_decide(application_id=spam.pk, decision="spam")

    spam.refresh_from_db()
    waiting.refresh_from_db()
    assert (spam.status, spam.slot) == (Status.SPAM, None)
    assert set(spam.emails.values_list("status", flat=True)) == {OutboxEmail.Status.CANCELLED}
    assert not spam.emails.filter(kind="coaching_decision").exists()
    assert waiting.slot_number == 1
    assert [CoachingApplication.objects.get(pk=h.pk).slot_number for h in holders] == [
        2, 3, 4, 5, 6, 7,
    ]  # fmt: skip


def publish_capacity(page, capacity: int) -> None:
    """An editor sets the number of slots and publishes the page."""
    page.capacity = capacity
    page.save_revision().publish()


def test_raising_the_capacity_promotes_the_oldest_waitlisted_on_publish(coaching_page):
    for _ in range(7):
        apply(coaching_page)
    waiting = [apply(coaching_page).application for _ in range(3)]
    # The last one to be saved applied first (the waitlist goes by submission time).
    CoachingApplication.objects.filter(pk=waiting[2].pk).update(
        submitted_at=waiting[0].submitted_at - timedelta(minutes=1)
    )

    publish_capacity(coaching_page, 9)

    promoted = CoachingApplication.objects.filter(slot__number__in=[8, 9]).order_by("slot__number")
    assert [a.pk for a in promoted] == [waiting[2].pk, waiting[0].pk]
    assert {a.status for a in promoted} == {Status.RECEIVED}
    for application in promoted:
        mail = application.emails.get(kind="coaching_decision")
        assert mail.recipient == application.email
        assert f"plaats {application.slot_number}" in mail.body
    assert CoachingApplication.objects.get(pk=waiting[1].pk).status == Status.WAITLISTED
    newcomer = apply(coaching_page).application
    assert newcomer.status == Status.WAITLISTED


def test_only_the_dutch_capacity_counts_when_a_translation_is_published(coaching_pages):
    for _ in range(8):
        apply(coaching_pages["nl"])
    waiting = CoachingApplication.objects.get(status=Status.WAITLISTED)

    publish_capacity(coaching_pages["fr"], 9)

    assert CoachingApplication.objects.get(pk=waiting.pk).status == Status.WAITLISTED
    assert CoachingSlot.objects.filter(page=coaching_pages["nl"]).count() == 7

    publish_capacity(coaching_pages["nl"], 8)
    coaching_pages["en"].save_revision().publish()

    assert CoachingApplication.objects.get(pk=waiting.pk).slot_number == 8
    assert CoachingSlot.objects.filter(page=coaching_pages["nl"]).count() == 8


def test_lowering_the_capacity_evicts_nobody_and_frees_slots_for_good(coaching_page):
    holders = [apply(coaching_page).application for _ in range(7)]
    coaching_page.capacity = 5
    coaching_page.save_revision().publish()
    waiting = apply(coaching_page).application
    assert waiting.status == Status.WAITLISTED

    coaching_application_decide(application_id=holders[6].pk, decision="withdraw")

    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED
    assert not CoachingSlot.objects.filter(number__gt=5, holder__isnull=True).exists()


def test_a_slot_freed_under_a_lowered_capacity_stays_empty_while_holders_fill_it(coaching_page):
    holders = [apply(coaching_page).application for _ in range(7)]
    publish_capacity(coaching_page, 5)
    waiting = apply(coaching_page).application

    # Slot 3 is free and within the five, but six towns still hold a place.
    coaching_application_decide(application_id=holders[2].pk, decision="decline")
    late = apply(coaching_page).application
    coaching_application_decide(application_id=holders[3].pk, decision="withdraw")

    assert CoachingApplication.objects.get(pk=waiting.pk).status == Status.WAITLISTED
    assert late.status == Status.WAITLISTED
    assert CoachingApplication.objects.filter(slot__isnull=False).count() == 5

    coaching_application_decide(application_id=holders[0].pk, decision="withdraw")

    assert CoachingApplication.objects.get(pk=waiting.pk).slot_number == 1
    assert CoachingApplication.objects.get(pk=late.pk).status == Status.WAITLISTED
    assert CoachingApplication.objects.filter(slot__isnull=False).count() == 5


def test_a_town_whose_application_was_spam_can_apply(coaching_page):
    spam = apply(coaching_page, municipality_name="Lier").application
    coaching_application_decide(application_id=spam.pk, decision="spam")

    real = apply(coaching_page, municipality_name="lier ")
    again = apply(coaching_page, municipality_name="LIER")

    assert real.created is True
    assert (real.application.status, real.application.slot_number) == (Status.RECEIVED, 1)
    assert (again.created, again.application) == (False, real.application)
    with pytest.raises(IntegrityError), transaction.atomic():
        CoachingApplication.objects.filter(pk=spam.pk).update(status=Status.WAITLISTED)


@pytest.mark.parametrize(
    "spelling",
    [
        unicodedata.normalize("NFD", "Liège"),  # e + combining grave accent
        "Li\u200bège",  # zero-width space
        "Sint\u00a0Niklaas",  # no-break space
        "SINT\u202fNIKLAAS",  # narrow no-break space
        "\ufeffLIÈGE",  # byte order mark
    ],
)
def test_unicode_spellings_of_one_town_are_one_town(coaching_page, spelling):
    first = apply(
        coaching_page, municipality_name=unicodedata.normalize("NFC", "Liège")
    ).application
    other = apply(coaching_page, municipality_name="Sint Niklaas").application

    again = apply(coaching_page, municipality_name=spelling)

    assert again.created is False
    assert again.application in (first, other)
    assert CoachingApplication.objects.count() == 2


def test_the_database_refuses_two_holders_for_one_slot(coaching_page):
    first = apply(coaching_page).application
    second = apply(coaching_page).application

    with pytest.raises(IntegrityError), transaction.atomic():
        CoachingApplication.objects.filter(pk=second.pk).update(slot=first.slot)


def test_the_database_refuses_a_slot_beyond_the_slot_rows(coaching_page):
    """Only slot rows 1..capacity exist; a holder needs one, so a write that
    skips the service cannot add an eighth holder."""
    for _ in range(7):
        apply(coaching_page)
    waiting = apply(coaching_page).application
    assert CoachingSlot.objects.filter(page=coaching_page).count() == 7

    with pytest.raises(IntegrityError), transaction.atomic():
        CoachingApplication.objects.filter(pk=waiting.pk).update(status=Status.RECEIVED)
    with pytest.raises(IntegrityError), transaction.atomic():
        CoachingSlot.objects.create(page=coaching_page, number=0)


def test_the_database_refuses_a_second_application_for_a_town(coaching_page):
    first = apply(coaching_page).application

    with pytest.raises(IntegrityError), transaction.atomic():
        CoachingApplication.objects.create(
            page=coaching_page,
            municipality_name=first.municipality_name.upper(),
            municipality_key=first.municipality_key,
            coalition_name="x",
            contact_name="x",
            email="x@example.org",
            motivation="x",
            language="nl",
            status=Status.WAITLISTED,
        )


def test_coalition_sign_up_mails_orbit_and_waits_for_an_editor(coalition_page):
    registration = coalition_register(page=coalition_page, language="fr", **coalition_fields())

    coalition = registration.coalition
    assert coalition.status == Coalition.Status.NEW
    email = coalition.emails.get(kind=OutboxEmail.Kind.COALITION_COORDINATOR)
    assert (email.recipient, email.reply_to, email.language) == (
        "amos@orbitvzw.be",
        coalition.email,
        "nl",
    )
    assert coalitions_listed_by_municipality() == []


def test_a_repeated_coalition_sign_up_is_recognised(coalition_page):
    data = coalition_fields()
    coalition_register(page=coalition_page, language="nl", **data)

    again = coalition_register(page=coalition_page, language="nl", **data)

    assert again.created is False
    assert Coalition.objects.count() == 1


def test_listed_coalitions_by_municipality_only_with_consent(coalition_page):
    gent_a = coalition_register(
        page=coalition_page, language="nl", **coalition_fields(municipality_name="Gent", name="B")
    )
    gent_b = coalition_register(
        page=coalition_page, language="nl", **coalition_fields(municipality_name="Gent", name="A")
    )
    shy = coalition_register(
        page=coalition_page, language="nl", **coalition_fields(listing_consent=False)
    )
    for registration in (gent_a, gent_b):
        coalition_decide(coalition_id=registration.coalition.pk, decision="list")

    with pytest.raises(DecisionNotAllowed):
        coalition_decide(coalition_id=shy.coalition.pk, decision="list")
    listed = coalitions_listed_by_municipality()
    assert [(town, [c.name for c in coalitions]) for town, coalitions in listed] == [
        ("Gent", ["A", "B"])
    ]


def test_coalition_spam_cancels_its_pending_mail(coalition_page):
    coalition = coalition_register(
        page=coalition_page, language="nl", **coalition_fields()
    ).coalition

    coalition_decide(coalition_id=coalition.pk, decision="spam")

    assert set(coalition.emails.values_list("status", flat=True)) == {OutboxEmail.Status.CANCELLED}


def _models_as_0007_knew_them() -> Apps:
    """Today's tables, with the typed name under the field name that migration
    0007 reads (`municipality`, now `municipality_name`): its function runs on
    the rows as they are stored today."""
    loader = MigrationLoader(connection)
    state = loader.project_state(loader.graph.leaf_nodes("coalitions")[0])
    for model in ("coachingapplication", "coalition"):
        fields = state.models["coalitions", model].fields
        fields["municipality"] = models.CharField(max_length=100, db_column="municipality_name")
    return state.apps


def test_the_key_migration_keeps_both_rows_when_two_stored_spellings_now_collide(
    coaching_page, coalition_page
):
    """Rows stored under the old keys (case and spaces only): two spellings of
    one town, and two sign-ups whose addresses differ only in case."""
    keys_recompute = import_module(
        "coalitions.migrations.0007_municipality_keys_normalised"
    ).keys_recompute
    nfc, nfd = "Liège", unicodedata.normalize("NFD", "Liège")
    first = apply(coaching_page, municipality_name=nfc).application
    later = apply(coaching_page, municipality_name="Mol").application
    CoachingApplication.objects.filter(pk=later.pk).update(
        municipality_name=nfd, municipality_key=nfd.casefold()
    )
    signup = coalition_register(
        page=coalition_page, language="nl", **coalition_fields(municipality_name="Gent")
    ).coalition
    twin = coalition_register(
        page=coalition_page, language="nl", **coalition_fields(email=signup.email.upper())
    ).coalition
    Coalition.objects.filter(pk=twin.pk).update(
        municipality_name="Gent\u200b", municipality_key="gent\u200b"
    )

    keys_recompute(_models_as_0007_knew_them(), None)

    keys = dict(CoachingApplication.objects.values_list("pk", "municipality_key"))
    assert keys == {first.pk: "liège", later.pk: f"liège\u2063{later.pk}"}
    coalition_keys = dict(Coalition.objects.values_list("pk", "municipality_key"))
    assert coalition_keys == {signup.pk: "gent", twin.pk: f"gent\u2063{twin.pk}"}
    assert apply(coaching_page, municipality_name=nfd).application == first
