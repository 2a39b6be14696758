"""The statistics report: its figures against data the test makes, its chart
and its XLSX export."""

import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.users.models import UserProfile

from coalitions.models import (
    CoachingApplication,
    Coalition,
    HandbookDownloadMonth,
    HandbookPage,
)
from coalitions.selectors.statistics import (
    statistics_coaching_outcomes,
    statistics_handbook_downloads_by_month,
    statistics_signups_by_week,
)
from coalitions.services.coaching import coaching_application_create, coaching_application_decide
from coalitions.services.coalitions import coalition_register
from tests.admin_screens import menu_links, screen_title

from .conftest import application_fields, coalition_fields

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/statistics/"


@pytest.fixture
def figures(client, coaching_page, coalition_page):
    """Three handbook downloads this month (two Dutch, one French) and five
    last year; three applications (one declined, one spam) and a coalition
    this week, an application three weeks ago."""
    for path in ("/nl/handleiding/download/", "/nl/handleiding/download/", "/fr/guide/download/"):
        b"".join(client.get(path).streaming_content)
    HandbookDownloadMonth.objects.create(
        page=HandbookPage.objects.get(locale__language_code="en"),
        month=datetime.date(2025, 1, 1),
        downloads=5,
    )
    applications = [
        coaching_application_create(page=coaching_page, language="nl", **application_fields())
        for _ in range(4)
    ]
    coaching_application_decide(application_id=applications[1].application.pk, decision="decline")
    coaching_application_decide(application_id=applications[2].application.pk, decision="spam")
    CoachingApplication.objects.filter(pk=applications[3].application.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(weeks=3)
    )
    coalition_register(page=coalition_page, language="fr", **coalition_fields())


def test_handbook_downloads_per_language_per_month(figures):
    months = statistics_handbook_downloads_by_month()
    last_year = statistics_handbook_downloads_by_month(today=datetime.date(2025, 3, 10), months=3)

    assert len(months) == 12
    assert months[-1].period == timezone.localdate().replace(day=1)
    assert months[-1].values == {"nl": 2, "fr": 1, "en": 0}
    assert [row.values["en"] for row in last_year] == [5, 0, 0]


def test_signups_per_week_leave_spam_out(figures):
    weeks = statistics_signups_by_week()

    assert weeks[-1].period.weekday() == 0
    assert weeks[-1].values == {"applications": 2, "coalitions": 1}
    assert weeks[-4].values == {"applications": 1, "coalitions": 0}
    assert sum(row.values["applications"] for row in weeks) == 3


def test_coaching_outcomes(figures):
    outcomes = statistics_coaching_outcomes()

    assert outcomes["received"] == 2
    assert outcomes["declined"] == 1
    assert outcomes["spam"] == 1
    assert outcomes["accepted"] == 0


@pytest.fixture
def editor(client, django_user_model):
    """Any editor reads the statistics: they are numbers, nothing about a person."""
    user = django_user_model.objects.create_user(username="editor", password="x" * 12)
    user.groups.add(Group.objects.get(name="Editors"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def test_the_report_shows_tables_and_a_chart_without_javascript(figures, editor):
    page = editor.get(REPORT)
    html = page.content.decode()

    assert page.status_code == 200
    assert screen_title(html) == "Statistics"
    assert "Handbook downloads per language per month" in html
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.find_all("svg", role="img")) == 3
    this_month = f"{timezone.localdate():%B %Y}"
    # Each bar says what it counts in its own <title>; the highest is full height.
    bars = {bar.title.get_text(): bar.get("height") for bar in soup.select("svg rect") if bar.title}
    assert bars[f"{this_month}, Dutch: 2"] == "160"
    assert "declined, Coaching applications: 1" in bars
    assert soup.find(id="figure-handbook").find("script") is None


def test_the_xlsx_button_carries_wagtails_download_icon(figures, editor):
    """Wagtail 6+ draws icons as inline SVG; the old `icon-download` class
    draws nothing."""
    page = BeautifulSoup(editor.get(REPORT).content, "html.parser")
    [button] = page.select('a[href="?export=xlsx"]')
    assert "button--icon" in button["class"]
    assert "icon-download" not in button["class"]
    assert button.select_one('svg.icon use[href="#icon-download"]')
    assert " ".join(button.get_text().split()) == "Download XLSX"


def test_the_report_is_in_the_reports_menu(figures, editor):
    assert ("reports", REPORT) in menu_links(editor.get("/admin/"))


def test_the_report_exports_the_same_figures_to_xlsx(figures, editor):
    response = editor.get(REPORT, {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))

    handbook, signups, outcomes = workbook.worksheets
    assert next(handbook.iter_rows(values_only=True)) == ("Month", "Dutch", "French", "English")
    assert list(handbook.iter_rows(values_only=True))[-1][1:] == (2, 1, 0)
    assert list(signups.iter_rows(values_only=True))[-1][1:] == (2, 1)
    assert dict((row[0], row[1]) for row in outcomes.iter_rows(min_row=2, values_only=True)) == {
        "received": 2,
        "accepted": 0,
        "waitlisted": 0,
        "declined": 1,
        "withdrawn": 0,
        "spam": 1,
    }
    assert Coalition.objects.count() == 1
