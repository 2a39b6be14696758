"""Admin screens: commitments per cycle, the corrections queue, the cycles,
and the municipalities (read only: they come from Statbel's data)."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CampaignCycle, Commitment, CorrectionProposal, Municipality


class CommitmentViewSet(SnippetViewSet):
    model = Commitment
    icon = "tick-inverse"
    menu_label = _("Commitments")
    list_display = ["municipality", "recommendation", "status", "decided_on", "cycle", "is_sample"]
    list_filter = ["cycle", "status", "municipality__region", "is_sample"]
    search_fields = ["municipality__name_nl", "municipality__name_fr", "note"]
    search_backend_name = None
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[Commitment]:
        # What each row shows; the region names a municipality in English.
        return Commitment.objects.select_related("municipality__region", "recommendation", "cycle")


class CorrectionProposalViewSet(SnippetViewSet):
    """The editors' queue of corrections the public proposed."""

    model = CorrectionProposal
    icon = "mail"
    menu_label = _("Corrections")
    list_display = ["municipality", "recommendation", "proposed_status", "status", "submitted_at"]
    list_filter = ["status", "proposed_status"]
    inspect_view_enabled = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[CorrectionProposal]:
        return CorrectionProposal.objects.select_related("municipality__region", "recommendation")


class CampaignCycleViewSet(SnippetViewSet):
    model = CampaignCycle
    icon = "date"
    menu_label = _("Campaign cycles")
    list_display = ["__str__", "is_current"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    menu_label = _("Municipalities")
    list_display = ["name_nl", "name_fr", "nis_code", "province", "region", "is_current"]
    list_filter = ["region", "province", "is_current"]
    search_fields = ["name_nl", "name_fr", "nis_code"]
    search_backend_name = None
    inspect_view_enabled = True
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[Municipality]:
        return Municipality.objects.select_related("province", "region")


class MunicipalitiesViewSetGroup(SnippetViewSetGroup):
    items = (
        CommitmentViewSet,
        CorrectionProposalViewSet,
        CampaignCycleViewSet,
        MunicipalityViewSet,
    )
    menu_label = _("Municipalities")
    menu_icon = "site"
