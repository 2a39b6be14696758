"""The overview and the municipality pages in three languages, the regions
setting, and the right of reply."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from wagtail.models import Site

from commitments.models import CorrectionProposal
from commitments.services import commitment_samples_load, commitment_set
from municipalities.models import MunicipalitySettings
from tests.markup import soup, text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/nl/gemeenten/gent/", "Gent"),
        ("/fr/communes/gand/", "Gand"),
        ("/en/municipalities/gent/", "Gent"),
        ("/fr/communes/bruxelles/", "Bruxelles"),
    ],
)
def test_a_municipality_page_in_each_language(client, campaign, reference_data, path, name):
    response = client.get(path)
    assert response.status_code == 200
    assert text_of(soup(response).find("h1")).startswith(name)
    assert "Statbel" in response.content.decode()  # the source is credited


def test_another_language_s_slug_redirects_to_the_page_language_s(client, campaign, reference_data):
    response = client.get("/fr/communes/gent/")
    assert response.status_code == 301
    assert response["Location"] == "/fr/communes/gand/"


def test_only_the_covered_regions_are_shown(client, campaign, reference_data):
    assert client.get("/nl/gemeenten/luik/").status_code == 404
    overview = client.get("/nl/gemeenten/").content.decode()
    assert "304 gemeenten" in overview  # 285 in Flanders, 19 in Brussels
    settings = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    settings.covers_wallonia = True
    settings.save()
    assert client.get("/nl/gemeenten/luik/").status_code == 200
    assert "565 gemeenten" in client.get("/nl/gemeenten/").content.decode()


def test_the_overview_finds_filters_and_sorts(client, campaign, gent, cycle, recommendations):
    for recommendation in recommendations[:3]:
        commitment_set(
            municipality=gent,
            recommendation=recommendation,
            cycle=cycle,
            status="implemented",
            decided_on=datetime.date(2021, 1, 1),
            source_url="https://gent.example/",
        )
    assert "1 commune" in client.get("/fr/communes/?q=gand").content.decode()
    assert "1 gemeente" in client.get("/nl/gemeenten/?q=9000").content.decode()
    by_province = client.get("/nl/gemeenten/?province=40000").content.decode()
    assert "Gent" in by_province and "Aalst" in by_province
    assert not any(text_of(link).endswith("Antwerpen") for link in soup(by_province)("a"))
    sorted_page = client.get("/nl/gemeenten/?sort=adopted").content.decode()
    table = list(soup(sorted_page).find("tbody").strings)
    assert table.index("Gent") < table.index("Aalst")
    assert "3/10" in sorted_page


def test_example_commitments_say_they_are_examples(client, campaign, reference_data, cycle):
    assert commitment_samples_load() > 0
    for path in ["/nl/gemeenten/", "/nl/gemeenten/aartselaar/", "/nl/aanbevelingen/woningaanbod/"]:
        assert "Voorbeeldgegevens." in client.get(path).content.decode(), path


def test_a_recommendation_page_lists_the_municipalities_that_adopted_it(
    client, gent, cycle, recommendations
):
    # Shown through core's page addons: recommendations does not know commitments.
    for status in ("council_decision", "promised"):
        commitment_set(
            municipality=gent,
            recommendation=recommendations[0 if status == "council_decision" else 1],
            cycle=cycle,
            status=status,
            decided_on=datetime.date(2021, 3, 1),
            source_url="https://gent.example/besluit",
        )

    adopted = BeautifulSoup(client.get(recommendations[0].url).content, "html.parser")
    promised = BeautifulSoup(client.get(recommendations[1].url).content, "html.parser")

    assert [li.get_text() for li in adopted.select("section.adoption .adopted-by li")] == ["Gent"]
    assert "1 gemeente nam deze aanbeveling aan" in adopted.select_one("section.adoption").text
    assert promised.select("section.adoption .adopted-by li") == []


@override_settings(COACHING_FORM_RATE="3/m")
def test_a_correction_lands_in_the_queue_and_nothing_personal_is_published(
    client, gent, cycle, recommendations
):
    data = {
        "recommendation": recommendations[4].pk,
        "proposed_status": "council_decision",
        "source_url": "https://gent.example/notulen",
        "message": "Zie punt 12 van de notulen, Jan Janssens",
        "email": "jan.janssens@example.org",
        "homepage_url": "",
    }
    response = client.post("/nl/gemeenten/gent/correction/", data)
    assert response.status_code == 302
    assert response["Location"] == "/nl/gemeenten/gent/correction/#confirmation"
    thanks = client.get(response["Location"]).content.decode()
    assert "Bedankt. De redactie bekijkt je correctie en de bron." in thanks
    proposal = CorrectionProposal.objects.get()
    assert (proposal.municipality, proposal.recommendation_id, proposal.language) == (
        gent,
        recommendations[4].pk,
        "nl",
    )
    page = client.get("/nl/gemeenten/gent/").content.decode()
    assert "jan.janssens@example.org" not in page and "Janssens" not in page
    # From French, the proposal still points at the Dutch source recommendation.
    client.post("/fr/communes/gand/correction/", data)
    assert CorrectionProposal.objects.filter(
        language="fr", recommendation_id=recommendations[4].pk
    ).exists()
    client.post("/nl/gemeenten/gent/correction/", data)
    assert client.post("/nl/gemeenten/gent/correction/", data).status_code == 429
    assert CorrectionProposal.objects.count() == 3


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/nl/gemeenten/gent/", "Een correctie voorstellen voor Gent"),
        ("/fr/communes/gand/", "Proposer une correction pour Gand"),
        ("/en/municipalities/gent/", "Propose a correction for Gent"),
    ],
)
def test_the_municipality_page_links_to_its_correction_page(
    client, campaign, gent, cycle, recommendations, path, heading
):
    page = BeautifulSoup(client.get(path).content, "html.parser")
    assert page.select("form[method=post]") == []  # the page cache may keep it
    general = page.find("a", string=heading)
    assert general["href"] == f"{path}correction/"
    row_links = [a["href"] for a in page.select(".commitments a.correction-link")]
    assert row_links == [f"{path}correction/?recommendation={r.pk}" for r in recommendations]

    form_page = client.get(row_links[4])
    assert form_page.status_code == 200
    correction = BeautifulSoup(form_page.content, "html.parser")
    assert correction.h1.get_text() == heading
    selected = correction.select_one("select[name=recommendation] option[selected]")
    assert selected["value"] == str(recommendations[4].pk)
    assert correction.select_one("form[method=post] .privacy-link a")
    assert correction.find("a", href=path)  # back to the municipality's page
    assert client.post(path, {}).status_code == 405


def test_the_correction_page_in_another_language_s_slug_redirects(client, campaign, reference_data):
    response = client.get("/fr/communes/gent/correction/")
    assert response.status_code == 301
    assert response["Location"] == "/fr/communes/gand/correction/"


def test_an_incomplete_correction_is_refused_with_its_errors(client, gent, cycle, campaign):
    response = client.post("/nl/gemeenten/gent/correction/", {"proposed_status": "implemented"})
    assert response.status_code == 400
    assert soup(response).select(".form-field--error")
    assert not CorrectionProposal.objects.exists()


def test_the_page_shows_listed_coalitions_and_coaching_status_without_personal_data(
    client, campaign, gent, cycle
):
    from coalitions.models import CoachingApplication, CoachingPage, Coalition

    common = {"contact_name": "An Persoon", "email": "an@example.org", "language": "fr"}
    # Typed as visitors type (the French name, odd case and spaces), and
    # matched to the town of the reference list.
    Coalition.objects.create(
        municipality_name=" GAND ",
        municipality_key="gand",
        municipality=gent,
        name="Coalition gantoise",
        listing_consent=True,
        status="listed",
        **common,
    )
    Coalition.objects.create(
        municipality_name="Gent",
        municipality_key="gent",
        municipality=gent,
        name="Verborgen coalitie",
        status="hidden",
        **common,
    )
    CoachingApplication.objects.create(
        page=CoachingPage.objects.get(locale__language_code="nl"),
        municipality_name="gent",
        municipality_key="gent",
        municipality=gent,
        coalition_name="Coalition gantoise",
        motivation="Omdat",
        status="waitlisted",
        **common,
    )
    page = client.get("/nl/gemeenten/gent/").content.decode()
    assert "Coalition gantoise" in page and "Verborgen coalitie" not in page
    assert "Op de wachtlijst voor coaching." in page
    assert "An Persoon" not in page and "an@example.org" not in page
    assert "vroeg geen coaching aan" in client.get("/nl/gemeenten/aalst/").content.decode()


def test_language_links_and_canonical_name_the_municipality_in_each_language(
    client, campaign, reference_data
):
    page = soup(client.get("/nl/gemeenten/gent/"))
    assert page.find("link", rel="canonical")["href"] == "http://testserver/nl/gemeenten/gent/"
    # The alternates use the site's own host name, whatever the request's.
    french = page.find("link", rel="alternate", hreflang="fr")["href"]
    english = page.find("link", rel="alternate", hreflang="en")["href"]
    assert re.fullmatch(r"http://[^/]+/fr/communes/gand/", french)
    assert re.fullmatch(r"http://[^/]+/en/municipalities/gent/", english)
    switcher = page.select_one("nav.language-switcher")
    assert switcher.find("a", hreflang="fr")["href"] == "/fr/communes/gand/"
