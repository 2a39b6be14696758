"""The personal data of the correction proposals (the optional email and the
free-text message), handed to coalitions' export, erasure on request and
retention task through its PERSONAL_DATA_HOOK."""

from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coalitions.models import OutboxEmail
from coalitions.selectors.personal_data import stored_fields

from .models import CorrectionProposal


class CorrectionProposalPersonalData:
    name = "correction_proposals"
    verbose_name = _("correction proposals")

    def export(self, *, email: str) -> list[dict]:
        proposals = CorrectionProposal.objects.filter(email__iexact=email).order_by("pk")
        return [stored_fields(proposal) for proposal in proposals]

    def erase(self, *, email: str) -> int:
        _total, deleted = CorrectionProposal.objects.filter(email__iexact=email).delete()
        return deleted.get(CorrectionProposal._meta.label, 0)

    def anonymise_before(self, *, cutoff: datetime, now: datetime) -> int:
        """What stays answers "which correction, with which source, when":
        the email and the message (free text that may name anyone) go, and
        the coordinator's email that repeated them."""
        OutboxEmail.objects.filter(correction_proposal__submitted_at__lt=cutoff).delete()
        expired = CorrectionProposal.objects.filter(submitted_at__lt=cutoff).exclude(
            Q(email="") & Q(message="")
        )
        return expired.update(email="", message="")
