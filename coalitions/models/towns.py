"""The town a coaching application or a coalition sign-up is for."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TownFields(models.Model):
    municipality = models.CharField(_("municipality"), max_length=100)
    municipality_key = models.CharField(max_length=100, editable=False)
    # The town in the reference list; `municipality` keeps the name as it came
    # in. Empty for rows from before the forms asked for a listed town that
    # the migration could not match: editors find them under a filter.
    # PROTECT: municipalities are never deleted (a merger retires them), and a
    # deletion that cleared the link would quietly lift the one-per-town rule.
    municipality_ref = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality in the reference list"),
    )

    class Meta:
        abstract = True
