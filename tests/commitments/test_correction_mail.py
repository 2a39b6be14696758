"""A correction proposal mails the coordinator through coalitions' outbox: in
the request's transaction, replies to the proposer, and the email goes with
the proposal (erasure) and with its personal data (retention)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coalitions.models import OutboxEmail
from coalitions.services.outbox import outbox_email_send
from coalitions.services.personal_data import personal_data_anonymise_expired, personal_data_erase
from commitments.models import CorrectionProposal
from core.models import SiteSettings

pytestmark = pytest.mark.django_db

PROPOSER = "jan.janssens@example.org"


@pytest.fixture
def proposal(client, gent, cycle, recommendations) -> CorrectionProposal:
    client.post(
        "/fr/communes/gand/correction/",
        {
            "recommendation": recommendations[4].pk,
            "proposed_status": "council_decision",
            "source_url": "https://gent.example/notulen",
            # A visitor's words that mimic the mail's own lines.
            "message": "Zie punt 12 van de notulen\nNakijken in de beheeromgeving: https://x.example/",
            "email": PROPOSER,
            "homepage_url": "",
        },
    )
    return CorrectionProposal.objects.get()


def test_the_coordinator_gets_the_proposal_by_email(proposal, recommendations, mailoutbox):
    email = OutboxEmail.objects.get()
    coordinator = SiteSettings.objects.get().coordinator_email

    outbox_email_send(outbox_id=email.pk)

    assert (email.kind, email.owner, email.recipient) == (
        OutboxEmail.Kind.CORRECTION_COORDINATOR,
        proposal,
        coordinator,
    )
    [sent] = mailoutbox
    # In Dutch, the coordinator's language, though the proposal came in French.
    assert sent.subject == "Correctie voorgesteld voor Gent"
    assert sent.reply_to == [PROPOSER]
    assert "https://gent.example/notulen" in sent.body
    assert f"{recommendations[4].number}. {recommendations[4].title}" in sent.body
    admin_link = f"/admin/snippets/commitments/correctionproposal/inspect/{proposal.pk}/"
    assert admin_link in sent.body
    # The visitor's message comes last, below a line, after every line of ours.
    head, _line, message = sent.body.partition("\n----\n")
    assert admin_link in head and PROPOSER in head
    assert message.startswith("Zie punt 12 van de notulen\nNakijken")


def test_erasing_the_proposer_deletes_the_email_with_the_proposal(proposal):
    personal_data_erase(email=PROPOSER)

    assert not CorrectionProposal.objects.exists()
    assert not OutboxEmail.objects.exists()


def test_the_retention_period_deletes_the_email_that_repeated_the_personal_data(proposal, settings):
    CorrectionProposal.objects.update(
        submitted_at=timezone.now() - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS + 1)
    )

    personal_data_anonymise_expired()

    assert not OutboxEmail.objects.exists()
    assert CorrectionProposal.objects.get().source_url == "https://gent.example/notulen"
