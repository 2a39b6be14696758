"""What the municipality pages do to the page cache: a visitor's correction
keeps it, a recommendation published elsewhere refreshes the overview, a
municipality's page is kept (its correction form is not), and a changed
commitment refreshes the pages that show it and keeps the rest."""

import datetime

import belgica
import pytest
from bs4 import BeautifulSoup
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from coalitions.models import CoachingPage, Coalition, HandbookPage
from coalitions.services.coaching import coaching_application_create
from coalitions.services.personal_data import personal_data_erase
from commitments.models import Commitment, CorrectionProposal, MunicipalityIndexPage
from commitments.selectors import (
    commitment_import_plan,
    commitment_paths_shown,
    recommendation_municipality_paths,
)
from commitments.services import commitment_set, commitments_import
from municipalities.models import Municipality
from municipalities.services import municipalities_load
from ops.services import page_cache_clear_everywhere
from recommendations.models import RecommendationIndexPage, RecommendationPage
from tests.coalitions.conftest import application_fields
from tests.factories import RecommendationPageFactory
from tests.markup import soup

pytestmark = pytest.mark.django_db


def _x_cache(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response["X-Cache"]


def test_a_visitors_correction_keeps_the_page_cache(
    client, campaign, gent, recommendations, page_cache, django_capture_on_commit_callbacks
):
    assert (_x_cache(client, "/nl/"), _x_cache(client, "/nl/")) == ("MISS", "HIT")
    with django_capture_on_commit_callbacks(execute=True):
        CorrectionProposal.objects.create(
            municipality=gent,
            recommendation=recommendations[0],
            proposed_status="implemented",
            source_url="https://example.org/besluit",
            language="nl",
        )
    assert _x_cache(client, "/nl/") == "HIT"


def test_publishing_a_recommendation_refreshes_the_overview(
    client, campaign, reference_data, page_cache, django_capture_on_commit_callbacks
):
    overview = MunicipalityIndexPage.objects.get(locale__language_code="nl").url
    assert (_x_cache(client, overview), _x_cache(client, overview)) == ("MISS", "HIT")
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    with django_capture_on_commit_callbacks(execute=True):
        RecommendationPageFactory(parent=index, number=11)
    assert _x_cache(client, overview) == "MISS"


def test_publishing_a_recommendation_refreshes_the_town_pages_that_list_it(
    client,
    campaign,
    reference_data,
    recommendations,
    page_cache,
    django_capture_on_commit_callbacks,
):
    """Each town's page lists the recommendations by title in its language:
    a renamed Dutch recommendation refreshes the Dutch town pages (the French
    and English ones show their own translation, refreshed when the synced
    translation is published); a new recommendation without translations shows
    (in Dutch) on them all."""
    towns = ["/nl/gemeenten/gent/", "/nl/gemeenten/antwerpen/"]
    translated = ["/fr/communes/gand/", "/en/municipalities/gent/"]
    renamed = recommendations[0]
    shown = recommendation_municipality_paths(recommendation=renamed)
    assert {*towns, *OVERVIEWS[:1]} <= shown
    assert not shown & {*translated, *OVERVIEWS[1:]}

    _warm(client, [*towns, *translated])
    renamed.title = "Een hernoemde aanbeveling"
    with django_capture_on_commit_callbacks(execute=True):
        renamed.save_revision().publish()
    assert _x_caches(client, towns) == dict.fromkeys(towns, "MISS")
    assert "Een hernoemde aanbeveling" in client.get(towns[0]).content.decode()

    _warm(client, translated)
    index = RecommendationIndexPage.objects.get(locale__language_code="nl")
    with django_capture_on_commit_callbacks(execute=True):
        RecommendationPageFactory(parent=index, number=11, title="Een elfde aanbeveling")
    assert _x_caches(client, translated) == dict.fromkeys(translated, "MISS")
    assert "Een elfde aanbeveling" in client.get(translated[0]).content.decode()


def test_an_erased_coalition_is_purged_from_its_towns_page_in_the_cdn(
    client, campaign, gent, page_cache, cdn, django_capture_on_commit_callbacks
):
    """Wagtail purges a page's `get_cached_paths`: the overview's are its
    town pages, which show the listed coalitions."""
    coalition = _listed_coalition(gent)
    with django_capture_on_commit_callbacks(execute=True):
        personal_data_erase(email=coalition.email)
    assert set(GENT) <= set(cdn)


def test_a_municipality_page_is_cached_and_its_correction_page_is_not(
    client, campaign, reference_data, page_cache
):
    # The form, with its CSRF cookie, is on a page of its own.
    for path in ("/nl/gemeenten/gent/", "/fr/communes/gand/"):
        assert (_x_cache(client, path), _x_cache(client, path)) == ("MISS", "HIT")
    correction = "/nl/gemeenten/gent/correction/"
    assert (_x_cache(client, correction), _x_cache(client, correction)) == ("MISS", "MISS")


GENT = ["/nl/gemeenten/gent/", "/fr/communes/gand/", "/en/municipalities/gent/"]
OVERVIEWS = ["/nl/gemeenten/", "/fr/communes/", "/en/municipalities/"]
HOMES = ["/nl/", "/fr/", "/en/"]
ANTWERPEN = "/nl/gemeenten/antwerpen/"
ADOPTED = {"decided_on": datetime.date(2021, 3, 1), "source_url": "https://gent.example/besluit"}


def _translations(recommendation: RecommendationPage) -> list[str]:
    pages = RecommendationPage.objects.filter(translation_key=recommendation.translation_key)
    return sorted(page.url for page in pages)


def _warm(client, paths: list[str]) -> None:
    for path in paths:
        _x_cache(client, path)
        assert _x_cache(client, path) == "HIT", path


def _x_caches(client, paths: list[str]) -> dict[str, str]:
    return {path: _x_cache(client, path) for path in paths}


@pytest.fixture
def shown(campaign, gent, cycle, recommendations) -> dict[str, list[str]]:
    """The pages that show Gent's commitment on the first recommendation, and
    pages that do not (another town, another recommendation, the handbook)."""
    return {
        "refreshed": [*GENT, *OVERVIEWS, *_translations(recommendations[0]), *HOMES],
        "kept": [
            ANTWERPEN,
            *_translations(recommendations[1]),
            HandbookPage.objects.get(locale__language_code="nl").url,
        ],
    }


def test_editing_a_commitment_refreshes_the_pages_that_show_it_and_keeps_the_rest(
    client, shown, gent, cycle, recommendations, page_cache, django_capture_on_commit_callbacks
):
    _warm(client, shown["refreshed"] + shown["kept"])
    with django_capture_on_commit_callbacks(execute=True):
        commitment_set(
            municipality=gent,
            recommendation=recommendations[0],
            cycle=cycle,
            status="council_decision",
            **ADOPTED,
        )

    assert _x_caches(client, shown["refreshed"]) == dict.fromkeys(shown["refreshed"], "MISS")
    assert _x_caches(client, shown["kept"]) == dict.fromkeys(shown["kept"], "HIT")
    # What the refreshed pages show now.
    assert soup(client.get(GENT[0])).select(".status-council_decision")
    tiles = soup(client.get(OVERVIEWS[0])).select("span.tile-count")
    assert ("Gent ", "1/10") in [(str(count.previous_sibling), count.get_text()) for count in tiles]
    adoption = client.get(recommendations[0].url).content.decode()
    assert "1 gemeente nam deze aanbeveling aan" in adoption


def test_editing_a_commitment_refreshes_the_home_totals(
    client, shown, gent, cycle, recommendations, page_cache, django_capture_on_commit_callbacks
):
    _warm(client, HOMES)
    with django_capture_on_commit_callbacks(execute=True):
        commitment_set(
            municipality=gent,
            recommendation=recommendations[0],
            cycle=cycle,
            status="implemented",
            **ADOPTED,
        )

    assert _x_caches(client, HOMES) == dict.fromkeys(HOMES, "MISS")
    home = BeautifulSoup(client.get("/nl/").content, "html.parser")
    figures = [" ".join(li.get_text().split()) for li in home.select(".figure-list li")]
    assert "1 gemeente met een aangenomen aanbeveling" in figures


def test_a_change_of_example_data_only_refreshes_the_pages(
    client, shown, gent, cycle, recommendations, page_cache, django_capture_on_commit_callbacks
):
    values = {
        "municipality": gent,
        "recommendation": recommendations[0],
        "cycle": cycle,
        "status": "implemented",
        **ADOPTED,
    }
    commitment_set(**values, is_sample=True)
    assert "Voorbeeldgegevens." in client.get(GENT[0]).content.decode()
    _warm(client, shown["refreshed"] + shown["kept"])
    with django_capture_on_commit_callbacks(execute=True):
        commitment_set(**values, is_sample=False)  # the same facts, no longer an example

    assert _x_caches(client, shown["refreshed"]) == dict.fromkeys(shown["refreshed"], "MISS")
    assert _x_caches(client, shown["kept"]) == dict.fromkeys(shown["kept"], "HIT")
    assert "Voorbeeldgegevens." not in client.get(GENT[0]).content.decode()


def test_an_import_refreshes_the_pages_of_its_rows_at_once(
    client, shown, gent, cycle, recommendations, page_cache, django_capture_on_commit_callbacks
):
    aalst = Municipality.objects.get(name_nl="Aalst")
    refreshed = [
        *shown["refreshed"],
        "/nl/gemeenten/aalst/",
        "/fr/communes/alost/",
        *_translations(recommendations[2]),
    ]
    kept = [ANTWERPEN, *_translations(recommendations[1])]
    _warm(client, refreshed + kept)
    plan = commitment_import_plan(
        rows=[
            {"nis_code": gent.nis_code, "recommendation": "1", "status": "implemented",
             "date": "2021-03-01", "source": "https://gent.example/1"},
            {"nis_code": aalst.nis_code, "recommendation": "3", "status": "promised",
             "date": "2021-04-01", "source": "https://aalst.example/3"},
        ],
        cycle=cycle,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert commitments_import(plan=plan) == 2

    assert len(callbacks) == 1  # one refresh for the whole import
    assert _x_caches(client, refreshed) == dict.fromkeys(refreshed, "MISS")
    assert _x_caches(client, kept) == dict.fromkeys(kept, "HIT")


def test_deleting_a_commitment_refreshes_the_pages_that_showed_it(
    client, shown, gent, cycle, recommendations, page_cache, django_capture_on_commit_callbacks
):
    commitment = commitment_set(
        municipality=gent,
        recommendation=recommendations[0],
        cycle=cycle,
        status="council_decision",
        **ADOPTED,
    )
    _warm(client, shown["refreshed"] + shown["kept"])
    with django_capture_on_commit_callbacks(execute=True):
        Commitment.objects.get(pk=commitment.pk).delete()  # as the admin deletes a snippet

    assert _x_caches(client, shown["refreshed"]) == dict.fromkeys(shown["refreshed"], "MISS")
    assert _x_caches(client, shown["kept"]) == dict.fromkeys(shown["kept"], "HIT")
    statuses = [cell["class"] for cell in soup(client.get(GENT[0])).select("td.status")]
    assert statuses and all("status-no_information" in classes for classes in statuses)


def _adopted(gent, cycle, recommendations) -> list[Commitment]:
    return [
        commitment_set(
            municipality=gent,
            recommendation=recommendation,
            cycle=cycle,
            status="council_decision",
            **ADOPTED,
        )
        for recommendation in recommendations
    ]


def test_a_bulk_delete_in_the_admin_refreshes_the_pages_that_showed_them(
    client,
    admin_client,
    shown,
    gent,
    cycle,
    recommendations,
    page_cache,
    django_capture_on_commit_callbacks,
):
    commitments = _adopted(gent, cycle, recommendations[:1] + recommendations[2:4])
    refreshed = [
        *shown["refreshed"],
        *_translations(recommendations[2]),
        *_translations(recommendations[3]),
    ]
    _warm(client, refreshed + shown["kept"])
    ids = "&".join(f"id={commitment.pk}" for commitment in commitments)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/bulk/commitments/commitment/delete/?{ids}")

    assert response.status_code == 302
    assert not Commitment.objects.filter(pk__in=[c.pk for c in commitments]).exists()
    assert _x_caches(client, refreshed) == dict.fromkeys(refreshed, "MISS")
    assert _x_caches(client, shown["kept"]) == dict.fromkeys(shown["kept"], "HIT")
    statuses = [cell["class"] for cell in soup(client.get(GENT[0])).select("td.status")]
    assert statuses and all("status-no_information" in classes for classes in statuses)


def _own_queries(queries: CaptureQueriesContext) -> list[str]:
    """The queries but Wagtail's reference index upkeep, which removes each
    deleted object's references on its own (a savepoint and a few queries per
    object, whoever deletes it)."""
    return [
        sql
        for query in queries.captured_queries
        if not (sql := query["sql"]).startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        and "wagtailcore_referenceindex" not in sql
    ]


def test_a_bulk_delete_computes_and_expires_the_paths_once_however_many_it_deletes(
    client, campaign, gent, cycle, recommendations, cdn, django_capture_on_commit_callbacks
):
    """As the admin's bulk delete does it: one queryset's `delete()`. The same
    queries for 8 commitments as for 2, and each page purged from the CDN once."""
    # The per-process caches (the sites' root paths) filled first.
    commitment_paths_shown(municipality_ids=[gent.pk], recommendation_ids=[recommendations[0].pk])
    counts = []
    for size in (2, 8):
        commitments = _adopted(gent, cycle, recommendations[:size])
        cdn.clear()
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            Commitment.objects.filter(pk__in=[c.pk for c in commitments]).delete()
        counts.append(len(_own_queries(queries)))
        assert set(GENT + OVERVIEWS + HOMES) <= set(cdn)
        assert len(cdn) == len(set(cdn)), "a page purged more than once"
    assert counts[0] == counts[1]


def test_a_bulk_delete_rolled_back_and_done_again_refreshes_the_pages(
    client, shown, gent, cycle, recommendations, page_cache, django_capture_on_commit_callbacks
):
    """The rollback drops the refresh it registered; the queryset deleted again
    in a transaction that commits refreshes the pages all the same."""
    commitments = _adopted(gent, cycle, recommendations[:2])
    queryset = Commitment.objects.filter(pk__in=[c.pk for c in commitments])
    _warm(client, shown["refreshed"])

    with pytest.raises(RuntimeError), transaction.atomic():
        queryset.delete()
        raise RuntimeError("rolled back")
    assert queryset.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        queryset.delete()

    assert _x_caches(client, shown["refreshed"]) == dict.fromkeys(shown["refreshed"], "MISS")


def test_the_paths_shown_take_as_many_queries_for_20_commitments_as_for_one(
    campaign, gent, cycle, recommendations
):
    towns = list(Municipality.objects.filter(is_current=True).order_by("nis_code")[:20])
    commitment_paths_shown(municipality_ids=[gent.pk], recommendation_ids=[recommendations[0].pk])

    counts = []
    for municipalities, pages in (([gent], recommendations[:1]), (towns, recommendations)):
        with CaptureQueriesContext(connection) as queries:
            paths = commitment_paths_shown(
                municipality_ids=[m.pk for m in municipalities],
                recommendation_ids=[r.pk for r in pages],
            )
        counts.append(len(queries))
        # Each town in three languages, the three overviews and home pages,
        # each recommendation in three languages.
        assert len(paths) == 3 * len(municipalities) + 3 + 3 + 3 * len(pages)
    assert counts[0] == counts[1]
    assert "/nl/gemeenten/gent/correction/" not in paths


def _listed_coalition(gent) -> Coalition:
    coalition = Coalition.objects.create(
        municipality_name="Gent",
        municipality_key="gent",
        municipality=gent,
        name="Samen Gent",
        contact_name="Contact",
        email="samen@example.org",
        language="nl",
        listing_consent=True,
        status=Coalition.Status.LISTED,
    )
    return coalition


def test_an_editors_change_to_a_listed_coalition_refreshes_its_towns_page(
    client, admin_client, campaign, gent, page_cache, django_capture_on_commit_callbacks
):
    coalition = _listed_coalition(gent)
    _warm(client, GENT)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/coalitions/edit/{coalition.pk}/",
            {
                "name": "Samen Sterk Gent",
                "partners": "",
                "contact_name": "Contact",
                "email": "samen@example.org",
                "phone": "",
            },
        )

    assert response.status_code == 302
    assert _x_caches(client, GENT) == dict.fromkeys(GENT, "MISS")
    assert "Samen Sterk Gent" in client.get(GENT[0]).content.decode()

    # A detail the public pages do not show leaves them cached.
    _warm(client, GENT)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/admin/coalitions/edit/{coalition.pk}/",
            {
                "name": "Samen Sterk Gent",
                "partners": "",
                "contact_name": "Contact",
                "email": "samen@example.org",
                "phone": "+32 9 123 45 67",
            },
        )
    assert Coalition.objects.get(pk=coalition.pk).phone == "+32 9 123 45 67"
    assert _x_caches(client, GENT) == dict.fromkeys(GENT, "HIT")


def test_a_load_that_matches_a_listed_coalition_to_its_town_refreshes_the_page(
    client, campaign, gent, page_cache, django_capture_on_commit_callbacks
):
    """Rows typed before the list was loaded are matched by the load: a listed
    coalition then shows on its town's page, which may be cached without it."""
    coalition = _listed_coalition(gent)
    Coalition.objects.filter(pk=coalition.pk).update(municipality=None)
    _warm(client, GENT)

    with django_capture_on_commit_callbacks(execute=True):
        municipalities_load()

    assert _x_caches(client, GENT) == dict.fromkeys(GENT, "MISS")
    assert "Samen Gent" in client.get(GENT[0]).content.decode()


def test_a_load_that_changes_the_towns_refreshes_every_page(
    client, campaign, reference_data, page_cache, django_capture_on_commit_callbacks
):
    """Statbel's next data renames a town and gives another a postal code:
    names are on the overview and in every form's list, postal codes on the
    town's page, so no cached page outlives the load."""
    shown = [*OVERVIEWS, ANTWERPEN, GENT[0]]
    for change in ("name", "postal code"):
        _warm(client, shown)
        records = [
            {**m, "name": {**m["name"], "fr": "Anvers-sur-Escaut"}} if m["id"] == "11002" else m
            for m in belgica.municipalities()
        ]
        postal_codes = [*belgica.postal_codes()]
        if change == "postal code":
            postal_codes.append({"id": "2999-11002", "postalCode": "2999", "municipality": "11002"})
        with django_capture_on_commit_callbacks(execute=True):
            report = municipalities_load(municipalities=records, postal_codes=postal_codes)

        assert (report.updated, report.postal_codes_added) == (
            (1, 0) if change == "name" else (0, 1)
        )
        assert _x_caches(client, shown) == dict.fromkeys(shown, "MISS"), change
    assert "Anvers-sur-Escaut" in client.get("/fr/communes/").content.decode()
    assert "2999" in client.get(ANTWERPEN).content.decode()


def test_a_load_that_changes_nothing_keeps_the_cache(
    client, campaign, reference_data, page_cache, django_capture_on_commit_callbacks
):
    shown = [*OVERVIEWS, ANTWERPEN]
    _warm(client, shown)
    with django_capture_on_commit_callbacks(execute=True):
        municipalities_load()
    assert _x_caches(client, shown) == dict.fromkeys(shown, "HIT")


def test_a_changed_commitment_is_purged_from_the_cdn_too(
    client,
    campaign,
    gent,
    cycle,
    recommendations,
    page_cache,
    cdn,
    django_capture_on_commit_callbacks,
):
    """A CDN in front keeps the town's page and the totals as long as the
    site's own cache does: the same pages are purged from it."""
    with django_capture_on_commit_callbacks(execute=True):
        commitment_set(
            municipality=gent,
            recommendation=recommendations[0],
            cycle=cycle,
            status="implemented",
            **ADOPTED,
        )
    assert {*GENT, *OVERVIEWS, *HOMES, *_translations(recommendations[0])} <= set(cdn)
    assert ANTWERPEN not in cdn


def test_a_load_that_changes_many_towns_clears_the_pages_once(
    reference_data, db, django_capture_on_commit_callbacks
):
    """Not once per town: with a CDN each clear purges every page."""
    renamed = {"11002": "Anvers-sur-Escaut", "44021": "Gand-sur-Lys"}
    records = [
        {**m, "name": {**m["name"], "fr": renamed[m["id"]]}} if m["id"] in renamed else m
        for m in belgica.municipalities()
    ]
    with django_capture_on_commit_callbacks() as callbacks:
        report = municipalities_load(municipalities=records)
    assert report.updated == 2
    assert [c for c in callbacks if c is page_cache_clear_everywhere] == [
        page_cache_clear_everywhere
    ]


def test_the_adoption_kept_with_a_recommendation_shows_a_new_commitment_at_once(
    client,
    campaign,
    gent,
    cycle,
    recommendations,
    page_parts_kept,
    django_capture_on_commit_callbacks,
):
    """For the renders the page cache does not answer (here it is off), the
    towns that adopted a recommendation are kept with the page's cached copies:
    a changed commitment makes them stale with the page."""
    page = recommendations[0]

    def adopted_by() -> list[str]:
        return [li.get_text() for li in soup(client.get(page.url)).select(".adopted-by li")]

    assert "Gent" not in adopted_by()
    with django_capture_on_commit_callbacks(execute=True):
        commitment_set(
            municipality=gent,
            recommendation=page,
            cycle=cycle,
            status="council_decision",
            decided_on=datetime.date(2020, 5, 4),
            source_url="https://gent.example/raad",
        )

    assert "Gent" in adopted_by()


def _apply_for_coaching(town: Municipality, email: str) -> None:
    coaching_application_create(
        page=CoachingPage.objects.get(locale__language_code="nl"),
        language="nl",
        **application_fields(municipality_name=town.name_nl, municipality=town, email=email),
    )


def test_coaching_applications_refresh_the_pages_that_show_them_here_and_in_the_cdn(
    client, campaign, gent, page_cache, cdn, django_capture_on_commit_callbacks
):
    """Every application changes the slots left (the home pages, the coaching
    page) and its town's coaching status: those pages are refreshed here and
    purged from the CDN in front, the rest stays in both."""
    antwerpen = Municipality.objects.get(name_nl="Antwerpen")
    CoachingPage.objects.filter(locale__language_code="nl").update(capacity=1)
    coaching = sorted(page.url for page in CoachingPage.objects.all())
    antwerpen_pages = [ANTWERPEN, "/fr/communes/anvers/", "/en/municipalities/antwerpen/"]
    kept = [*antwerpen_pages, *OVERVIEWS, HandbookPage.objects.get(locale__language_code="nl").url]
    _warm(client, HOMES + GENT + kept)

    with django_capture_on_commit_callbacks(execute=True):
        _apply_for_coaching(gent, "gent@example.org")
    assert set(HOMES + GENT + coaching) <= set(cdn)
    assert not set(kept) & set(cdn)
    assert _x_caches(client, HOMES + GENT + kept) == {
        **dict.fromkeys(HOMES + GENT, "MISS"),
        **dict.fromkeys(kept, "HIT"),
    }
    assert "0 of 1" in soup(client.get("/en/")).select_one(".slots").get_text(" ", strip=True)

    # Antwerpen waits for Gent's slot; Gent's applicant erased, it moves up.
    with django_capture_on_commit_callbacks(execute=True):
        _apply_for_coaching(antwerpen, "antwerpen@example.org")
    _warm(client, HOMES + GENT + antwerpen_pages)
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        personal_data_erase(email="gent@example.org")
    assert set(HOMES + GENT + antwerpen_pages + coaching) <= set(cdn)
    assert _x_caches(client, GENT + antwerpen_pages) == dict.fromkeys(
        GENT + antwerpen_pages, "MISS"
    )
    assert "applied for coaching" in soup(client.get(antwerpen_pages[2])).get_text(" ").lower()
