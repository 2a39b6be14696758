from wagtail import hooks
from wagtail.snippets.models import register_snippet

from coalitions.selectors.personal_data import PERSONAL_DATA_HOOK
from core.templatetags.orbit_addons import PAGE_ADDONS_HOOK

from .actions import CommitmentCreateAction, CommitmentEditAction
from .models import Commitment
from .personal_data import CorrectionProposalPersonalData
from .views import recommendation_adoption_render
from .viewsets import MunicipalitiesViewSetGroup

register_snippet(MunicipalitiesViewSetGroup)
hooks.register(PAGE_ADDONS_HOOK, recommendation_adoption_render)
hooks.register(PERSONAL_DATA_HOOK, CorrectionProposalPersonalData)


@hooks.register("register_actions")
def register_commitment_actions(registry) -> None:
    registry.register(Commitment, CommitmentCreateAction)
    registry.register(Commitment, CommitmentEditAction)
