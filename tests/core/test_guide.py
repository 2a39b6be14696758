"""The editor guide: under the admin's Help menu, in each admin language, and
every screenshot it shows exists (the end-to-end tests write them)."""

import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from wagtail.users.models import UserProfile

from tests.admin_screens import screen_title
from tests.markup import soup

pytestmark = pytest.mark.django_db
GUIDE = "/admin/guide/"
# What each language's guide is titled and how its first section is headed.
HEADINGS = {
    "nl": ("Handleiding voor redacteurs", "1. Een pagina publiceren"),
    "fr": ("Guide de l'éditeur", "1. Publier une page"),
    "en": ("Editor guide", "1. Publish a page"),
}


@pytest.fixture
def editor(django_user_model, client):
    user = django_user_model.objects.create_user(username="redactie", password="x" * 12)
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return user


def speaking(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def screenshots_of(html: str) -> list[str]:
    sources = [image.get("src", "") for image in soup(html)("img")]
    return [src.removeprefix("/static/") for src in sources if src.startswith("/static/guide/")]


def test_the_help_menu_leads_to_the_guide(client, editor):
    dashboard = client.get("/admin/")

    # The sidebar's menu travels as JSON in the page; the Help menu holds the guide.
    assert re.search(r'"name": "orbit-editor-guide".{0,200}"url": "/admin/guide/"', dashboard.text)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_guide_answers_in_each_admin_language(client, editor, language):
    speaking(editor, language)

    guide = client.get(GUIDE)

    assert guide.status_code == 200
    title, first_section = HEADINGS[language]
    page = soup(guide)
    assert page.html["lang"] == language
    assert page.title.get_text().startswith(title)
    assert first_section in guide.text
    others = [heading for code, (_t, heading) in HEADINGS.items() if code != language]
    assert not any(heading in guide.text for heading in others)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_every_screenshot_the_guide_shows_exists(client, editor, language):
    speaking(editor, language)

    shown = screenshots_of(client.get(GUIDE).text)

    assert len(shown) == 11
    assert [path for path in shown if not finders.find(path)] == []


def test_the_guide_needs_an_admin_login(client):
    assert client.get(GUIDE).status_code == 302


def test_the_guides_header_names_it(client, editor):
    speaking(editor, "en")

    html = client.get(GUIDE).text

    assert screen_title(html) == "Editor guide"
