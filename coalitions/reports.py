"""The statistics report in the admin's Reports menu: handbook downloads per
language per month, applications and coalition sign-ups per week, and the
outcomes of coaching, each as a table with a bar chart drawn on the server
(SVG, no JavaScript), and all three as one XLSX workbook."""

from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.http import FileResponse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from openpyxl import Workbook
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from coalitions.exports import spreadsheet_text
from coalitions.models import CoachingApplication
from coalitions.selectors.statistics import (
    StatisticsRow,
    statistics_coaching_outcomes,
    statistics_handbook_downloads_by_month,
    statistics_signups_by_week,
)

CHART_HEIGHT = 160
BAR_WIDTH = 10
GROUP_GAP = 8
# One colour per series, dark enough for 3:1 contrast against white.
COLOURS = ["#1f5f8b", "#b5461b", "#2f7d32"]


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    height: int
    colour: str
    label: str
    value: int


@dataclass(frozen=True)
class Figure:
    """A table of figures (rows of periods or outcomes, one column per series)
    and its bar chart."""

    key: str
    title: str
    period_label: str
    series: list[tuple[str, str]]
    rows: list[tuple[str, list[int]]]

    @property
    def chart_width(self) -> int:
        return max(len(self.rows), 1) * (len(self.series) * BAR_WIDTH + GROUP_GAP)

    @property
    def chart_height(self) -> int:
        return CHART_HEIGHT

    @property
    def legend(self) -> list[tuple[str, str]]:
        return [(label, COLOURS[index]) for index, (_key, label) in enumerate(self.series)]

    @property
    def bars(self) -> list[Bar]:
        highest = max((value for _label, values in self.rows for value in values), default=0)
        scale = CHART_HEIGHT / highest if highest else 0
        group = len(self.series) * BAR_WIDTH + GROUP_GAP
        return [
            Bar(
                x=row_index * group + series_index * BAR_WIDTH,
                y=CHART_HEIGHT - round(value * scale),
                height=round(value * scale),
                colour=COLOURS[series_index],
                label=f"{label}, {self.series[series_index][1]}",
                value=value,
            )
            for row_index, (label, values) in enumerate(self.rows)
            for series_index, value in enumerate(values)
        ]


def _periods(rows: list[StatisticsRow], series: list[tuple[str, str]], date_format: str):
    return [
        (formats.date_format(row.period, date_format), [row.values[key] for key, _l in series])
        for row in rows
    ]


def statistics_figures() -> list[Figure]:
    languages = [(code, str(name)) for code, name in settings.LANGUAGES]
    signups = [
        ("applications", str(_("Coaching applications"))),
        ("coalitions", str(_("Coalition sign-ups"))),
    ]
    outcomes = statistics_coaching_outcomes()
    return [
        Figure(
            key="handbook",
            title=str(_("Handbook downloads per language per month")),
            period_label=str(_("Month")),
            series=languages,
            rows=_periods(statistics_handbook_downloads_by_month(), languages, "YEAR_MONTH_FORMAT"),
        ),
        Figure(
            key="signups",
            title=str(_("Applications and coalition sign-ups per week")),
            period_label=str(_("Week of")),
            series=signups,
            rows=_periods(statistics_signups_by_week(), signups, "SHORT_DATE_FORMAT"),
        ),
        Figure(
            key="outcomes",
            title=str(_("Outcomes of coaching applications")),
            period_label=str(_("Status")),
            series=[("applications", str(_("Coaching applications")))],
            rows=[
                (str(label), [outcomes[status]])
                for status, label in CoachingApplication.Status.choices
            ],
        ),
    ]


def statistics_workbook(figures: list[Figure]) -> BytesIO:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for figure in figures:
        # Sheet titles are limited to 31 characters.
        sheet = workbook.create_sheet(title=figure.title[:31])
        sheet.append([figure.period_label, *(label for _key, label in figure.series)])
        for label, values in figure.rows:
            sheet.append([spreadsheet_text(label), *values])
    output = BytesIO()
    workbook.save(output)
    output.seek(0)
    return output


class StatisticsView(WagtailAdminTemplateMixin, TemplateView):
    """Numbers only, nothing about a person: every admin user may read them."""

    template_name = "coalitions/admin/statistics.html"
    page_title = _("Statistics")
    header_icon = "table"

    def get(self, request, *args, **kwargs):
        figures = statistics_figures()
        if request.GET.get("export") == "xlsx":
            return FileResponse(
                statistics_workbook(figures),
                as_attachment=True,
                filename="orbit-statistics.xlsx",
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        return self.render_to_response(self.get_context_data(figures=figures))
