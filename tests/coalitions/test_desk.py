"""The coordinator's desk: an application's own page with the decisions that
apply, a confirmation that says what will happen before it happens, a message
that says what happened, and the filters and search of the listings."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from wagtail.users.models import UserProfile

from coalitions.models import CoachingApplication, CoachingPage, Coalition
from coalitions.selectors.coaching import coaching_decision_preview
from coalitions.services.coaching import coaching_application_create, coaching_application_decide
from coalitions.services.coalitions import coalition_register
from tests.admin_screens import screen_title
from tests.markup import soup, text_of

from .conftest import application_fields, coalition_fields

pytestmark = pytest.mark.django_db
APPLICATIONS = "/admin/coaching_applications/"
TOWNS = ["Aalst", "Brugge", "Gent", "Hasselt", "Ieper", "Leuven", "Mechelen", "Kortrijk", "Ronse"]


@pytest.fixture
def desk(client, django_user_model):
    """A coordinator of the "ORBIT coaching" group whose admin speaks English."""
    user = django_user_model.objects.create_user(username="coordinator", password="x" * 12)
    user.groups.add(Group.objects.get(name="ORBIT coaching"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def towns(coaching_page) -> dict[str, CoachingApplication]:
    """Seven towns hold the seven slots (Gent slot 3); Kortrijk and Ronse wait."""
    return {
        town: coaching_application_create(
            page=coaching_page, language="nl", **application_fields(municipality_name=town)
        ).application
        for town in TOWNS
    }


def _links(response) -> set[str]:
    return {a["href"] for a in soup(response).find_all("a", href=True)}


def _title(response) -> str:
    """The document's <title>, Wagtail's "… - Wagtail" suffix included."""
    return text_of(soup(response).title)


def flashed(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_the_application_page_shows_everything_about_it(desk, towns):
    gent = towns["Gent"]

    page = desk.get(f"{APPLICATIONS}inspect/{gent.pk}/")
    text = text_of(page)

    assert _title(page).startswith("Gent")
    assert "Slot 3 of 7" in text
    for shown in (gent.contact_name, gent.email, gent.phone, gent.motivation, gent.coalition_name):
        assert shown in text
    # The emails written about it, with their delivery state.
    assert "coaching application to the coordinator" in text
    assert f"{gent.email} pending" in text.replace("coaching confirmation ", "")
    assert "Submitted through the public form" in text
    for decision in ("accept", "decline", "withdraw", "spam"):
        assert f"{APPLICATIONS}decide/{gent.pk}/{decision}/" in _links(page)


def test_a_waitlisted_application_shows_its_position(desk, towns):
    page = desk.get(f"{APPLICATIONS}inspect/{towns['Ronse'].pk}/")

    assert "Number 2 on the waitlist" in text_of(page)
    assert f"{APPLICATIONS}decide/{towns['Ronse'].pk}/accept/" not in _links(page)


def test_the_confirmation_names_the_application_and_says_what_will_happen(desk, towns):
    gent, kortrijk = towns["Gent"], towns["Kortrijk"]

    confirm = desk.get(f"{APPLICATIONS}decide/{gent.pk}/decline/")
    text = text_of(confirm)

    assert _title(confirm).startswith("Decline: Gent")
    assert screen_title(confirm.content.decode()) == "Decline: Gent"
    assert "Gent gets a decline email." in text
    assert "Slot 3 goes to Kortrijk, first on the waitlist, who gets an email." in text
    gent.refresh_from_db()
    assert gent.status == "received"  # nothing happened yet

    done = desk.post(f"{APPLICATIONS}decide/{gent.pk}/decline/")

    assert done["Location"] == f"{APPLICATIONS}inspect/{gent.pk}/"
    message = flashed(done)
    assert "Gent is now declined." in message
    assert "Kortrijk moved up from the waitlist to slot 3 and gets an email." in message
    kortrijk.refresh_from_db()
    assert (kortrijk.status, kortrijk.slot_number) == ("received", 3)
    history = text_of(desk.get(f"{APPLICATIONS}inspect/{kortrijk.pk}/"))
    assert "Moved up from the waitlist to slot 3 after a decision on Gent" in history
    assert "Decision: Decline" in text_of(desk.get(f"{APPLICATIONS}inspect/{gent.pk}/"))


def test_the_confirmation_in_dutch(desk, towns):
    profile = UserProfile.objects.get(user__username="coordinator")
    profile.preferred_language = "nl"
    profile.save()

    text = text_of(desk.get(f"{APPLICATIONS}decide/{towns['Gent'].pk}/decline/"))

    assert "Gent krijgt een e-mail met de weigering." in text
    assert "Plaats 3 gaat naar Kortrijk, eerste op de wachtlijst, die een e-mail krijgt." in text


def test_leaving_the_waitlist_moves_the_others_up(desk, towns):
    text = text_of(desk.get(f"{APPLICATIONS}decide/{towns['Kortrijk'].pk}/withdraw/"))

    assert "Kortrijk gets an email confirming that its application is withdrawn." in text
    assert "The application behind it on the waitlist moves up one place." in text


def test_a_slot_above_a_lowered_capacity_goes_to_nobody(desk, towns, coaching_page):
    coaching_page.capacity = 5
    coaching_page.save()

    text = text_of(desk.get(f"{APPLICATIONS}decide/{towns['Leuven'].pk}/spam/"))

    assert "Leuven is marked as spam and gets no email" in text
    assert "Slot 6 is above the capacity of 5, so nobody takes it." in text
    assert "Kortrijk" not in text


@pytest.mark.parametrize(
    ("town", "decision"),
    [
        ("Gent", "decline"),
        ("Gent", "withdraw"),
        ("Gent", "spam"),
        ("Gent", "accept"),
        ("Kortrijk", "decline"),
        ("Ronse", "spam"),
    ],
)
@pytest.mark.parametrize("capacity", [7, 5], ids=["capacity-7", "capacity-cut-to-5"])
def test_the_preview_foresees_what_the_service_does(towns, coaching_page, town, decision, capacity):
    # A cut below the seven holders leaves them their places (set without a
    # publish, which would apply it at once): nobody moves up then.
    CoachingPage.objects.filter(pk=coaching_page.pk).update(capacity=capacity)
    application = CoachingApplication.objects.get(pk=towns[town].pk)
    preview = coaching_decision_preview(application=application, decision=decision)
    waitlisted = set(
        CoachingApplication.objects.filter(status="waitlisted").values_list("pk", flat=True)
    )

    coaching_application_decide(application_id=application.pk, decision=decision)

    promoted = CoachingApplication.objects.filter(pk__in=waitlisted, slot__isnull=False)
    assert {(a.pk, a.slot_number) for a in promoted} == {
        (p.application.pk, p.slot_number) for p in preview.promotions
    }
    application.refresh_from_db()
    assert application.status == preview.status


def test_filters_and_a_search_that_finds_a_town(desk, towns, coaching_page):
    coaching_application_create(
        page=coaching_page, language="fr", **application_fields(municipality_name="Liège")
    )

    found = text_of(desk.get(APPLICATIONS, {"q": "kortr"}))
    french = text_of(desk.get(APPLICATIONS, {"language": "fr"}))
    waiting = text_of(desk.get(APPLICATIONS, {"status": "waitlisted"}))

    assert "Kortrijk" in found and "Gent" not in found
    assert "Liège" in french and "Gent" not in french
    assert "Ronse" in waiting and "Gent" not in waiting


def test_the_listing_opens_the_applications_own_page(desk, towns):
    listing = desk.get(APPLICATIONS)

    assert f"{APPLICATIONS}inspect/{towns['Gent'].pk}/" in _links(listing)


def test_a_coalitions_page_and_its_decisions(desk, coalition_page):
    coalition = coalition_register(
        page=coalition_page,
        language="nl",
        **coalition_fields(name="Samen Gent", municipality_name="Gent"),
    ).coalition

    page = text_of(desk.get(f"/admin/coalitions/inspect/{coalition.pk}/"))
    confirm = desk.get(f"/admin/coalitions/decide/{coalition.pk}/list/")
    done = desk.post(f"/admin/coalitions/decide/{coalition.pk}/list/")

    assert "coalition sign-up to the coordinator" in page
    assert _title(confirm).startswith("List publicly: Samen Gent (Gent)")
    assert "Samen Gent appears on the public list of coalitions, under Gent." in text_of(confirm)
    assert "No email is sent to the coalition." in text_of(confirm)
    assert "Samen Gent (Gent) is now listed." in flashed(done)
    coalition.refresh_from_db()
    assert coalition.status == Coalition.Status.LISTED
    hide = text_of(desk.get(f"/admin/coalitions/decide/{coalition.pk}/hide/"))
    assert "Samen Gent disappears from the public list of coalitions." in hide


def test_the_application_page_names_its_fields_in_dutch(desk, towns):
    profile = UserProfile.objects.get(user__username="coordinator")
    profile.preferred_language = "nl"
    profile.save()

    page = soup(desk.get(f"{APPLICATIONS}inspect/{towns['Gent'].pk}/"))
    labels = {text_of(label) for label in page.find_all("dt")}

    assert "Coachingpagina" in labels
    assert "Page" not in labels
