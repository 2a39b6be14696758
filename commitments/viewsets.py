"""Admin screens: commitments per cycle, the corrections queue, the cycles,
and, from the municipalities app, the municipalities, in one menu group."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from municipalities.viewsets import MunicipalityViewSet

from .admin_views import IMPORT_PERMISSIONS, CommitmentImportView
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


class CommitmentImportMenuItem(MenuItem):
    def is_shown(self, request):
        return all(request.user.has_perm(p) for p in IMPORT_PERMISSIONS)


class CommitmentImportViewSet(ViewSet):
    icon = "upload"
    menu_label = _("Import commitments")
    menu_item_class = CommitmentImportMenuItem

    def get_urlpatterns(self):
        return [path("", CommitmentImportView.as_view(), name="index")]


class MunicipalitiesViewSetGroup(SnippetViewSetGroup):
    items = (
        CommitmentViewSet,
        CommitmentImportViewSet("commitment_import"),
        CorrectionProposalViewSet,
        CampaignCycleViewSet,
        MunicipalityViewSet,
    )
    menu_label = _("Municipalities")
    # Else slugified from the label in the language active when the menu is
    # first built ("gemeenten"), which differs from process to process.
    menu_name = "municipalities"
    menu_icon = "site"
