"""The form of the municipality pages: right of reply."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CommitmentStatus
from .selectors import RecommendationStatus


class CorrectionForm(forms.Form):
    """Right of reply: a correction to one recommendation's status, with a source."""

    honeypot_name = "homepage_url"

    recommendation = forms.TypedChoiceField(label=_("Recommendation"), coerce=int)
    proposed_status = forms.ChoiceField(label=_("Correct status"), choices=CommitmentStatus.choices)
    source_url = forms.URLField(
        label=_("Source"),
        max_length=500,
        assume_scheme="https",
        help_text=_("A web address where the decision or plan can be read."),
    )
    message = forms.CharField(
        label=_("Explanation"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    email = forms.EmailField(
        label=_("Your email (optional)"),
        max_length=254,
        required=False,
        help_text=_("Only if you would like an answer. It is never published."),
    )
    homepage_url = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, recommendations: list[RecommendationStatus], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].choices = [
            (r.source_id, f"{r.recommendation.number}. {r.recommendation.title}")
            for r in recommendations
        ]

    def is_from_bot(self) -> bool:
        return bool(self.cleaned_data.get(self.honeypot_name))
