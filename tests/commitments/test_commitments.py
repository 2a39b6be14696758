"""Publishing rules for commitments, their change log, and the admin that
writes through the same service."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from commitments.models import CampaignCycle, Commitment, CommitmentChange
from commitments.services import commitment_record, commitment_set
from tests.markup import soup, text_of

pytestmark = pytest.mark.django_db


def test_a_status_other_than_no_information_needs_a_source_and_a_date(gent, cycle, recommendations):
    commitment = Commitment(
        municipality=gent, recommendation=recommendations[0], cycle=cycle, status="promised"
    )
    with pytest.raises(ValidationError) as raised:
        commitment_record(commitment=commitment)
    assert set(raised.value.message_dict) == {"decided_on", "source_url"}
    with pytest.raises(ValidationError):
        commitment.full_clean()
    # Not even a save that skips the checks gets it into the database.
    with pytest.raises(IntegrityError), transaction.atomic():
        commitment.save()
    commitment.status = "no_information"
    commitment_record(commitment=commitment)
    assert commitment.pk


def test_every_change_is_kept_and_an_unchanged_save_adds_nothing(gent, cycle, recommendations):
    args = {"municipality": gent, "recommendation": recommendations[1], "cycle": cycle}
    commitment_set(
        **args,
        status="promised",
        decided_on=datetime.date(2019, 3, 1),
        source_url="https://gent.example/bestuursakkoord",
    )
    commitment = commitment_set(
        **args,
        status="council_decision",
        decided_on=datetime.date(2020, 5, 4),
        source_url="https://gent.example/raad",
        note="Raad van 4 mei",
    )
    commitment_record(commitment=commitment)

    log = list(CommitmentChange.objects.filter(commitment=commitment))
    assert [c.status for c in log] == ["council_decision", "promised"]
    assert log[0].note == "Raad van 4 mei" and log[1].decided_on == datetime.date(2019, 3, 1)


def test_an_editor_records_a_commitment_in_the_admin_and_it_is_logged(
    admin_client, gent, cycle, recommendations
):
    add_url = reverse("wagtailsnippets_commitments_commitment:add")
    data = {
        "cycle": cycle.pk,
        "municipality": gent.pk,
        "recommendation": recommendations[2].pk,
        "status": "implemented",
        "decided_on": "",
        "source_url": "",
        "note": "",
    }
    response = admin_client.post(add_url, data)
    assert response.status_code == 200  # refused: no source, no date
    assert not Commitment.objects.exists()

    data.update(decided_on="2021-02-03", source_url="https://gent.example/uitvoering")
    response = admin_client.post(add_url, data)
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert [c.status for c in commitment.changes.all()] == ["implemented"]

    edit_url = reverse("wagtailsnippets_commitments_commitment:edit", args=[commitment.pk])
    admin_client.post(edit_url, {**data, "status": "rejected"})
    assert [c.status for c in commitment.changes.all()] == ["rejected", "implemented"]


def test_the_next_cycle_starts_empty_while_2018_stays_readable(
    client, gent, cycle, recommendations
):
    commitment_set(
        municipality=gent,
        recommendation=recommendations[0],
        cycle=cycle,
        status="implemented",
        decided_on=datetime.date(2022, 1, 1),
        source_url="https://gent.example/2018",
    )
    cycle.is_current = False
    cycle.save()
    CampaignCycle.objects.create(election_year=2024, is_current=True)

    current = soup(client.get("/nl/gemeenten/gent/"))
    earlier = soup(client.get("/nl/gemeenten/gent/?cycle=2018"))
    source = 'a[href="https://gent.example/2018"]'
    assert not current.select(source)
    assert "Gemeenteraadsverkiezingen 2024" in text_of(current)
    assert earlier.select(source)


@pytest.fixture
def page_cache(settings):
    from django.core.cache import caches

    from ops.services import PAGE_CACHE_ALIAS

    settings.PAGE_CACHE_SECONDS = 600
    caches[PAGE_CACHE_ALIAS].clear()
    yield
    caches[PAGE_CACHE_ALIAS].clear()


def test_recording_a_commitment_refreshes_the_cached_pages(
    client, page_cache, gent, cycle, recommendations, django_capture_on_commit_callbacks
):
    """The overview and the recommendation pages are cached; the municipality
    page carries the correction form's CSRF cookie, so the cache never keeps it."""
    for path in ["/nl/gemeenten/", "/nl/aanbevelingen/woningaanbod/"]:
        client.get(path)
        assert client.get(path)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        commitment_set(
            municipality=gent,
            recommendation=recommendations[1],
            cycle=cycle,
            status="implemented",
            decided_on=datetime.date(2023, 9, 1),
            source_url="https://gent.example/cache",
        )
    overview = client.get("/nl/gemeenten/")
    assert overview["X-Cache"] == "MISS" and soup(overview).find(string="1/10") is not None
    recommendation = client.get("/nl/aanbevelingen/woningaanbod/")
    assert recommendation["X-Cache"] == "MISS"
    assert "Gent" in [text_of(item) for item in soup(recommendation)("li")]
