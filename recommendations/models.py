from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import RecommendationBodyBlock


class RecommendationIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["recommendations.RecommendationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("recommendation index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["recommendations"] = (
            RecommendationPage.objects.child_of(self).live().order_by("number")
        )
        return context


class RecommendationPage(Page):
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(RecommendationBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("number"),
        FieldPanel("lead"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("number"),
    ]
    parent_page_types = ["recommendations.RecommendationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("recommendation")
        ordering = ["number"]

    def clean(self) -> None:
        super().clean()
        parent = self.get_parent() if self.pk else None
        if parent is None:
            return
        siblings = RecommendationPage.objects.child_of(parent).filter(number=self.number)
        if siblings.exclude(pk=self.pk).exists():
            raise ValidationError(
                {
                    "number": _("Another recommendation already has number %(number)s.")
                    % {"number": self.number}
                }
            )
