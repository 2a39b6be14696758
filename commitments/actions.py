"""The admin's create and edit actions for commitments: they save through the
service, so an editor's change is checked and logged like any other."""

from wagtail.actions.create import CreateAction
from wagtail.actions.edit import EditAction

from .services import commitment_record


class CommitmentSaveMixin:
    def _save_instance(self):
        # Commitments have no many-to-many fields: the unsaved instance is enough.
        instance = self.form.save(commit=False) if self.form else self.instance
        self.instance = commitment_record(commitment=instance)


class CommitmentCreateAction(CommitmentSaveMixin, CreateAction):
    pass


class CommitmentEditAction(CommitmentSaveMixin, EditAction):
    pass
