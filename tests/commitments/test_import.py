"""Bulk entry: a spreadsheet (CSV or XLSX, the open data's columns) is first
checked in a dry run that lists what would change and writes nothing; then
exactly what the editor saw is imported, every change logged."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from commitments.models import Commitment, CommitmentChange
from commitments.services import commitment_set
from tests.admin_screens import menu_links

pytestmark = pytest.mark.django_db

IMPORT = "/admin/commitment_import/"
# The form that imports what the dry run showed.
CONFIRM = "form.commitment-import-confirm"
HEADER = ["nis_code", "recommendation", "status", "date", "source", "note"]


def _csv(rows: list[list[str]]) -> SimpleUploadedFile:
    # As Excel writes it in Belgium: semicolons, and a byte order mark.
    text = "\n".join(";".join(row) for row in [HEADER, *rows])
    return SimpleUploadedFile("commitments.csv", ("\ufeff" + text).encode())


def _xlsx(rows: list[list]) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in [HEADER, *rows]:
        workbook.active.append(row)
    content = io.BytesIO()
    workbook.save(content)
    return SimpleUploadedFile("commitments.xlsx", content.getvalue())


def _plan(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        " ".join(tr.get_text(" ").split()) for tr in soup.select(".commitment-import-plan tbody tr")
    ]


def test_the_dry_run_lists_changes_and_errors_and_writes_nothing(
    admin_client, gent, cycle, recommendations
):
    first, second, third = (str(r.number) for r in recommendations[:3])
    commitment_set(
        municipality=gent,
        recommendation=recommendations[1],
        cycle=cycle,
        status="promised",
        decided_on=datetime.date(2019, 1, 1),
        source_url="https://gent.example/plan",
    )
    commitment_set(
        municipality=gent,
        recommendation=recommendations[2],
        cycle=cycle,
        status="rejected",
        decided_on=datetime.date(2019, 2, 1),
        source_url="https://gent.example/nee",
    )
    rows = [
        [gent.nis_code, first, "council_decision", "2020-03-01", "https://gent.example/1", ""],
        [gent.nis_code, second, "implemented", "2021-01-01", "https://gent.example/2", ""],
        [gent.nis_code, third, "rejected", "2019-02-01", "https://gent.example/nee", ""],
        ["99999", first, "implemented", "2021-01-01", "https://x.example/", ""],
        [gent.nis_code, first, "implemented", "", "", ""],
    ]

    response = admin_client.post(IMPORT, {"cycle": cycle.pk, "spreadsheet": _csv(rows)})

    plan = _plan(response)
    assert plan[0] == f"2 {gent.nis_code} {first} nieuw: council_decision"
    assert plan[1] == f"3 {gent.nis_code} {second} gewijzigd: promised → implemented"
    assert "99999" in plan[2] and "Geen huidige gemeente heeft NIS-code" in plan[2]
    assert "eerdere regel" in plan[3] and plan[3].startswith("6 ")
    assert len(plan) == 4  # the unchanged line 4 is not listed
    # Errors: nothing to import.
    assert not BeautifulSoup(response.content, "html.parser").select(CONFIRM)
    assert Commitment.objects.count() == 2 and CommitmentChange.objects.count() == 2


def test_an_xlsx_is_imported_as_the_dry_run_showed_it(admin_client, gent, cycle, recommendations):
    number = recommendations[0].number
    rows = [
        [
            gent.nis_code,
            number,
            "implemented",
            datetime.datetime(2022, 5, 1),
            "https://g.example/",
            "ok",
        ]
    ]

    assert ("municipalities", IMPORT) in menu_links(admin_client.get("/admin/"))
    dry_run = admin_client.post(IMPORT, {"cycle": cycle.pk, "spreadsheet": _xlsx(rows)})
    assert _plan(dry_run) == [f"2 {gent.nis_code} {number} nieuw: implemented"]
    assert not Commitment.objects.exists()
    confirm = BeautifulSoup(dry_run.content, "html.parser").select_one(CONFIRM)
    signed = confirm.select_one('input[name="rows"]')["value"]

    response = admin_client.post(IMPORT, {"cycle": cycle.pk, "rows": signed})

    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert (commitment.status, commitment.decided_on, commitment.note) == (
        "implemented",
        datetime.date(2022, 5, 1),
        "ok",
    )
    assert commitment.changes.count() == 1
    tampered = admin_client.post(IMPORT, {"cycle": cycle.pk, "rows": signed[:-2] + "xx"})
    assert tampered.status_code == 400


def test_editors_without_rights_on_commitments_cannot_import(client, django_user_model, cycle):
    user = django_user_model.objects.create_user("e", "e@example.org", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.post(IMPORT, {"cycle": cycle.pk, "spreadsheet": _csv([])})

    assert response.status_code in (302, 403)
    assert IMPORT not in client.get("/admin/").text
