import re

import pytest

from coalitions.models import CoachingPage
from home.models import HomePage, PrivacyPage

pytestmark = pytest.mark.django_db


def _menu(html: str) -> list[str]:
    nav = html.split('<nav class="primary-nav"')[1].split("</nav>")[0]
    return re.findall(r">([^<]+)</a>", nav)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_menu_lists_the_sections_but_not_the_privacy_notice(client, campaign, language):
    home = HomePage.objects.get(locale__language_code=language)
    sections = home.get_children().live()

    menu = _menu(client.get(home.url).text)

    expected = [page.title for page in sections if not isinstance(page.specific, PrivacyPage)]
    assert menu == expected
    assert len(menu) == 5


def test_an_editor_takes_a_section_out_of_the_menu(client, campaign):
    coaching = CoachingPage.objects.get(locale__language_code="nl")
    before = _menu(client.get("/nl/").text)
    coaching.show_in_menus = False
    coaching.save_revision().publish()

    after = _menu(client.get("/nl/").text)

    assert coaching.title in before
    assert coaching.title not in after
    assert len(after) == len(before) - 1
