"""Reads for the statistics report: downloads, sign-ups and outcomes over time."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone

from coalitions.models import CoachingApplication, Coalition, HandbookDownloadMonth

Status = CoachingApplication.Status


@dataclass(frozen=True)
class StatisticsRow:
    """One period (the first day of a month, the Monday of a week) and its figures."""

    period: date
    values: dict[str, int]


def _months_back(*, today: date, months: int) -> list[date]:
    first = today.replace(day=1)
    starts = []
    for _step in range(months):
        starts.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return starts[::-1]


def statistics_handbook_downloads_by_month(
    *, months: int = 12, today: date | None = None
) -> list[StatisticsRow]:
    """Handbook downloads per language (of the page downloaded from) per month."""
    starts = _months_back(today=today or timezone.localdate(), months=months)
    languages = [code for code, _name in settings.LANGUAGES]
    counts = (
        HandbookDownloadMonth.objects.filter(month__in=starts)
        .values("month", "page__locale__language_code")
        .annotate(total=Sum("downloads"))
    )
    table = {start: dict.fromkeys(languages, 0) for start in starts}
    for count in counts:
        table[count["month"]][count["page__locale__language_code"]] += count["total"]
    return [StatisticsRow(period=start, values=values) for start, values in table.items()]


def statistics_signups_by_week(
    *, weeks: int = 12, today: date | None = None
) -> list[StatisticsRow]:
    """Coaching applications and coalition sign-ups per week (Monday to Sunday,
    Brussels time), spam left out."""
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    starts = [monday - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    since = timezone.make_aware(datetime.combine(starts[0], time.min))
    table = {start: {"applications": 0, "coalitions": 0} for start in starts}
    submitted = {
        "applications": CoachingApplication.objects.exclude(status=Status.SPAM),
        "coalitions": Coalition.objects.exclude(status=Coalition.Status.SPAM),
    }
    for key, rows in submitted.items():
        for moment in rows.filter(submitted_at__gte=since).values_list("submitted_at", flat=True):
            day = timezone.localtime(moment).date()
            table[day - timedelta(days=day.weekday())][key] += 1
    return [StatisticsRow(period=start, values=values) for start, values in table.items()]


def statistics_coaching_outcomes() -> dict[str, int]:
    """How many applications have each status, in the order of the statuses."""
    counts = dict(
        CoachingApplication.objects.values_list("status").annotate(total=Count("pk")).order_by()
    )
    return {status: counts.get(status, 0) for status in Status.values}
