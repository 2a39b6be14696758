"""The public forms as a visitor sees them: optional fields say so in the
page's language, checkboxes sit beside their labels, and after sending the
confirmation and what comes next take the form's place."""

import pytest
from bs4 import BeautifulSoup

from .conftest import application_data, coalition_data, translation

pytestmark = pytest.mark.django_db


def _labels(soup: BeautifulSoup) -> dict[str, str]:
    return {
        label["for"]: " ".join(label.get_text().split())
        for label in soup.select("form.public-form label[for]")
    }


@pytest.mark.parametrize(
    ("language", "optional"), [("nl", "(optioneel)"), ("fr", "(facultatif)"), ("en", "(optional)")]
)
def test_optional_fields_are_marked_in_the_page_language(client, coaching_page, language, optional):
    page = translation(coaching_page, language)
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    labels = _labels(soup)
    assert labels["id_phone"].endswith(optional)
    for required in ("id_municipality", "id_contact_name", "id_email", "id_motivation"):
        assert optional not in labels[required], required


def test_checkboxes_sit_beside_their_labels(client, coalition_page):
    soup = BeautifulSoup(client.get(coalition_page.url).content, "html.parser")
    checkboxes = soup.select('form.public-form input[type="checkbox"]')
    assert {box["name"] for box in checkboxes} >= {"privacy_consent", "listing_consent"}
    for box in checkboxes:
        label = box.find_next_sibling("label")
        # The label follows the box in the same row, and names it.
        assert label is not None and label["for"] == box["id"]
        assert "form-check-row" in box.parent["class"]


@pytest.mark.parametrize(
    ("fixture", "data", "form_id"),
    [
        ("coaching_page", application_data, "coaching-application"),
        ("coalition_page", coalition_data, "coalition-signup"),
    ],
)
def test_after_sending_the_confirmation_replaces_the_form(client, request, fixture, data, form_id):
    page = request.getfixturevalue(fixture)
    response = client.post(page.url, data(), follow=True)
    soup = BeautifulSoup(response.content, "html.parser")

    confirmation = soup.select_one("#confirmation")
    assert confirmation is not None and confirmation["role"] == "status"
    assert confirmation.select_one(".confirmation-message").get_text().strip()
    assert "ORBIT" in confirmation.get_text()  # what comes next
    assert soup.select_one("form.public-form") is None
    # A new form is one link away, and the page shows it again then.
    again = confirmation.find("a", href=f"{page.url}#{form_id}")
    assert again is not None
    assert BeautifulSoup(client.get(page.url).content, "html.parser").select_one(f"#{form_id}")
