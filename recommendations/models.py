from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import SectionPage
from core.text_analysis import SearchTermsMixin
from ops.services import page_cache_fragment

from .blocks import RecommendationBodyBlock
from .forms import RecommendationPageForm


class Theme(TranslatableMixin, models.Model):
    """A policy theme (housing, shelter, work...) that groups recommendations.

    The slug stays the same in every language, so a theme filter link keeps
    working when the visitor switches language.
    """

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)

    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]
    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_theme_slug_per_locale")
        ]

    def __str__(self) -> str:
        return self.name


class RecommendationIndexPage(RoutablePageMixin, SectionPage):
    api_fields = [APIField("intro")]
    subpage_types = ["recommendations.RecommendationPage"]
    home_template = "recommendations/includes/home_section.html"
    hero_action_label = _("Read the 10 recommendations")

    class Meta:
        verbose_name = _("recommendation index page")

    @path("")
    def index_view(self, request):
        from .selectors import recommendation_list, recommendations_pdf, theme_list

        themes = theme_list(locale_id=self.locale_id)
        selected = next((t for t in themes if t.slug == request.GET.get("theme")), None)
        return self.render(
            request,
            context_overrides={
                "recommendations": recommendation_list(index=self, theme=selected),
                "themes": themes,
                "selected_theme": selected,
                "recommendations_pdf": recommendations_pdf(index=self),
            },
        )

    def get_cached_paths(self) -> list[str]:
        # The printable leaflet lists the recommendations too.
        return ["/", "print/"]

    @cached_property
    def live_recommendations(self) -> list["RecommendationPage"]:
        """The numbered cards on the home page."""
        return list(RecommendationPage.objects.child_of(self).live().order_by("number"))

    def home_preload(self) -> None:
        self.live_recommendations  # noqa: B018 (read for the home page to keep)

    @path("download/", name="download")
    def download(self, request):
        """The stable address of the PDF of the recommendations in this language."""
        from .views import recommendations_pdf_download

        return recommendations_pdf_download(request, index=self)

    @path("print/", name="print")
    def print_view(self, request):
        from .selectors import recommendation_list

        return self.render(
            request,
            template="recommendations/recommendation_index_page_print.html",
            context_overrides={"recommendations": recommendation_list(index=self)},
        )


class RecommendationPage(SearchTermsMixin, Page):
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    lead = models.TextField(_("lead"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional; also the picture when the page is shared."),
    )
    body = StreamField(RecommendationBodyBlock(), verbose_name=_("body"), blank=True)
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    related_recommendations = ParentalManyToManyField(
        "self", verbose_name=_("related recommendations"), blank=True, symmetrical=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("number"),
        FieldPanel("lead"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("related_recommendations"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("search_terms"),
        index.FilterField("number"),
    ]
    api_fields = [APIField("number"), APIField("lead"), APIField("body")]
    # The previous and next links of the recommendations beside it show these:
    # the page cache refreshes those pages when a publish changes one.
    fields_shown_by_siblings = ("title", "number")
    base_form_class = RecommendationPageForm
    parent_page_types = ["recommendations.RecommendationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("recommendation")
        ordering = ["number"]

    def search_extra_texts(self) -> list[str]:
        """Its themes' names in its language: "Wonen" finds what is tagged with it."""
        from .selectors import theme_localized

        return [t.name for t in theme_localized(themes=self.themes.all(), locale_id=self.locale_id)]

    @property
    def lead_opens_body(self) -> bool:
        """Whether the body's first paragraph already starts with the lead (the
        campaign's loader takes a recommendation's first sentence as its lead):
        the page then shows that sentence once, in the body, with its emphasis."""
        first_block = next(iter(self.body), None)
        if not self.lead or first_block is None or first_block.block_type != "paragraph":
            return False
        body_text = " ".join(strip_tags(str(first_block.value)).split())
        return body_text.startswith(" ".join(self.lead.split()).rstrip("."))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Kept with the page's cached copies: a publish that changes one of
        # these pages or themes makes them stale with the page.
        context.update(
            page_cache_fragment(
                key=f"recommendation-links:{self.pk}", build=self._links, request=request
            )
        )
        return context

    def _links(self) -> dict:
        """The pages and themes the page links to."""
        from .selectors import recommendation_neighbours, recommendation_related, theme_localized

        previous, following = recommendation_neighbours(page=self)
        return {
            "previous": previous,
            "next": following,
            "related": recommendation_related(page=self),
            "page_themes": theme_localized(themes=self.themes.all(), locale_id=self.locale_id),
        }


class RecommendationsPdf(models.Model):
    """The PDF a worker generated of the recommendations under an index page, in
    its language: a row of its own rather than a page field, so no revision
    published later writes another file back over it. Generating again replaces
    this document's file."""

    index = models.OneToOneField(
        RecommendationIndexPage,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="generated_pdf",
    )
    document = models.OneToOneField(
        "wagtaildocs.Document", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When the pages were read: a publish after it makes the PDF stale.
    generated_at = models.DateTimeField(_("generated at"), null=True)

    class Meta:
        verbose_name = _("generated recommendations PDF")

    def __str__(self) -> str:
        return f"{self.index_id}: {self.document_id}"
