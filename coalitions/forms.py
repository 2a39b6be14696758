"""The public forms: a coalition sign-up and a coaching application."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from municipalities.forms import MunicipalityField

phone_validator = RegexValidator(
    r"^\+?[0-9 ()./-]{6,40}$",
    _("Enter a phone number with digits only, for example +32 2 123 45 67."),
)


# Control characters and line or paragraph separators: in a one-line field they
# only serve to forge lines (a fake header line in the body of the emails).
CONTROL_CATEGORIES = {"Cc", "Zl", "Zp"}


def single_line_validator(value: str) -> None:
    if any(unicodedata.category(character) in CONTROL_CATEGORIES for character in value):
        raise ValidationError(
            _("Please write this on one line, without line breaks or control characters."),
            code="control_characters",
        )


class PublicForm(forms.Form):
    """Fields every public form shares, and a honeypot: a field hidden from
    people (and from screen readers) that only bots fill in."""

    honeypot_name = "homepage_url"

    # A town of the reference list, typed as a name in Dutch or French or a
    # postal code, with the names suggested in the page's language.
    municipality = MunicipalityField(label=_("Municipality"))
    contact_name = forms.CharField(label=_("Contact person"), max_length=150)
    email = forms.EmailField(label=_("Email"), max_length=254)
    phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, validators=[phone_validator]
    )
    homepage_url = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # The template links the privacy notice right beside this box.
    privacy_consent = forms.BooleanField(
        label=_(
            "I agree that ORBIT stores the data in this form to handle it, "
            "as the privacy notice explains."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Our own wording, translated in this app's catalogue, for the two
        # mistakes visitors make most.
        for field in self.fields.values():
            field.error_messages["required"] = _("Please fill in this field.")
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Textarea):
                field.validators.append(single_line_validator)  # no forged lines
        self.fields["email"].error_messages["invalid"] = _(
            "Enter an email address such as name@example.org."
        )
        self.fields["privacy_consent"].error_messages["required"] = _(
            "Please accept the privacy notice: without it we cannot store your data."
        )

    def is_from_bot(self) -> bool:
        return bool(self.cleaned_data.get(self.honeypot_name))

    def service_data(self) -> dict:
        """The cleaned fields, without the honeypot, for the service: the
        municipality as the reference list's town and its name in the page's
        language (what the emails and the listings show)."""
        data = {
            name: value for name, value in self.cleaned_data.items() if name != self.honeypot_name
        }
        town = data.pop("municipality")
        return {**data, "municipality_name": town.name, "municipality": town}


class CoachingApplicationForm(PublicForm):
    coalition_name = forms.CharField(label=_("Name of the coalition or group"), max_length=150)
    motivation = forms.CharField(
        label=_("Why would you like coaching?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    field_order = [
        "municipality",
        "coalition_name",
        "contact_name",
        "email",
        "phone",
        "motivation",
    ]


class CoalitionSignupForm(PublicForm):
    name = forms.CharField(label=_("Name of the coalition"), max_length=150)
    partners = forms.CharField(
        label=_("Partner organisations"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One organisation per line."),
    )
    listing_consent = forms.BooleanField(
        label=_("You may list our coalition publicly on this site."), required=False
    )

    field_order = [
        "municipality",
        "name",
        "partners",
        "contact_name",
        "email",
        "phone",
        "listing_consent",
    ]


class PersonalDataLookupForm(forms.Form):
    """The admin's question: what is stored about this address?"""

    email = forms.EmailField(label=_("Email address"), max_length=254)


class PersonalDataEraseForm(PersonalDataLookupForm):
    confirm = forms.BooleanField(
        label=_("Yes, delete everything stored about this address. This cannot be undone.")
    )
