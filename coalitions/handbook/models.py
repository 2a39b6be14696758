from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core.models import SectionPage

from .blocks import HandbookChaptersBlock


class HandbookPage(RoutablePageMixin, SectionPage):
    """The handbook for starting a local migration coalition: chapters editors
    write and translate like any page, and the PDF made from them to download.

    On publish a Celery worker generates the PDF of the page's language
    (HandbookPdf). An uploaded document chosen in `document` replaces it: then
    nothing is generated. In translations that document is an override chosen
    in wagtail-localize's editor. The download address, `download/` under the
    page, never changes when the file does.
    """

    chapters = StreamField(HandbookChaptersBlock(), verbose_name=_("chapters"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("uploaded handbook file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Leave empty to offer the PDF generated from the chapters; "
            "a file chosen here is offered instead."
        ),
    )

    content_panels = [*SectionPage.content_panels, FieldPanel("chapters"), FieldPanel("document")]
    search_fields = [*SectionPage.search_fields, index.SearchField("chapters")]
    api_fields = [APIField("intro"), APIField("chapters"), APIField("document")]
    call_to_action_label = _("Download the handbook")

    class Meta:
        verbose_name = _("handbook page")

    def get_context(self, request, *args, **kwargs):
        from .selectors import handbook_file

        context = super().get_context(request, *args, **kwargs)
        context["handbook_file"] = handbook_file(page=self)
        return context

    @path("download/", name="download")
    def download(self, request):
        from .views import handbook_download

        return handbook_download(request, page=self)


class HandbookDownloadCount(models.Model):
    """How often a handbook page's file was downloaded: a number, nothing about who.

    A row of its own rather than a page field, so publishing a revision of the
    page never writes an old count back over a newer one.
    """

    page = models.OneToOneField(
        HandbookPage, primary_key=True, on_delete=models.CASCADE, related_name="download_count"
    )
    downloads = models.PositiveBigIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("handbook download count")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.downloads}"


class HandbookDownloadMonth(models.Model):
    """How often a handbook page's file was downloaded in one calendar month
    (Brussels time), for the statistics report: again a number, nothing about who."""

    page = models.ForeignKey(HandbookPage, on_delete=models.CASCADE, related_name="download_months")
    # The first day of the month.
    month = models.DateField(_("month"))
    downloads = models.PositiveBigIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("handbook downloads in a month")
        constraints = [
            models.UniqueConstraint(fields=["page", "month"], name="handbook_one_count_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} {self.month:%Y-%m}: {self.downloads}"


class HandbookPdf(models.Model):
    """The PDF a worker generated from a handbook page's chapters, in the page's
    language: a row of its own rather than a page field, so neither a revision
    published later nor a translation synced from the Dutch page writes another
    file back over it. Generating again replaces this document's file."""

    page = models.OneToOneField(
        HandbookPage, primary_key=True, on_delete=models.CASCADE, related_name="generated_pdf"
    )
    document = models.OneToOneField(
        "wagtaildocs.Document", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    generated_at = models.DateTimeField(_("generated at"), null=True)

    class Meta:
        verbose_name = _("generated handbook PDF")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.document_id}"
