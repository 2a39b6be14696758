from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page, PreviewableMixin, TranslatableMixin
from wagtail.search import index
from wagtail.url_routing import RouteResult

from core.email_texts import (
    EMAIL_KINDS,
    EmailKind,
    email_kind_choices,
    email_text_check,
    email_text_render,
    email_text_standard,
)
from core.text_analysis import SearchTermsMixin


@dataclass(frozen=True)
class SectionFigure:
    """A live total a section adds to the home page ("12 local coalitions")."""

    value: int
    label: str


class SectionPage(SearchTermsMixin, Page):
    """A section of the site, directly under the home page (recommendations,
    handbook, coaching, coalitions): one per language, with an introduction.

    New pages of a section type appear in the main menu unless an editor
    unticks "Show in menus". The home page shows each section as a card, or,
    where a section names a `home_template`, as a block of its own; it knows
    sections only through what this class declares, never by their type.
    """

    intro = RichTextField(_("introduction"), blank=True)
    # The main menu holds every section on one row at 1280 px: long titles
    # ("Handleiding voor een lokale migratiecoalitie") would wrap it.
    menu_title = models.CharField(
        _("short menu title"),
        max_length=25,
        blank=True,
        help_text=_("The section's name in the main menu; leave empty to use the title."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = [*Page.promote_panels, FieldPanel("menu_title")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("search_terms"),
    ]
    parent_page_types = [settings.ORBIT_HOME_PAGE_MODEL]
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

    def home_figures(self) -> list[SectionFigure]:
        """The section's live totals for the home page's figures. They are
        counted on each render, so whatever changes them must expire the page
        cache (as slot changes and coalition decisions do)."""
        return []

    def home_preload(self) -> None:
        """Read what the section's card or block on the home page shows (a
        list, a count), so that the home page keeps it with the section."""

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
    parent_page_types = [settings.ORBIT_HOME_PAGE_MODEL]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        db_table = "home_privacypage"
        verbose_name = _("privacy page")


class EmailPlaceholdersPanel(Panel):
    """What each email's placeholders stand for, beside the form."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/email_placeholders_panel.html"

        def get_context_data(self, parent_context=None):
            return {**super().get_context_data(parent_context), "kinds": EMAIL_KINDS.values()}


class EmailText(TranslatableMixin, PreviewableMixin, models.Model):
    """An editor's wording of one kind of email in one language. A blank
    subject or body keeps the standard text (see core.email_texts)."""

    kind = models.CharField(_("email"), max_length=40, choices=email_kind_choices)
    subject = models.CharField(
        _("subject"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to keep the standard subject, shown in the preview."),
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Leave empty to keep the standard text, shown in the preview. Placeholders "
            "such as {{ name }} are filled in for each recipient."
        ),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("subject"),
        FieldPanel("body"),
        EmailPlaceholdersPanel(heading=_("Placeholders")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("email text")
        verbose_name_plural = _("email texts")
        constraints = [
            models.UniqueConstraint(fields=["kind", "locale"], name="one_email_text_per_language")
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def email_kind(self) -> EmailKind | None:
        return EMAIL_KINDS.get(self.kind)

    def clean(self) -> None:
        super().clean()
        if self.email_kind is None:
            return
        errors = {}
        for field in ("subject", "body"):
            if text := getattr(self, field):
                try:
                    email_text_check(text, self.email_kind)
                except ValidationError as error:
                    errors[field] = error
        if errors:
            raise ValidationError(errors)

    @property
    def language(self) -> str:
        # A text being added has no locale yet in its preview: the source language's.
        return (self.locale if self.locale_id else Locale.get_default()).language_code

    def rendered(self, values: dict[str, str]) -> tuple[str, str]:
        """Subject and body for `values`, the standard text where a field is blank."""
        standard_subject, standard_body = email_text_standard(self.email_kind, self.language)
        return (
            " ".join(email_text_render(self.subject or standard_subject, values).split()),
            email_text_render(self.body or standard_body, values).strip() + "\n",
        )

    def get_preview_template(self, request, mode_name):
        return "core/email_text_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        if self.email_kind is None:
            return context
        try:
            self.clean()
        except ValidationError as error:
            return {**context, "errors": error.messages}
        subject, body = self.rendered(self.email_kind.sample())
        return {**context, "subject": subject, "body": body}
