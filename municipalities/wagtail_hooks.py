from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .actions import CommitmentCreateAction, CommitmentEditAction
from .models import Commitment
from .viewsets import MunicipalitiesViewSetGroup

register_snippet(MunicipalitiesViewSetGroup)


@hooks.register("register_actions")
def register_commitment_actions(registry) -> None:
    registry.register(Commitment, CommitmentCreateAction)
    registry.register(Commitment, CommitmentEditAction)
