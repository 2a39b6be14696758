"""Local migration coalitions: the public list with its sign-up form, and the sign-ups."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coalitions.forms import CoalitionSignupForm
from core.form_pages import PublicFormPageMixin
from core.models import SectionFigure, SectionPage

from .towns import TownFields


class CoalitionIndexPage(PublicFormPageMixin, SectionPage):
    """The public list of local migration coalitions, by municipality, with the
    sign-up form. Like the coaching page, translations share one list."""

    call_to_action_label = _("Start a coalition")
    form_class = CoalitionSignupForm

    class Meta:
        verbose_name = _("coalition index page")

    # Services and selectors import these models, hence the imports inside.
    def get_form_context(self, request):
        from coalitions.selectors.coalitions import coalitions_listed_by_municipality

        return {"municipalities": coalitions_listed_by_municipality()}

    def home_figures(self) -> list[SectionFigure]:
        from coalitions.selectors.coalitions import coalitions_listed_count

        count = coalitions_listed_count()
        return [SectionFigure(count, ngettext("local coalition", "local coalitions", count))]

    def process_form_submission(self, form: CoalitionSignupForm) -> str:
        from coalitions.confirmations import coalition_confirmation_text
        from coalitions.services.coalitions import coalition_register

        registration = coalition_register(
            page=self, language=self.locale.language_code, **form.service_data()
        )
        return coalition_confirmation_text(registration=registration)


class Coalition(TownFields):
    """A local migration coalition, registered by a local group."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        LISTED = "listed", _("listed")
        HIDDEN = "hidden", _("hidden")
        SPAM = "spam", _("spam")

    # Each decision an editor can take, and the status it leads to.
    DECISIONS = {
        "list": Status.LISTED,
        "hide": Status.HIDDEN,
        "spam": Status.SPAM,
    }
    DECISION_LABELS = {
        "list": _("List publicly"),
        "hide": _("Hide"),
        "spam": _("Mark as spam"),
    }

    name = models.CharField(_("coalition name"), max_length=150)
    partners = models.TextField(_("partner organisations"), max_length=2000, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    listing_consent = models.BooleanField(_("may be listed publicly"), default=False)
    # When the contact agreed to the privacy notice; empty for sign-ups made
    # before the form asked for it.
    privacy_consented_at = models.DateTimeField(
        _("privacy consent given at"), null=True, blank=True
    )
    # Set when the retention period ran out and the contact details were wiped.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        ordering = ["municipality_name", "name"]
        constraints = [
            # A repeated submit of the same sign-up is recognised, not stored twice;
            # the address compared as the service compares it, whatever its case.
            models.UniqueConstraint(
                "municipality_key", Lower("email"), name="coalition_one_signup_per_contact"
            ),
            # Listing someone who did not agree to it is never allowed, not even by hand.
            models.CheckConstraint(
                condition=~models.Q(status="listed") | models.Q(listing_consent=True),
                name="coalition_listed_only_with_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality_name})"

    def decisions_allowed(self) -> list[str]:
        """Any change of status, except listing a coalition that did not consent."""
        return [
            decision
            for decision, status in self.DECISIONS.items()
            if status != self.status and (decision != "list" or self.listing_consent)
        ]
