"""The municipality picker every public form can use."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import Municipality
from .selectors import (
    POSTAL_CODE,
    municipalities_current,
    municipality_lookup,
    municipality_names,
    postal_code_owners,
)


class MunicipalityInput(forms.TextInput):
    """A text box with the municipalities' names, in the page's language, as
    a native `<datalist>`: suggestions without JavaScript."""

    template_name = "municipalities/widgets/municipality_input.html"

    def __init__(self, queryset: QuerySet[Municipality] | None = None, attrs=None):
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.queryset = queryset

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id', name)}-list"
        context["widget"]["attrs"]["list"] = list_id
        context["list_id"] = list_id
        context["names"] = municipality_names(
            queryset=self.queryset if self.queryset is not None else municipalities_current(),
            language=get_language() or "nl",
        )
        return context


class MunicipalityField(forms.CharField):
    """A municipality typed as a postal code or an official name in Dutch or
    French, case and accents folded: "Gent", "gent", "Gand" and "9000" give
    the same Municipality."""

    widget = MunicipalityInput
    default_error_messages = {
        "unknown": _(
            "We do not know the municipality “%(text)s”. Type the name of a Belgian "
            "municipality in Dutch or French (for example Gent or Gand) or its "
            "four-digit postal code (for example 9000)."
        ),
        "ambiguous": _(
            "Postal code %(text)s belongs to more than one municipality: %(choices)s. "
            "Type the name of yours."
        ),
        "mismatch": _(
            "Postal code %(code)s and the name “%(name)s” do not match: %(code)s is the "
            "postal code of %(choices)s. Type only the postal code or only the name of "
            "your municipality."
        ),
    }

    def __init__(self, *, queryset: QuerySet[Municipality] | None = None, **kwargs):
        kwargs.setdefault("label", _("Municipality"))
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("help_text", _("The name in Dutch or French, or the postal code."))
        super().__init__(**kwargs)
        self.queryset = queryset
        self.widget.queryset = queryset

    def prepare_value(self, value):
        return value.name if isinstance(value, Municipality) else value

    def to_python(self, value) -> Municipality | None:
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        found = municipality_lookup(text=text, queryset=self.queryset)
        if not found:
            owners = postal_code_owners(text=text, queryset=self.queryset)
            if owners:
                # The folded text began with the code, so the typed one holds it.
                code, name = POSTAL_CODE.search(text).groups()
                raise ValidationError(
                    self.error_messages["mismatch"],
                    code="mismatch",
                    params={
                        "code": code,
                        "name": name.strip(" ,-"),
                        "choices": ", ".join(m.name for m in owners),
                    },
                )
            raise ValidationError(
                self.error_messages["unknown"], code="unknown", params={"text": text}
            )
        if len(found) > 1:
            raise ValidationError(
                self.error_messages["ambiguous"],
                code="ambiguous",
                params={"text": text, "choices": ", ".join(m.name for m in found)},
            )
        return found[0]

    def validate(self, value) -> None:
        # The length validators apply to the typed text, not to the town found.
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value) -> None:
        pass
