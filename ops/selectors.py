"""Reads of the operations app."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from ops.models import PeriodicTaskRun, TaskFailure


def task_failures_recent(*, limit: int = 10) -> QuerySet[TaskFailure]:
    return TaskFailure.objects.all()[:limit]


def beat_task_names() -> set[str]:
    return {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}


@dataclass(frozen=True)
class PeriodicTaskStatus:
    task_name: str
    period: timedelta
    last_run_at: datetime | None
    last_state: str
    overdue: bool


def _period(schedule: object) -> timedelta:
    """A beat entry's period: seconds, a timedelta or celery.schedules.schedule
    (a crontab has no fixed period and is not supported here)."""
    if isinstance(schedule, timedelta):
        return schedule
    if isinstance(schedule, int | float):
        return timedelta(seconds=schedule)
    return schedule.run_every


def periodic_task_statuses() -> list[PeriodicTaskStatus]:
    """Each task of CELERY_BEAT_SCHEDULE with its last run; overdue when it has not
    run within its period plus BEAT_SILENCE_SECONDS. A task that never ran counts
    from the first run of any periodic task (beat's first sign of life: a daily
    task is not overdue on a site started an hour ago), and is overdue at once
    when no periodic task ever ran (beat was never started)."""
    runs = {run.task_name: run for run in PeriodicTaskRun.objects.all()}
    beat_alive_since = min((run.first_run_at for run in runs.values()), default=None)
    now = timezone.now()
    silence = timedelta(seconds=settings.BEAT_SILENCE_SECONDS)
    statuses = []
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        period = _period(entry["schedule"])
        run = runs.get(entry["task"])
        since = run.last_run_at if run else beat_alive_since
        statuses.append(
            PeriodicTaskStatus(
                task_name=entry["task"],
                period=period,
                last_run_at=run.last_run_at if run else None,
                last_state=run.last_state if run else "",
                overdue=since is None or now - since > period + silence,
            )
        )
    return sorted(statuses, key=lambda status: status.task_name)


# Pages this close to the root are the home pages and the sections of the menu
# (and the privacy notice in the footer): every page shows them.
SITE_WIDE_DEPTH = 3


def page_cache_paths_shown_with(*, page: Page) -> set[str] | None:
    """The paths whose cached copies a publish of `page` makes stale: the page,
    its parent (which lists it), the pages that show a link to it (Wagtail's
    reference index, page fields such as related recommendations, which link
    the source pages and show each in the reader's language), its language's
    home page (cards and live figures) and search page; each with the sub-paths
    a page serves (its `get_cached_paths`, as for Wagtail's frontend cache).
    Pages in other languages show their own translation of it, so they stay,
    except where it has none and they show this one, and except its own
    translations when it is newly live (their language switchers). Siblings
    stay unless they show it (`fields_shown_by_siblings`). None: every page, since
    the menu or the footer shows it (a home page, a section, the privacy notice)."""
    if page.depth <= SITE_WIDE_DEPTH:
        return None
    translations = list(page.get_translations(inclusive=True))
    translated_locales = {p.locale_id for p in translations if p.live} - {page.locale_id}
    linking = Page.objects.filter(pk__in=_pages_linking_to(translations)).exclude(
        locale_id__in=translated_locales
    )
    shown_with = [
        page,
        page.get_parent(),
        *linking,
        *Page.objects.filter(depth=2, locale_id=page.locale_id),
    ]
    before = _as_last_published(page)
    if before is None:
        # Newly live: its translations' language switchers and hreflang links
        # now lead to it instead of the fallback.
        shown_with += translations
    # Pages that link their siblings (a recommendation's previous and next)
    # name the fields these show; a change of one, or a page newly live,
    # changes them.
    shown_by_siblings = getattr(page, "fields_shown_by_siblings", ())
    if shown_by_siblings and (
        before is None or any(getattr(before, f) != getattr(page, f) for f in shown_by_siblings)
    ):
        shown_with += page.get_siblings(inclusive=False)
    paths = page_cache_paths_served(
        pages=Page.objects.filter(pk__in={p.pk for p in shown_with}).live().specific()
    )
    with translation.override(page.locale.language_code):
        paths.add(reverse("search"))
    return paths


def page_cache_path(url: str | None) -> str:
    """A page URL's path as the page cache keys it: unquoted, since the
    middleware keys on request.path, which Django decodes (a French slug with
    an accent), while page URLs come percent-encoded."""
    return unquote(urlsplit(url or "").path)


def page_cache_paths_served(*, pages: Iterable[Page]) -> set[str]:
    """The paths of these (specific) pages with the sub-paths each serves (its
    `get_cached_paths`, as for Wagtail's frontend cache), as the page cache
    keys them."""
    return {
        page_path.rstrip("/") + "/" + sub_path.lstrip("/")
        for page in pages
        if (page_path := page_cache_path(page.get_url()))
        for sub_path in page.get_cached_paths()
    }


# What Wagtail logs when a page goes live or stops being live: by an editor,
# or at the time set for it (the publish_scheduled command: go_live_at, expire_at).
PUBLISH_ACTIONS = {"wagtail.publish", "wagtail.publish.scheduled"}
UNPUBLISH_ACTIONS = {"wagtail.unpublish", "wagtail.unpublish.scheduled"}


def _as_last_published(page: Page) -> Page | None:
    """The page as its last publish before this one made it, from the revision
    that publish logged (Wagtail writes this publish's entry after the signal);
    None when it was not live: never published, or unpublished since. Wagtail
    logs every publish unless told not to, which nothing here does; a page
    whose publishes were never logged counts as not live, so everything that
    could show it is refreshed."""
    last = (
        PageLogEntry.objects.filter(page=page, action__in=PUBLISH_ACTIONS | UNPUBLISH_ACTIONS)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if last is None or last.action in UNPUBLISH_ACTIONS or last.revision is None:
        return None
    return last.revision.as_object()


def _pages_linking_to(pages: list[Page]) -> set[int]:
    """Ids of the pages that show a link to one of `pages`: through a link in
    their text (Wagtail's reference index) or through a page field or a
    many-to-many of pages (related recommendations), which the index leaves out."""
    linking = {
        int(pk)
        for pk in ReferenceIndex.get_references_to_in_bulk(pages)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    }
    for page in pages:
        for relation in page.specific_class._meta.related_objects:
            if issubclass(relation.related_model, Page):
                linking.update(
                    relation.related_model.objects.filter(
                        **{relation.field.name: page.pk}
                    ).values_list("pk", flat=True)
                )
    return linking
