from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.models import SectionPage


class HandbookPage(RoutablePageMixin, SectionPage):
    """The handbook for starting a local migration coalition, to download.

    Each language's page points at its own document (in translations the
    document is an override chosen in wagtail-localize's editor). Its download
    address, `download/` under the page, never changes when the file does.
    """

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("handbook file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [*SectionPage.content_panels, FieldPanel("document")]
    api_fields = [APIField("intro"), APIField("document")]
    call_to_action_label = _("Download the handbook")

    class Meta:
        verbose_name = _("handbook page")

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
