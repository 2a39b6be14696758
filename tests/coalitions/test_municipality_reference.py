"""The forms take the municipality from the reference list ("Gent", "gent",
"Gand" and "9000" are one town), the one-application-per-town rule keys on it,
existing rows are matched by a data migration, and editors find the rows it
could not match."""

import pytest
from bs4 import BeautifulSoup
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from coalitions.models import CoachingApplication, CoachingPage, Coalition
from coalitions.selectors.municipality_keys import municipality_key
from coalitions.services.coaching import coaching_application_create
from coalitions.services.coalitions import coalition_register
from municipalities.models import Municipality
from municipalities.services import municipalities_load

from .conftest import (
    application_data,
    application_fields,
    coalition_data,
    coalition_fields,
    translation,
)

pytestmark = pytest.mark.django_db
GENT = "44021"


@pytest.fixture
def gent(reference_data, db) -> Municipality:
    return Municipality.objects.get(nis_code=GENT)


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("nl", "Gent"),
        ("nl", "gent"),
        ("nl", "Gand"),
        ("fr", "GAND"),
        ("fr", "Gént"),
        ("en", "9000"),
        ("fr", "9000 gand"),
    ],
)
def test_the_coaching_form_takes_any_spelling_of_a_town(
    client, coaching_page, gent, language, typed
):
    page = translation(coaching_page, language)

    response = client.post(page.url, application_data(municipality=typed))

    assert response.status_code == 302
    application = CoachingApplication.objects.get()
    assert application.municipality == gent
    # The name stored and mailed is the official one, in the visitor's language.
    assert application.municipality_name == {"nl": "Gent", "fr": "Gand", "en": "Gent"}[language]


def test_every_spelling_of_a_town_is_one_application(client, coaching_pages, gent):
    for language, typed in [("nl", "Gent"), ("fr", "Gand"), ("en", "9000"), ("nl", "gent ")]:
        assert client.post(coaching_pages[language].url, application_data(municipality=typed))

    assert CoachingApplication.objects.get().municipality == gent


def test_the_coalition_form_takes_the_town_from_the_list(client, coalition_page, gent):
    page = translation(coalition_page, "fr")

    response = client.post(page.url, coalition_data(municipality="gand"))

    assert response.status_code == 302
    coalition = Coalition.objects.get()
    assert (coalition.municipality, coalition.municipality_name) == (gent, "Gand")


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nl", "We kennen de gemeente “Atlantis” niet. Typ de naam van een Belgische gemeente"),
        ("fr", "Nous ne connaissons pas la commune « Atlantis ». Tapez le nom d\u2019une commune"),
        ("en", "We do not know the municipality “Atlantis”. Type the name of a Belgian"),
    ],
)
def test_an_unknown_town_says_what_to_type_in_the_visitors_language(
    client, coaching_page, coalition_page, language, message
):
    for form_page in (coaching_page, coalition_page):
        page = translation(form_page, language)
        data = application_data if form_page is coaching_page else coalition_data

        response = client.post(page.url, data(municipality="Atlantis"))

        assert response.status_code == 400
        error = BeautifulSoup(response.content, "html.parser").select_one("#id_municipality_error")
        assert error is not None and message in error.get_text()
    assert not CoachingApplication.objects.exists()
    assert not Coalition.objects.exists()


@pytest.mark.parametrize(("language", "name"), [("nl", "Gent"), ("fr", "Gand")])
def test_the_form_suggests_the_towns_in_the_page_language(client, coaching_page, language, name):
    page = translation(coaching_page, language)
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")

    field = soup.select_one("form.public-form input#id_municipality")
    suggestions = soup.select_one(f"datalist#{field['list']}")
    names = {option["value"] for option in suggestions.select("option")}
    assert name in names
    assert len(names) == Municipality.objects.filter(is_current=True).count()


def test_the_service_finds_the_town_by_its_reference_not_its_spelling(coaching_page, gent):
    first = coaching_application_create(
        page=coaching_page,
        language="nl",
        **application_fields(municipality_name="Gent", municipality=gent),
    )
    again = coaching_application_create(
        page=coaching_page,
        language="fr",
        **application_fields(municipality_name="Gand", municipality=gent),
    )

    assert again.created is False
    assert again.application == first.application


def test_the_database_refuses_a_second_application_for_a_listed_town(coaching_page, gent):
    application = coaching_application_create(
        page=coaching_page,
        language="nl",
        **application_fields(municipality_name="Gent", municipality=gent),
    ).application
    other = coaching_application_create(
        page=coaching_page, language="nl", **application_fields()
    ).application

    with pytest.raises(IntegrityError), transaction.atomic():
        CoachingApplication.objects.filter(pk=other.pk).update(municipality=gent)

    # Spam does not count: a bot that used the town's name keeps nobody out.
    CoachingApplication.objects.filter(pk=application.pk).update(status="spam", slot=None)
    CoachingApplication.objects.filter(pk=other.pk).update(municipality=gent)
    assert CoachingApplication.objects.get(pk=other.pk).municipality == gent


def test_loading_the_list_matches_the_rows_typed_before_it(coaching_page, coalition_page, gent):
    """A fresh install migrates before it loads the municipalities: the rows
    the migration could not match yet are matched once the list is loaded."""
    typed = coaching_application_create(
        page=coaching_page, language="fr", **application_fields(municipality_name="Gand")
    ).application
    unknown = coaching_application_create(
        page=coaching_page, language="nl", **application_fields(municipality_name="Atlantis")
    ).application

    contradicting = coaching_application_create(
        page=coaching_page, language="nl", **application_fields(municipality_name="9000 Antwerpen")
    ).application
    coalition = coalition_register(
        page=coalition_page, language="fr", **coalition_fields(municipality_name="1000 Gand")
    ).coalition
    part_of_town = coalition_register(
        page=coalition_page, language="nl", **coalition_fields(municipality_name="9050 Gentbrugge")
    ).coalition

    municipalities_load()

    typed.refresh_from_db()
    unknown.refresh_from_db()
    contradicting.refresh_from_db()
    coalition.refresh_from_db()
    assert (typed.municipality, typed.municipality_name) == (gent, "Gand")
    assert (unknown.municipality, unknown.municipality_name) == (None, "Atlantis")
    # A postal code and a name of two towns: neither is guessed, editors decide.
    assert (contradicting.municipality, contradicting.municipality_name) == (None, "9000 Antwerpen")
    assert (coalition.municipality, coalition.municipality_name) == (None, "1000 Gand")
    # A part of a town is no municipality's name: the postal code decides.
    part_of_town.refresh_from_db()
    assert part_of_town.municipality == gent


# --- The data migration --------------------------------------------------

BEFORE = [("coalitions", "0016_municipality_reference")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_matches_existing_rows_and_keeps_the_others(live_coaching_page):
    """Rows stored as typed before the forms asked for a listed town: names in
    both languages, postal codes, case and accents; an unknown name, a postal
    code two towns share, and a second spelling of a town that already has an
    application on the page stay unmatched, with their text, for editors."""
    page_id = live_coaching_page.pk
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        application = old.get_model("coalitions", "CoachingApplication")
        coalition = old.get_model("coalitions", "Coalition")
        typed_applications = [
            ("Gent", "waitlisted"),
            ("Liège", "waitlisted"),
            ("sint niklaas", "declined"),
            ("9000", "spam"),  # spam does not count: matched too
            ("GAND", "waitlisted"),  # a second application for Gent
            ("Gentbrugge", "waitlisted"),  # a part of Gent, not a municipality
            ("1040", "waitlisted"),  # Brussels and Etterbeek
        ]
        for number, (typed, status) in enumerate(typed_applications):
            application.objects.create(
                page_id=page_id,
                municipality=typed,
                municipality_key=municipality_key(municipality=typed),
                coalition_name=f"Coalitie {number}",
                contact_name="Contact",
                email=f"contact{number}@example.org",
                motivation="Waarom",
                language="nl",
                status=status,
            )
        for number, typed in enumerate(["gand", "BRUGES", "Atlantis"]):
            coalition.objects.create(
                municipality=typed,
                municipality_key=municipality_key(municipality=typed),
                name=f"Coalitie {number}",
                contact_name="Contact",
                email=f"coalitie{number}@example.org",
                language="fr",
            )
    finally:
        executor = MigrationExecutor(connection)
        # To the latest state: the queries below use today's models.
        executor.migrate(executor.loader.graph.leaf_nodes())

    matched = dict(
        CoachingApplication.objects.values_list("municipality_name", "municipality__nis_code")
    )
    assert matched == {
        "Gent": GENT,
        "Liège": "62063",
        "sint niklaas": "46021",
        "9000": GENT,
        "GAND": None,
        "Gentbrugge": None,
        "1040": None,
    }
    coalitions = dict(Coalition.objects.values_list("municipality_name", "municipality__nis_code"))
    assert coalitions == {"gand": GENT, "BRUGES": "31005", "Atlantis": None}
    # The rule holds from here on: a new application for Gent finds the old one.
    gent = Municipality.objects.get(nis_code=GENT)
    outcome = coaching_application_create(
        page=CoachingPage.objects.get(pk=page_id),
        language="fr",
        **application_fields(municipality_name="Gand", municipality=gent),
    )
    assert (outcome.created, outcome.application.municipality_name) == (False, "Gent")
