from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class RecommendationPageForm(WagtailAdminPageForm):
    """The admin form: a recommendation's number is unique among its siblings.

    The check lives in the form because a page being created has no parent in
    the tree yet; the form knows the parent the editor is adding it under.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Translations share the source's themes and links (wagtail-localize
        # synchronises them), so editors always choose among the Dutch ones.
        source = {"locale__language_code": settings.LANGUAGE_CODE}
        for name in ("themes", "related_recommendations"):
            if name in self.fields:
                queryset = self.fields[name].queryset.filter(**source)
                if self.instance.pk:
                    queryset = queryset.exclude(pk=self.instance.pk)
                self.fields[name].queryset = queryset

    def clean(self):
        from .selectors import recommendation_number_taken

        cleaned_data = super().clean()
        number = cleaned_data.get("number")
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        if (
            number is not None
            and parent is not None
            and recommendation_number_taken(parent=parent, number=number, exclude=self.instance)
        ):
            self.add_error(
                "number",
                _("Recommendation %(number)s already exists here; choose another number.")
                % {"number": number},
            )
        return cleaned_data
