from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from search.analysis import SearchTermsMixin


class MenuSection:
    """A section of the site, under the home page: new pages of such a type
    appear in the main menu unless an editor unticks "Show in menus"."""

    show_in_menus_default = True


class HomePage(SearchTermsMixin, Page):
    """The campaign landing page: one per language, at the root of the site."""

    election_title = models.CharField(_("election"), max_length=120, blank=True)
    intro = RichTextField(_("introduction"), blank=True)
    slogan = models.CharField(_("slogan"), max_length=120, blank=True)
    call_to_action = models.CharField(_("call to action"), max_length=120, blank=True)
    closing = RichTextField(_("closing text"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("election_title"),
        FieldPanel("intro"),
        FieldPanel("slogan"),
        FieldPanel("call_to_action"),
        FieldPanel("closing"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("closing"),
        index.SearchField("search_terms"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        # Imported here: those apps' pages live under the home page, so they
        # may import home, never the other way round at module load.
        from coalitions.models import CoachingPage, CoalitionIndexPage, HandbookPage
        from coalitions.selectors import coaching_slot_usage
        from recommendations.models import RecommendationIndexPage, RecommendationPage

        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live()
        index = children.type(RecommendationIndexPage).first()
        context["recommendation_index"] = index
        context["recommendations"] = (
            RecommendationPage.objects.child_of(index).live().order_by("number") if index else []
        )
        calls_to_action = [
            page.specific for page in children.type(HandbookPage, CoachingPage, CoalitionIndexPage)
        ]
        context["calls_to_action"] = calls_to_action
        coaching = next((p for p in calls_to_action if isinstance(p, CoachingPage)), None)
        context["coaching_slots"] = coaching and coaching_slot_usage(page=coaching)
        return context


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

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("coaching_notify_email"),
        FieldPanel("dossier_url"),
    ]

    class Meta:
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
        verbose_name = _("privacy page")
