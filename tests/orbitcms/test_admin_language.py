"""The admin speaks Dutch to ORBIT's staff, whatever their browser asks, unless
a user chose French or English in their account."""

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from tests.markup import soup

pytestmark = pytest.mark.django_db
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def html_lang(response) -> str:
    return soup(response).html["lang"]


@pytest.fixture
def coordinator(django_user_model, client, campaign):
    user = django_user_model.objects.create_user(username="coordinator", password="x" * 12)
    user.groups.add(Group.objects.get(name="ORBIT coaching"))
    client.force_login(user)
    return user


def test_a_new_users_dashboard_is_in_dutch_even_in_an_english_browser(client, coordinator):
    dashboard = client.get("/admin/", **ENGLISH_BROWSER)

    assert html_lang(dashboard) == "nl"
    assert "Bezette plaatsen" in dashboard.text
    assert "Slots held" not in dashboard.text


def test_the_login_page_is_in_dutch(client):
    login = client.get("/admin/login/", **ENGLISH_BROWSER)

    assert html_lang(login) == "nl"


def test_a_user_who_chose_french_gets_french(client, coordinator):
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "fr"
    profile.save()

    dashboard = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="nl")

    assert html_lang(dashboard) == "fr"
    assert "Places occupées" in dashboard.text


def test_the_account_offers_dutch_french_and_english(client, coordinator):
    form = soup(client.get("/admin/account/", **ENGLISH_BROWSER))

    select = form.find("select", attrs={"name": "locale-preferred_language"})
    options = [option["value"] for option in select("option")]
    assert sorted(options) == ["", "en", "fr", "nl"]


def test_the_public_site_still_follows_the_address(client, campaign):
    assert html_lang(client.get("/en/", **ENGLISH_BROWSER)) == "en"
    assert html_lang(client.get("/fr/", HTTP_ACCEPT_LANGUAGE="nl")) == "fr"
