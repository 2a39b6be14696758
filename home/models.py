from django.db import models
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from core.models import SectionPage
from core.text_analysis import SearchTermsMixin
from ops.services import page_cache_fragment


class HomePage(SearchTermsMixin, Page):
    """The campaign landing page: one per language, at the root of the site.

    It composes the sections under it through what `SectionPage` declares (a
    block of their own, or a card with a call to action), so a new kind of
    section shows on the home page without this class knowing it.
    """

    election_title = models.CharField(_("election"), max_length=120, blank=True)
    intro = RichTextField(_("introduction"), blank=True)
    slogan = models.CharField(_("slogan"), max_length=120, blank=True)
    call_to_action = models.CharField(_("call to action"), max_length=120, blank=True)
    closing = RichTextField(_("closing text"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown beside the slogan; set its focal point so phones crop it well."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("election_title"),
        FieldPanel("image"),
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

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """Wagtail's routing, except that a section is loaded as its own type
        only if it is what the request shows: on the way to a page below it
        (a recommendation under its index) its own fields are never read, so
        the query that `.specific` spends on them is saved."""
        if not path_components:
            return super().route(request, path_components)
        try:
            child = self.get_children().get(slug=path_components[0])
        except Page.DoesNotExist as e:
            raise Http404 from e
        child._cached_parent_obj = self
        section = child.specific_deferred
        result = section.route(request, path_components[1:])
        if result[0] is section and section.get_deferred_fields():
            # The section itself (or a route of its own) is served: its fields
            # in one query, as `.specific` would have loaded them.
            section.refresh_from_db(fields=section.get_deferred_fields())
            section._cached_parent_obj = self  # which treebeard's refresh forgets
        return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Kept with the page's cached copies: a publish of a recommendation or
        # a changed figure (places taken, a coalition listed, a commitment)
        # makes them stale, and a clear of the page cache takes them along.
        context.update(
            page_cache_fragment(key=f"home-shown:{self.pk}", build=self._shown, request=request)
        )
        return context

    def _shown(self) -> dict:
        """The sections as cards or blocks, with what they show here read once:
        their figures, the coaching places (for its card), the recommendations."""
        # Kept apart as well, like the menu, which lists the same pages: the
        # sections change only with a clear of the whole page cache (a publish,
        # an unpublish, a move, a view restriction), not with a publish below them.
        sections = page_cache_fragment(key=f"home-sections:{self.pk}", build=self._sections)
        for section in sections:
            section.home_preload()
        return {
            "featured_sections": [s for s in sections if s.home_template],
            "calls_to_action": [s for s in sections if not s.home_template],
            "figures": [figure for s in sections for figure in s.home_figures()],
        }

    def _sections(self) -> list[SectionPage]:
        """The live, public sections under the home page, as their own types.
        Only the section types are loaded: `specific()` costs a query per type.
        public(): a section behind a view restriction has no card nor figures
        here, on a page every visitor is served (and the page cache keeps)."""
        return list(self.get_children().live().public().type(SectionPage).specific())
