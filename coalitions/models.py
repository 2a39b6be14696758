from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .handbook.models import HandbookDownloadCount, HandbookPage  # noqa: F401


class CoachingPage(Page):
    """The page where towns apply for one of ORBIT's coaching slots."""

    intro = RichTextField(_("introduction"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("coaching slots"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("capacity")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("coaching page")
