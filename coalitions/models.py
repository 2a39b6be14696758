from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from coalitions.forms import CoachingApplicationForm, CoalitionSignupForm
from core.form_pages import PublicFormPageMixin
from core.models import SectionPage

from .handbook.models import (  # noqa: F401
    HandbookDownloadCount,
    HandbookDownloadMonth,
    HandbookPage,
    HandbookPdf,
)

LANGUAGE_CHOICES = settings.LANGUAGES


class CoachingPage(PublicFormPageMixin, SectionPage):
    """The page where towns apply for one of ORBIT's coaching slots.

    Translations share the Dutch page's capacity and its one list of
    applications: the services always resolve a translation to its source.
    """

    capacity = models.PositiveSmallIntegerField(
        _("coaching slots"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Only the Dutch page's number counts; translations share it."),
    )

    content_panels = [*SectionPage.content_panels, FieldPanel("capacity")]
    call_to_action_label = _("Apply for coaching")
    card_template = "coalitions/includes/coaching_card.html"
    form_class = CoachingApplicationForm

    class Meta:
        verbose_name = _("coaching page")

    # Services and selectors import these models, hence the imports inside.
    def slot_usage(self):
        """Taken and open slots, for the form and the page's card on the home page."""
        from coalitions.selectors import coaching_slot_usage

        return coaching_slot_usage(page=self)

    def get_form_context(self, request):
        return {"usage": self.slot_usage()}

    def process_form_submission(self, form: CoachingApplicationForm) -> str:
        from coalitions.confirmations import coaching_confirmation_text
        from coalitions.services import coaching_application_create

        outcome = coaching_application_create(
            page=self, language=self.locale.language_code, **form.service_data()
        )
        return coaching_confirmation_text(outcome=outcome)


class CoalitionIndexPage(PublicFormPageMixin, SectionPage):
    """The public list of local migration coalitions, by municipality, with the
    sign-up form. Like the coaching page, translations share one list."""

    call_to_action_label = _("Start a coalition")
    form_class = CoalitionSignupForm

    class Meta:
        verbose_name = _("coalition index page")

    def get_form_context(self, request):
        from coalitions.selectors import coalitions_listed_by_municipality

        return {"municipalities": coalitions_listed_by_municipality()}

    def process_form_submission(self, form: CoalitionSignupForm) -> str:
        from coalitions.confirmations import coalition_confirmation_text
        from coalitions.services import coalition_register

        registration = coalition_register(
            page=self, language=self.locale.language_code, **form.service_data()
        )
        return coalition_confirmation_text(registration=registration)


class Coalition(models.Model):
    """A local migration coalition, registered by a local group."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        LISTED = "listed", _("listed")
        HIDDEN = "hidden", _("hidden")
        SPAM = "spam", _("spam")

    municipality = models.CharField(_("municipality"), max_length=100)
    municipality_key = models.CharField(max_length=100, editable=False)
    name = models.CharField(_("coalition name"), max_length=150)
    partners = models.TextField(_("partner organisations"), max_length=2000, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
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
        ordering = ["municipality", "name"]
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
        return f"{self.name} ({self.municipality})"


class CoachingSlot(models.Model):
    """One of the coaching places of a (source-language) CoachingPage.

    The services keep exactly the numbers 1..capacity for each page, under a lock
    on the page row. An application holds a slot through a one-to-one key, so the
    database itself refuses a second holder for a slot and, since there are only
    `capacity` slot rows, more holders than places: even a write that bypasses
    the services cannot overbook.
    """

    page = models.ForeignKey(CoachingPage, on_delete=models.CASCADE, related_name="slots")
    number = models.PositiveSmallIntegerField(_("slot"))

    class Meta:
        verbose_name = _("coaching slot")
        ordering = ["page", "number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="coaching_slot_unique_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=100),
                name="coaching_slot_number_in_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.number)


class CoachingApplication(models.Model):
    """A town's application for coaching: it holds a slot or waits for one."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        ACCEPTED = "accepted", _("accepted")
        WAITLISTED = "waitlisted", _("waitlisted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")
        SPAM = "spam", _("spam")

    HOLDING_STATUSES = (Status.RECEIVED, Status.ACCEPTED)

    page = models.ForeignKey(CoachingPage, on_delete=models.PROTECT, related_name="applications")
    slot = models.OneToOneField(
        CoachingSlot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="holder",
        verbose_name=_("slot"),
    )
    municipality = models.CharField(_("municipality"), max_length=100)
    municipality_key = models.CharField(max_length=100, editable=False)
    coalition_name = models.CharField(_("coalition"), max_length=150)
    contact_name = models.CharField(_("contact person"), max_length=150)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    motivation = models.TextField(_("motivation"), max_length=4000)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    privacy_consented_at = models.DateTimeField(
        _("privacy consent given at"), null=True, blank=True
    )
    # Set when the retention period ran out and the contact details were wiped.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    notified_at = models.DateTimeField(_("coordinator notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("coaching application")
        verbose_name_plural = _("coaching applications")
        ordering = ["-submitted_at"]
        # Exporting or erasing everything stored about one person reaches across
        # applications, coalitions and emails; granted to the "ORBIT coaching" group.
        permissions = [("manage_personal_data", _("Can export and erase personal data"))]
        constraints = [
            # Spam does not count: a bot that used a town's name must not keep
            # the real town from applying.
            models.UniqueConstraint(
                fields=["page", "municipality_key"],
                condition=~models.Q(status="spam"),
                name="coaching_one_application_per_town",
            ),
            # A slot is held exactly while the application is received or accepted.
            models.CheckConstraint(
                condition=(
                    models.Q(status__in=["received", "accepted"], slot__isnull=False)
                    | (~models.Q(status__in=["received", "accepted"]) & models.Q(slot__isnull=True))
                ),
                name="coaching_slot_held_only_when_holding",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.get_status_display()})"

    @property
    def slot_number(self) -> int | None:
        return self.slot.number if self.slot_id else None


class OutboxEmail(models.Model):
    """An email to send, written in the same transaction as the change it reports.

    Subject, body and Message-ID are fixed when the row is created, so every
    attempt sends the very same message: a mail client shows a duplicate caused
    by a worker dying mid-send as one message.
    """

    class Kind(models.TextChoices):
        COACHING_COORDINATOR = "coaching_coordinator", _("coaching application to the coordinator")
        COACHING_CONFIRMATION = "coaching_confirmation", _("coaching confirmation")
        COACHING_DECISION = "coaching_decision", _("coaching decision")
        COALITION_COORDINATOR = "coalition_coordinator", _("coalition sign-up to the coordinator")
        COALITION_CONFIRMATION = "coalition_confirmation", _("coalition sign-up confirmation")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    recipient = models.EmailField(_("recipient"), max_length=254)
    reply_to = models.EmailField(_("reply to"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    application = models.ForeignKey(
        CoachingApplication,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="emails",
    )
    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, null=True, blank=True, related_name="emails"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    # Not before this moment: a worker's lease while it sends, or the backoff
    # after a failure. The sweep re-enqueues pending rows well past it.
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"
