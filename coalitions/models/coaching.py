"""Coaching: the page where towns apply, its slots, and the applications."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from coalitions.forms import CoachingApplicationForm
from core.form_pages import PublicFormPageMixin
from core.models import SectionFigure, SectionPage

from .towns import TownFields

ABOUT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


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

    # What a town needs to know before applying, shown beside the slots left;
    # translated in wagtail-localize like the rest of the page.
    coaching_what = RichTextField(_("what coaching is"), features=ABOUT_FEATURES, blank=True)
    coaching_for_whom = RichTextField(_("for whom"), features=ABOUT_FEATURES, blank=True)
    coaching_timeline = RichTextField(_("timeline"), features=ABOUT_FEATURES, blank=True)
    coaching_allocation = RichTextField(
        _("how places are given"), features=ABOUT_FEATURES, blank=True
    )

    content_panels = [
        *SectionPage.content_panels,
        FieldPanel("capacity"),
        MultiFieldPanel(
            [
                FieldPanel("coaching_what"),
                FieldPanel("coaching_for_whom"),
                FieldPanel("coaching_timeline"),
                FieldPanel("coaching_allocation"),
            ],
            heading=_("About coaching"),
        ),
    ]
    call_to_action_label = _("Apply for coaching")
    card_template = "coalitions/includes/coaching_card.html"
    form_class = CoachingApplicationForm

    class Meta:
        verbose_name = _("coaching page")

    # Services and selectors import these models, hence the imports inside.
    @cached_property
    def slot_usage(self):
        """Taken and open slots, for the form, the page's card and its figure on
        the home page: counted once per render."""
        from coalitions.selectors.coaching import coaching_slot_usage

        return coaching_slot_usage(page=self)

    def get_form_context(self, request):
        return {"usage": self.slot_usage}

    def home_preload(self) -> None:
        self.slot_usage  # noqa: B018 (read for the home page to keep, for the card)

    def home_figures(self) -> list[SectionFigure]:
        coached = self.slot_usage.accepted
        return [SectionFigure(coached, ngettext("town coached", "towns coached", coached))]

    def process_form_submission(self, form: CoachingApplicationForm) -> str:
        from coalitions.confirmations import coaching_confirmation_text
        from coalitions.services.coaching import coaching_application_create

        outcome = coaching_application_create(
            page=self, language=self.locale.language_code, **form.service_data()
        )
        return coaching_confirmation_text(outcome=outcome)


class CoachingSlot(models.Model):
    """One of the coaching places of a (source-language) CoachingPage.

    The services keep exactly the numbers 1..capacity for each page, under a lock
    on the page row. An application holds a slot through a one-to-one key, so the
    database itself refuses a second holder for a slot and, since there are only
    `capacity` slot rows, more holders than places: even a write that bypasses
    the services cannot overbook.
    """

    page = models.ForeignKey(
        CoachingPage,
        on_delete=models.CASCADE,
        related_name="slots",
        verbose_name=_("coaching page"),
    )
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


class CoachingApplication(TownFields):
    """A town's application for coaching: it holds a slot or waits for one."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        ACCEPTED = "accepted", _("accepted")
        WAITLISTED = "waitlisted", _("waitlisted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")
        SPAM = "spam", _("spam")

    HOLDING_STATUSES = (Status.RECEIVED, Status.ACCEPTED)

    # Each decision an editor can take: the status it leads to, and the
    # statuses it applies to. Leaving a slot (decline, withdraw, spam) frees it.
    DECISIONS = {
        "accept": Status.ACCEPTED,
        "decline": Status.DECLINED,
        "withdraw": Status.WITHDRAWN,
        "spam": Status.SPAM,
    }
    DECISION_LABELS = {
        "accept": _("Accept"),
        "decline": _("Decline"),
        "withdraw": _("Withdraw"),
        "spam": _("Mark as spam"),
    }
    DECISIONS_FROM = {
        "accept": {Status.RECEIVED},
        "decline": {Status.RECEIVED, Status.ACCEPTED, Status.WAITLISTED},
        "withdraw": {Status.RECEIVED, Status.ACCEPTED, Status.WAITLISTED},
        "spam": {
            Status.RECEIVED,
            Status.ACCEPTED,
            Status.WAITLISTED,
            Status.DECLINED,
            Status.WITHDRAWN,
        },
    }

    page = models.ForeignKey(
        CoachingPage,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("coaching page"),
    )
    slot = models.OneToOneField(
        CoachingSlot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="holder",
        verbose_name=_("slot"),
    )
    coalition_name = models.CharField(_("coalition"), max_length=150)
    contact_name = models.CharField(_("contact person"), max_length=150)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    motivation = models.TextField(_("motivation"), max_length=4000)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
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
            # One application per town and coaching page. Spam does not count:
            # a bot that used a town's name must not keep the real town from
            # applying. A town from the reference list is one town whatever
            # its spelling; a row without one (from before the forms asked for
            # a listed town) is compared by its typed name's key.
            models.UniqueConstraint(
                fields=["page", "municipality"],
                condition=~models.Q(status="spam"),
                name="coaching_one_application_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["page", "municipality_key"],
                condition=~models.Q(status="spam") & models.Q(municipality__isnull=True),
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
        return f"{self.municipality_name} ({self.get_status_display()})"

    @property
    def slot_number(self) -> int | None:
        return self.slot.number if self.slot_id else None

    def decisions_allowed(self) -> list[str]:
        return [
            decision
            for decision, statuses in self.DECISIONS_FROM.items()
            if self.status in statuses
        ]
