"""The XLSX and CSV exports of the applications and coalitions open as an
editor expects: Brussels time, statuses in the editor's language, accents
intact, and no cell a spreadsheet would run as a formula."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from coalitions.models import CoachingApplication, Coalition
from coalitions.services.coaching import coaching_application_create
from coalitions.services.coalitions import coalition_register

from .conftest import application_fields, coalition_fields

pytestmark = pytest.mark.django_db
# 13:30 UTC on a summer day is 15:30 in Brussels (CEST).
SUBMITTED = datetime.datetime(2026, 6, 15, 13, 30, tzinfo=datetime.UTC)


@pytest.fixture
def desk(client, django_user_model):
    user = django_user_model.objects.create_user(username="coordinator", password="x" * 12)
    user.groups.add(Group.objects.get(name="ORBIT coaching"))
    client.force_login(user)
    return client


@pytest.fixture
def hostile_application(coaching_page) -> CoachingApplication:
    application = coaching_application_create(
        page=coaching_page,
        language="fr",
        **application_fields(
            municipality_name="Liège",
            coalition_name='=HYPERLINK("http://127.0.0.1/x","Cliquez")',
            contact_name="@SUM(1+1)",
            motivation="-2+3",
        ),
    ).application
    CoachingApplication.objects.filter(pk=application.pk).update(submitted_at=SUBMITTED)
    return application


def xlsx_rows(response) -> list[tuple]:
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.active.iter_rows(values_only=True))


def test_applications_export_to_xlsx_in_dutch_and_brussels_time(desk, hostile_application):
    rows = xlsx_rows(desk.get("/admin/coaching_applications/", {"export": "xlsx"}))
    heading, row = rows[0], dict(zip(rows[0], rows[1], strict=True))

    assert "Gemeente" in heading
    assert row["Gemeente"] == "Liège"
    assert row["Status"] == "ontvangen"
    assert row["Taal"] == "Frans"
    assert row["Ingediend op"] == datetime.datetime(2026, 6, 15, 15, 30)
    # Neither a formula nor anything a spreadsheet would read as one.
    assert row["Coalitie"] == '\'=HYPERLINK("http://127.0.0.1/x","Cliquez")'
    assert row["Contactpersoon"] == "'@SUM(1+1)"
    assert row["Motivatie"] == "'-2+3"
    workbook = openpyxl.load_workbook(
        io.BytesIO(
            b"".join(
                desk.get("/admin/coaching_applications/", {"export": "xlsx"}).streaming_content
            )
        )
    )
    assert all(cell.data_type != "f" for line in workbook.active.iter_rows() for cell in line)


def test_the_export_speaks_the_editors_language(desk, hostile_application, django_user_model):
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="coordinator"))
    profile.preferred_language = "fr"
    profile.save()

    rows = xlsx_rows(desk.get("/admin/coaching_applications/", {"export": "xlsx"}))
    row = dict(zip(rows[0], rows[1], strict=True))

    assert row["Statut"] == "reçue"
    assert row["Langue"] == "français"


def test_the_csv_export_opens_in_excel_with_accents_intact(desk, hostile_application):
    response = desk.get("/admin/coaching_applications/", {"export": "csv"})
    content = b"".join(response.streaming_content)

    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0]["Gemeente"] == "Liège"
    assert rows[0]["Status"] == "ontvangen"
    assert rows[0]["Ingediend op"] == "2026-06-15 15:30"
    assert rows[0]["Contactpersoon"] == "'@SUM(1+1)"
    assert rows[0]["Telefoon"] == "'+32 2 123 45 67"


def test_coalitions_export_to_xlsx(desk, coalition_page):
    coalition = coalition_register(
        page=coalition_page,
        language="nl",
        **coalition_fields(name="+Samen Gentbrugge", municipality_name="Gentbrugge"),
    ).coalition
    Coalition.objects.filter(pk=coalition.pk).update(submitted_at=SUBMITTED)

    rows = xlsx_rows(desk.get("/admin/coalitions/", {"export": "xlsx"}))
    row = dict(zip(rows[0], rows[1], strict=True))

    assert row["Naam van de coalitie"] == "'+Samen Gentbrugge"
    assert row["Status"] == "nieuw"
    assert row["Ingediend op"] == datetime.datetime(2026, 6, 15, 15, 30)
