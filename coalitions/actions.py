"""The admin's edit action for coalitions: it saves through the service, so
that the public pages showing a listed coalition follow an editor's change."""

from wagtail.actions.edit import EditAction

from coalitions.services.coalitions import coalition_update


class CoalitionEditAction(EditAction):
    def _save_instance(self):
        # Coalitions have no many-to-many fields: the unsaved instance is enough.
        instance = self.form.save(commit=False) if self.form else self.instance
        changed = self.form.changed_data if self.form else []
        self.instance = coalition_update(coalition=instance, changed=changed)
