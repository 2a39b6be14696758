from wagtail import hooks
from wagtail.snippets.models import register_snippet

from core.templatetags.orbit_addons import PAGE_ADDONS_HOOK

from .actions import CommitmentCreateAction, CommitmentEditAction
from .models import Commitment
from .views import recommendation_adoption_render
from .viewsets import MunicipalitiesViewSetGroup

register_snippet(MunicipalitiesViewSetGroup)
hooks.register(PAGE_ADDONS_HOOK, recommendation_adoption_render)


@hooks.register("register_actions")
def register_commitment_actions(registry) -> None:
    registry.register(Commitment, CommitmentCreateAction)
    registry.register(Commitment, CommitmentEditAction)
