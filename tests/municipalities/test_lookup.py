"""The municipality picker: names in both languages, postal codes, folded
case and accents, unknown names and shared postal codes."""

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.utils import translation

from municipalities.forms import MunicipalityField
from municipalities.selectors import municipality_lookup
from tests.markup import soup

pytestmark = pytest.mark.django_db


class TownForm(forms.Form):
    municipality = MunicipalityField()


@pytest.mark.parametrize(
    "typed", ["Gent", "gent", "  GENT ", "Gand", "gand", "9000", "9050", "9000 Gent", "9000 gand"]
)
def test_every_spelling_of_gent_is_one_town(gent, typed):
    assert municipality_lookup(text=typed) == [gent]
    form = TownForm({"municipality": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["municipality"] == gent


@pytest.mark.parametrize(
    ("typed", "nis_code"),
    [
        ("Liège", "62063"),
        ("liege", "62063"),
        ("LUIK", "62063"),
        ("Sint-Niklaas", "46021"),
        ("sint niklaas", "46021"),
        ("Bruges", "31005"),
        ("Écaussinnes", "55050"),
        ("ecaussinnes", "55050"),
    ],
)
def test_accents_hyphens_and_case_are_folded(reference_data, typed, nis_code):
    [found] = municipality_lookup(text=typed)
    assert found.nis_code == nis_code


def test_an_unknown_name_says_what_to_type(reference_data):
    for language, expected in [
        ("nl", "postcode van vier cijfers"),
        ("fr", "code postal à quatre chiffres"),
        ("en", "four-digit postal code"),
    ]:
        with translation.override(language):
            form = TownForm({"municipality": "Gotham"})
            assert not form.is_valid()
            [error] = form.errors["municipality"]
            assert "Gotham" in error
            assert expected in error


def test_a_shared_postal_code_lists_its_municipalities(reference_data):
    with translation.override("fr"):
        form = TownForm({"municipality": "1040"})
        assert not form.is_valid()
        [error] = form.errors["municipality"]
    assert "Bruxelles" in error and "Etterbeek" in error
    # With the name the code is no longer ambiguous.
    assert [m.name_nl for m in municipality_lookup(text="1040 Etterbeek")] == ["Etterbeek"]


@pytest.mark.parametrize(
    ("typed", "name_nl"),
    [
        ("9000 Gent", "Gent"),
        ("9000 Gand", "Gent"),
        ("1000 Brussel", "Brussel"),
        ("1000 Bruxelles", "Brussel"),
        # A part of a town is no municipality: its postal code decides.
        ("9050 Gentbrugge", "Gent"),
        ("2060 Antwerpen-Noord", "Antwerpen"),
    ],
)
def test_a_postal_code_with_its_towns_name_or_a_part_is_that_town(reference_data, typed, name_nl):
    form = TownForm({"municipality": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["municipality"].name_nl == name_nl


def test_a_postal_code_with_another_towns_name_is_refused(reference_data):
    """ "9000 Antwerpen": the code is Gent's, the name Antwerp's. Either may be
    the typing mistake, so the form asks instead of picking the code's town."""
    assert municipality_lookup(text="9000 Antwerpen") == []
    for language, expected in [
        (
            "nl",
            "Postcode 9000 en de naam “Antwerpen” horen niet bij elkaar: 9000 is de "
            "postcode van Gent. Typ alleen de postcode of alleen de naam",
        ),
        (
            "fr",
            "Le code postal 9000 et le nom « Antwerpen » ne correspondent pas : 9000 "
            "est le code postal de Gand. Tapez seulement le code postal ou seulement",
        ),
        (
            "en",
            "Postal code 9000 and the name “Antwerpen” do not match: 9000 is the "
            "postal code of Gent. Type only the postal code or only the name",
        ),
    ]:
        with translation.override(language):
            form = TownForm({"municipality": "9000 Antwerpen"})
            assert not form.is_valid()
            [error] = form.errors["municipality"]
        assert expected in error


def test_an_empty_or_blank_entry_is_required(reference_data):
    form = TownForm({"municipality": "   "})
    assert not form.is_valid()
    assert form.errors["municipality"]


def _widget(language: str) -> BeautifulSoup:
    with translation.override(language):
        return soup(str(TownForm()["municipality"]))


def _suggested(widget: BeautifulSoup) -> list[str]:
    """The names the field's datalist offers."""
    return [
        option["value"] for option in widget.find("datalist", id="id_municipality-list")("option")
    ]


def test_the_widget_suggests_names_in_the_page_language(reference_data):
    french = _widget("fr")
    assert french.find("input")["list"] == "id_municipality-list"
    assert "Gand" in _suggested(french)
    assert "Gent" not in _suggested(french)
    dutch = _suggested(_widget("nl"))
    assert "Gent" in dutch and "Luik" in dutch
