"""What each council does with the campaign's recommendations, per election
cycle: commitments and their public change log, the corrections the public
proposes, and the page that shows them (the municipalities overview and a
page per municipality).

These models began in the municipalities app: their tables keep the names they
had there (`db_table`), so moving them (migrations/0001) moved no row.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from coalitions.models import OutboxEmail
from core.models import SectionFigure, SectionPage
from municipalities.models import Municipality
from recommendations.models import RecommendationPage


class CampaignCycle(models.Model):
    """An election cycle: commitments are recorded per cycle, so the next
    one starts empty while the earlier ones stay readable."""

    election_year = models.PositiveSmallIntegerField(_("local elections of"), unique=True)
    is_current = models.BooleanField(
        _("current cycle"),
        default=False,
        help_text=_(
            "The municipality pages show the current cycle unless a visitor picks another."
        ),
    )

    panels = [FieldPanel("election_year"), FieldPanel("is_current")]

    class Meta:
        verbose_name = _("campaign cycle")
        db_table = "municipalities_campaigncycle"
        verbose_name_plural = _("campaign cycles")
        ordering = ["-election_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_cycle"
            )
        ]

    def __str__(self) -> str:
        return str(_("Local elections %(year)s") % {"year": self.election_year})


class CommitmentStatus(models.TextChoices):
    NO_INFORMATION = "no_information", _("no information")
    PROMISED = "promised", _("promised (coalition agreement or policy plan)")
    COUNCIL_DECISION = "council_decision", _("council decision")
    IMPLEMENTED = "implemented", _("implemented")
    REJECTED = "rejected", _("rejected")


# A recommendation counts as adopted once the council decided it or it is done.
ADOPTED_STATUSES = [CommitmentStatus.COUNCIL_DECISION, CommitmentStatus.IMPLEMENTED]

# Only "no information" may be published without a source and a date.
SOURCED = Q(status=CommitmentStatus.NO_INFORMATION) | (
    Q(decided_on__isnull=False) & (~Q(source_url="") | Q(source_document__isnull=False))
)


class CommitmentFields(models.Model):
    """What a commitment says publicly; kept again in every logged change."""

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.NO_INFORMATION,
    )
    decided_on = models.DateField(_("date"), null=True, blank=True)
    source_url = models.URLField(_("source (web address)"), max_length=500, blank=True)
    source_document = models.ForeignKey(
        "wagtaildocs.Document",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source (document)"),
    )
    note = models.CharField(_("public note"), max_length=500, blank=True)

    class Meta:
        abstract = True

    @property
    def source_link(self) -> str:
        if self.source_document_id:
            return self.source_document.url
        return self.source_url


class Commitment(CommitmentFields):
    """Where one municipality stands on one recommendation in one cycle.
    Written only through services.commitment_record, which logs every change."""

    # commitment_record (and, for a deletion, this app's post_delete receiver)
    # refreshes the pages that show it: the town's page, the overview, the
    # recommendation and the home totals. Ops' snippet receiver would
    # otherwise clear the whole page cache on each save.
    shown_on_pages = False

    municipality = models.ForeignKey(
        Municipality,
        models.PROTECT,
        related_name="commitments",
        verbose_name=_("municipality"),
        limit_choices_to={"is_current": True},
    )
    # The Dutch source page: its translations are found by translation key.
    recommendation = models.ForeignKey(
        RecommendationPage,
        models.PROTECT,
        limit_choices_to={"locale__language_code": "nl"},
        related_name="commitments",
        verbose_name=_("recommendation"),
    )
    cycle = models.ForeignKey(
        CampaignCycle, models.PROTECT, related_name="commitments", verbose_name=_("cycle")
    )
    is_sample = models.BooleanField(
        _("example data"),
        default=False,
        help_text=_("Loaded by the trial install; shown with a notice that it is an example."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("cycle"),
        FieldPanel("municipality"),
        FieldPanel("recommendation"),
        FieldPanel("status"),
        FieldPanel("decided_on"),
        FieldPanel("source_url"),
        FieldPanel("source_document"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("commitment")
        db_table = "municipalities_commitment"
        verbose_name_plural = _("commitments")
        ordering = ["municipality__name_nl", "recommendation__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "recommendation", "cycle"],
                name="one_commitment_per_municipality_recommendation_cycle",
            ),
            models.CheckConstraint(condition=SOURCED, name="commitment_sourced_unless_unknown"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} · {self.recommendation} · {self.get_status_display()}"

    def clean(self) -> None:
        from .services import commitment_check

        commitment_check(commitment=self)


class CommitmentChange(CommitmentFields):
    """One published state of a commitment, dated: the public change log."""

    commitment = models.ForeignKey(Commitment, models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("commitment change")
        db_table = "municipalities_commitmentchange"
        verbose_name_plural = _("commitment changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.changed_at:%Y-%m-%d} · {self.get_status_display()}"


class CorrectionProposal(models.Model):
    """A correction proposed by a town official or resident through the
    public form: it waits in the editors' queue. Nothing here is published."""

    # A visitor's proposal must not clear the page cache (nor purge the CDN).
    shown_on_pages = False

    class Status(models.TextChoices):
        NEW = "new", _("new")
        HANDLED = "handled", _("handled")
        DISMISSED = "dismissed", _("dismissed")

    municipality = models.ForeignKey(
        Municipality, models.CASCADE, related_name="corrections", verbose_name=_("municipality")
    )
    recommendation = models.ForeignKey(
        RecommendationPage,
        models.CASCADE,
        limit_choices_to={"locale__language_code": "nl"},
        related_name="+",
        verbose_name=_("recommendation"),
    )
    proposed_status = models.CharField(
        _("proposed status"), max_length=20, choices=CommitmentStatus.choices
    )
    source_url = models.URLField(_("source"), max_length=500)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    email = models.EmailField(_("email for follow-up"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    # The coordinator's email about it, deleted with it.
    emails = GenericRelation(
        OutboxEmail,
        object_id_field="owner_id",
        content_type_field="owner_type",
        related_query_name="correction_proposal",
    )

    panels = [FieldPanel("status")]

    class Meta:
        verbose_name = _("correction proposal")
        db_table = "municipalities_correctionproposal"
        verbose_name_plural = _("correction proposals")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.municipality} · {self.recommendation}"


class MunicipalityIndexPage(RoutablePageMixin, SectionPage):
    """The municipalities overview (`/nl/gemeenten/`) and, below it, a page
    per municipality (`/nl/gemeenten/gent/`, `/fr/communes/gand/`) with its
    correction form on a page of its own (`/nl/gemeenten/gent/correction/`),
    so that the municipality's page carries no CSRF token and is cached."""

    call_to_action_label = _("Look up your municipality")

    class Meta:
        verbose_name = _("municipality index page")
        db_table = "municipalities_municipalityindexpage"

    def home_figures(self) -> list[SectionFigure]:
        from .selectors import municipalities_adopting

        adopting = municipalities_adopting()
        label = ngettext(
            "municipality with an adopted recommendation",
            "municipalities with an adopted recommendation",
            adopting.count,
        )
        if adopting.samples:
            # The trial install's sample commitments are never shown as facts.
            label = _("%(figure)s (example data)") % {"figure": label}
        return [SectionFigure(adopting.count, label)]

    def get_cached_paths(self) -> list[str]:
        # Each town's page is a route of this page: Wagtail's front-end cache
        # purge and the page cache's refresh after a publish reach them here.
        from .selectors import municipality_page_subpaths

        return ["/", *municipality_page_subpaths(index=self)]

    @path("")
    def overview(self, request):
        from .views import municipality_overview_serve

        return municipality_overview_serve(request, page=self)

    @path("<str:slug>/", name="municipality")
    def municipality(self, request, slug: str):
        from .views import municipality_page_serve

        return municipality_page_serve(request, page=self, slug=slug)

    # The same segment in every language; the page names the town in its own.
    @path("<str:slug>/correction/", name="municipality_correction")
    def municipality_correction(self, request, slug: str):
        from .views import municipality_correction_serve

        return municipality_correction_serve(request, page=self, slug=slug)
