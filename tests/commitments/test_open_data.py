"""The open data: the municipality x recommendation table as CSV and JSON,
with its licence, and never anything personal."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup

from coalitions.models import CoachingApplication, CoachingPage, Coalition
from commitments.models import MunicipalityIndexPage
from commitments.selectors import OPEN_DATA_FIELDS
from commitments.services import commitment_set, correction_submit

pytestmark = pytest.mark.django_db

PERSONAL = [
    "Mira Coalitie",
    "mira@example.org",
    "+32 9 123 45 67",
    "Wij willen coaching omdat",
    "Piet Correctie",
    "piet@example.org",
]


def _personal_data_everywhere(gent, recommendations) -> None:
    Coalition.objects.create(
        municipality_name="Gent",
        municipality_key="gent",
        municipality=gent,
        name="Gentse coalitie",
        contact_name=PERSONAL[0],
        email=PERSONAL[1],
        phone=PERSONAL[2],
        language="nl",
        listing_consent=True,
        status="listed",
    )
    CoachingApplication.objects.create(
        page=CoachingPage.objects.get(locale__language_code="nl"),
        municipality_name="Gent",
        municipality_key="gent",
        municipality=gent,
        coalition_name="Gentse coalitie",
        contact_name=PERSONAL[0],
        email=PERSONAL[1],
        phone=PERSONAL[2],
        motivation=PERSONAL[3],
        status="waitlisted",
        language="nl",
    )
    correction_submit(
        page=MunicipalityIndexPage.objects.get(locale__language_code="nl"),
        municipality=gent,
        recommendation=recommendations[0].pk,
        proposed_status="implemented",
        source_url="https://gent.example/",
        message=f"Groeten, {PERSONAL[4]}",
        email=PERSONAL[5],
        language="nl",
    )


def test_the_table_has_every_municipality_and_recommendation(client, gent, cycle, recommendations):
    commitment_set(
        municipality=gent,
        recommendation=recommendations[0],
        cycle=cycle,
        status="implemented",
        decided_on=datetime.date(2021, 6, 30),
        source_url="https://gent.example/besluit",
        note="Uitgevoerd",
    )
    rows = list(
        csv.DictReader(io.StringIO(client.get("/open-data/commitments.csv").content.decode()))
    )
    assert len(rows) == 565 * 10
    gent_1 = next(r for r in rows if r["nis_code"] == "44021" and r["recommendation"] == "1")
    assert gent_1 == {
        "cycle": "2018",
        "nis_code": "44021",
        "municipality_nl": "Gent",
        "municipality_fr": "Gand",
        "province_nis_code": "40000",
        "region_nis_code": "02000",
        "recommendation": "1",
        "status": "implemented",
        "date": "2021-06-30",
        "source": "https://gent.example/besluit",
        "note": "Uitgevoerd",
        "is_example": "False",
    }
    data = client.get("/open-data/commitments.json").json()
    assert data["licence"]["name"] == "CC BY 4.0"
    assert len(data["commitments"]) == 5650 and data["fields"] == list(gent_1)


def test_no_personal_data_in_any_export(client, gent, cycle, recommendations, campaign):
    _personal_data_everywhere(gent, recommendations)
    commitment_set(
        municipality=gent,
        recommendation=recommendations[0],
        cycle=cycle,
        status="promised",
        decided_on=datetime.date(2019, 5, 1),
        source_url="https://gent.example/plan",
    )
    exports = [
        client.get("/open-data/commitments.csv").content.decode(),
        client.get("/open-data/commitments.json").content.decode(),
        client.get("/nl/gemeenten/gent/").content.decode(),
        client.get("/api/v2/commitments/?fields=*").content.decode(),
    ]
    assert "Gentse coalitie" in exports[2]  # the listed coalition's name is public
    for export in exports:
        for value in PERSONAL:
            assert value not in export


@pytest.mark.parametrize(
    ("language", "heading", "nis_code_meaning"),
    [
        ("nl", "Open data", "De NIS-code van de gemeente, van Statbel."),
        ("fr", "Données ouvertes", "Le code INS de la commune, selon Statbel."),
        ("en", "Open data", "The municipality's NIS code, from Statbel."),
    ],
)
def test_the_overview_links_the_exports_their_licence_and_a_dictionary(
    client, campaign, language, heading, nis_code_meaning
):
    """Someone who finds the data on the site can also find what each field
    means and under which licence it may be reused, in their language."""
    page = MunicipalityIndexPage.objects.get(locale__language_code=language)
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    section = html.select_one("section#open-data")

    assert " ".join(section.h2.get_text().split()) == heading
    links = {a["href"] for a in section.select("a[href]")}
    assert {
        "/open-data/commitments.csv",
        "/open-data/commitments.json",
        "https://creativecommons.org/licenses/by/4.0/",
        "https://statbel.fgov.be/",
    } <= links
    assert "ORBIT vzw" in section.get_text()
    terms = [dt.get_text(strip=True) for dt in section.select("dl.open-data-fields dt")]
    assert terms == OPEN_DATA_FIELDS
    meanings = dict(zip(terms, section.select("dl.open-data-fields dd"), strict=True))
    assert " ".join(meanings["nis_code"].get_text().split()) == nis_code_meaning
