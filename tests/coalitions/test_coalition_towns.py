"""A town named from the Dutch and the French form is one town: one group on
the public list, one sign-up for one contact."""

import pytest
from django.utils import translation

from coalitions.selectors.coalitions import coalitions_listed_by_municipality
from coalitions.selectors.municipality_keys import municipality_key
from coalitions.services.coalitions import coalition_decide, coalition_register

from .conftest import coalition_fields

pytestmark = pytest.mark.django_db


def test_sign_ups_from_both_forms_are_one_town_on_the_list(coalition_page, gent):
    for language, name in (("nl", "Gent"), ("fr", "Gand")):
        registration = coalition_register(
            page=coalition_page,
            language=language,
            **coalition_fields(municipality_name=name, municipality=gent),
        )
        coalition_decide(coalition_id=registration.coalition.pk, decision="list")

    with translation.override("fr"):
        towns = coalitions_listed_by_municipality()

    assert [(town, len(coalitions)) for town, coalitions in towns] == [("Gand", 2)]


def test_one_contact_signing_up_from_both_forms_is_one_sign_up(coalition_page, gent):
    data = coalition_fields(municipality_name="Gent", municipality=gent)
    first = coalition_register(page=coalition_page, language="nl", **data)
    again = coalition_register(
        page=coalition_page, language="fr", **{**data, "municipality_name": "Gand"}
    )

    assert first.created and not again.created
    assert again.coalition.pk == first.coalition.pk


def test_a_town_has_one_key_whichever_form_named_it(coalition_page, gent):
    # The key the database's one-sign-up-per-contact rule reads: the same for
    # "Gand", so two requests racing past the service's check still meet there.
    french = coalition_register(
        page=coalition_page,
        language="fr",
        **coalition_fields(municipality_name="Gand", municipality=gent),
    )

    assert french.coalition.municipality_key == municipality_key(municipality="Gent")
