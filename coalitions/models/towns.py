"""The town a coaching application or a coalition sign-up is for."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TownFields(models.Model):
    # The town's name as it came in: the listed town's name in the form's
    # language, or for rows from before the forms asked for a listed town,
    # what the visitor typed. Emails and listings show it.
    municipality_name = models.CharField(_("municipality"), max_length=100)
    municipality_key = models.CharField(max_length=100, editable=False)
    # The town in the reference list. Empty for rows from before the forms
    # asked for a listed town that the migration could not match: editors
    # find them under a filter.
    # PROTECT: municipalities are never deleted (a merger retires them), and a
    # deletion that cleared the link would quietly lift the one-per-town rule.
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality in the reference list"),
    )

    class Meta:
        abstract = True
