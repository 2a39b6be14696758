from django.conf import settings
from django.db import models
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from core.text_analysis import SearchTermsMixin


class SectionPage(SearchTermsMixin, Page):
    """A section of the site, directly under the home page (recommendations,
    handbook, coaching, coalitions): one per language, with an introduction.

    New pages of a section type appear in the main menu unless an editor
    unticks "Show in menus". The home page shows each section as a card, or,
    where a section names a `home_template`, as a block of its own; it knows
    sections only through what this class declares, never by their type.
    """

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("search_terms"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    show_in_menus_default = True

    # The button on the section's card on the home page.
    call_to_action_label = _("Read more")
    card_template = "includes/section_card.html"
    # A section shown as a block of its own on the home page rather than as a card.
    home_template: str | None = None
    # The hero's button to the first such block, if the section wants one.
    hero_action_label: str | None = None

    class Meta:
        abstract = True

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """Wagtail's routing, except that a section whose subpages are all of
        one type (the recommendations under their index) loads the child as
        that type: one query, where the generic lookup and `.specific` take two."""
        subpage_models = self.allowed_subpage_models()
        if not path_components or len(subpage_models) != 1:
            return super().route(request, path_components)
        model = subpage_models[0]
        try:
            subpage = model.objects.child_of(self).get(slug=path_components[0])
        except model.DoesNotExist as e:
            raise Http404 from e
        subpage._cached_parent_obj = self
        return subpage.route(request, path_components[1:])


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Contact details that editors may change without a deploy."""

    contact_email = models.EmailField(_("contact email"), default="amos@orbitvzw.be")
    coaching_notify_email = models.EmailField(
        _("coaching applications go to"),
        blank=True,
        help_text=_("Leave empty to use the address from the server configuration."),
    )
    dossier_url = models.URLField(_("background dossier"), blank=True)
    # A Wagtail image (PNG or WebP), not an uploaded SVG: an editor's SVG could
    # carry script, while an image is re-encoded into renditions by Wagtail.
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Replaces ORBIT's own logo in the header: a PNG or WebP, light on the "
            "dark header, at least 96 pixels high. Leave empty for the built-in logo."
        ),
    )

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("coaching_notify_email"),
        FieldPanel("dossier_url"),
        FieldPanel("logo"),
    ]

    class Meta:
        # Created by the home app before this app existed; the table kept its name.
        db_table = "home_sitesettings"
        verbose_name = _("site settings")

    @property
    def coordinator_email(self) -> str:
        return self.coaching_notify_email or settings.COACHING_NOTIFY_EMAIL


class PrivacyPage(SearchTermsMixin, Page):
    """The privacy notice: what ORBIT stores about the people who use the
    public forms, why, for how long, and how to get it exported or erased.
    Every public form links to it next to its consent box."""

    body = RichTextField(_("privacy notice"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.SearchField("search_terms"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        db_table = "home_privacypage"
        verbose_name = _("privacy page")
