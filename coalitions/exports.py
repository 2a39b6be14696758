"""Spreadsheet exports of the admin listings that open as an editor expects:
times in Brussels time, choices (status, language) in the editor's language,
accents intact in Excel, and no cell that a spreadsheet would run as a formula."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.text import capfirst
from wagtail.admin.views.mixins import SpreadsheetExportMixin

# What a spreadsheet may take for the start of a formula (OWASP's list: tab and
# carriage return too), so a name like "=HYPERLINK(...)" typed into a public
# form cannot run when the export is opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel reads a CSV file as UTF-8 (and so keeps "Liège" whole) only after this mark.
UTF8_BOM = "\ufeff"


def spreadsheet_text(value: str) -> str:
    """The text, with a leading apostrophe when it would start a formula: the
    spreadsheet's own way of saying "this is text"."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


class EditorSpreadsheetExportMixin(SpreadsheetExportMixin):
    """For an IndexView: XLSX and CSV whose cells are what the editor sees."""

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for name in row:
            field = _model_field(self.model, name)
            if field is not None and field.choices:
                row[name] = getattr(item, f"get_{name}_display")()
        return row

    def get_heading(self, queryset, field):
        return capfirst(super().get_heading(queryset, field))

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime):
            local = value.astimezone(ZoneInfo(settings.TIME_ZONE))
            if export_format == self.FORMAT_XLSX:
                return local.replace(tzinfo=None)
            return local.strftime("%Y-%m-%d %H:%M")
        if value is None or isinstance(value, bool | int | float | datetime.date):
            return value
        return spreadsheet_text(force_str(value))

    def stream_csv(self, queryset):
        # The response is streamed after the view has returned, outside the
        # editor's language that Wagtail switched on for the view: keep it on.
        language = translation.get_language()
        rows = super().stream_csv(queryset)
        with translation.override(language):
            yield UTF8_BOM.encode() + next(rows)
            yield from rows


def _model_field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a property, such as slot_number
        return None
