"""The correction proposals' personal data (the optional email and the message)
goes the way of the coaching applications': anonymised after the retention
period, exported and erased on request, through coalitions' services."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from coalitions.services.personal_data import personal_data_anonymise_expired, personal_data_erase
from commitments.models import CorrectionProposal, MunicipalityIndexPage
from commitments.services import correction_submit

pytestmark = pytest.mark.django_db

PERSON = "inwoner@example.org"


def _propose(gent, recommendation, *, email: str, message: str) -> CorrectionProposal:
    return correction_submit(
        page=MunicipalityIndexPage.objects.get(locale__language_code="nl"),
        municipality=gent,
        recommendation=recommendation.pk,
        proposed_status="implemented",
        source_url="https://gent.example/besluit",
        message=message,
        email=email,
        language="nl",
    )


def test_the_retention_task_wipes_email_and_message_of_old_proposals(
    gent, recommendations, settings
):
    old = _propose(gent, recommendations[0], email=PERSON, message="Groeten, Jan Peeters")
    recent = _propose(gent, recommendations[1], email=PERSON, message="Groeten, Jan")
    CorrectionProposal.objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS + 1)
    )

    count = personal_data_anonymise_expired()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert count.others == {"correction_proposals": 1}
    assert (old.email, old.message) == ("", "")
    assert old.source_url == "https://gent.example/besluit"  # the correction itself stays
    assert (recent.email, recent.message) == (PERSON, "Groeten, Jan")
    assert personal_data_anonymise_expired().others == {"correction_proposals": 0}


def test_an_editor_exports_and_erases_one_persons_proposals(admin_client, gent, recommendations):
    mine = _propose(gent, recommendations[0], email=PERSON.upper(), message="Groeten, Jan")
    other = _propose(gent, recommendations[1], email="ander@example.org", message="")

    found = admin_client.post("/admin/personal_data/", {"email": PERSON, "action": "find"})
    export = admin_client.post("/admin/personal_data/", {"email": PERSON, "action": "export"})
    assert "Voorgestelde correcties: 1" in found.text
    assert [p["id"] for p in json.loads(export.content)["correction_proposals"]] == [mine.pk]

    assert personal_data_erase(email=PERSON).others == {"correction_proposals": 1}
    assert list(CorrectionProposal.objects.values_list("pk", flat=True)) == [other.pk]
