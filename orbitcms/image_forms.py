"""The image form of the Wagtail admin, with the description required: Wagtail
uses an image's description as its default alt text (WCAG 2.1, 1.1.1)."""

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class AltTextRequiredImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Partial forms (a focal point update) may leave the description out.
        if "description" in self.fields:
            description = self.fields["description"]
            description.required = True
            description.label = _("Alt text")
            description.help_text = _(
                "Describe what the image shows for people who cannot see it, "
                "for example “Volunteers of a local coalition at the town hall”."
            )
