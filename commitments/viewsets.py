"""Admin screens: commitments per cycle, the corrections queue, the cycles,
and, from the municipalities app, the municipalities, in one menu group."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from municipalities.viewsets import MunicipalityViewSet

from .models import CampaignCycle, Commitment, CorrectionProposal


class CommitmentViewSet(SnippetViewSet):
    model = Commitment
    icon = "tick-inverse"
    menu_label = _("Commitments")
    list_display = ["municipality", "recommendation", "status", "decided_on", "cycle", "is_sample"]
    list_filter = ["cycle", "status", "municipality__region", "is_sample"]
    search_fields = ["municipality__name_nl", "municipality__name_fr", "note"]
    search_backend_name = None
    list_per_page = 50


class CorrectionProposalViewSet(SnippetViewSet):
    """The editors' queue of corrections the public proposed."""

    model = CorrectionProposal
    icon = "mail"
    menu_label = _("Corrections")
    list_display = ["municipality", "recommendation", "proposed_status", "status", "submitted_at"]
    list_filter = ["status", "proposed_status"]
    inspect_view_enabled = True


class CampaignCycleViewSet(SnippetViewSet):
    model = CampaignCycle
    icon = "date"
    menu_label = _("Campaign cycles")
    list_display = ["__str__", "is_current"]


class MunicipalitiesViewSetGroup(SnippetViewSetGroup):
    items = (
        CommitmentViewSet,
        CorrectionProposalViewSet,
        CampaignCycleViewSet,
        MunicipalityViewSet,
    )
    menu_label = _("Municipalities")
    menu_icon = "site"
