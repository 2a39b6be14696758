"""Signal receivers: they only hand over to services."""

from typing import Any

from django.db import transaction
from wagtail.signals import page_published

from coalitions.handbook.models import HandbookPage
from coalitions.models import CoachingPage
from coalitions.selectors.coaching import coaching_slot_paths
from coalitions.services.coaching import coaching_page_slots_refresh
from coalitions.services.municipality_refs import municipality_refs_rematch
from coalitions.signals import coaching_slots_changed, coalition_listing_changed
from coalitions.tasks import generate_handbook_pdf
from municipalities.signals import municipalities_loaded
from ops.services import page_cache_clear_everywhere, page_cache_paths_expire


def _slots_changed(page: CoachingPage, **kwargs: Any) -> None:
    # The home pages and the coaching page show how many slots are open: no
    # cached copy, here or in the CDN, may outlive the transaction that
    # changed a count. Only those pages, as every application changes one
    # (the towns' pages, which show their coaching, are commitments' part).
    # Found once committed: an application changes none of their addresses,
    # and a transaction rolled back (a refused decision) spends nothing.
    transaction.on_commit(lambda: page_cache_paths_expire(paths=coaching_slot_paths(page=page)))


def _listed_coalitions_changed(**kwargs: Any) -> None:
    # A coalition listed, unlisted or erased: the pages that list or count it
    # go from the CDN too (Wagtail purges it on publishes only), so an erased
    # coalition is nowhere served after its erasure. An editor's decision,
    # rare enough for a purge of every page.
    transaction.on_commit(page_cache_clear_everywhere)


def _coaching_page_published(instance: CoachingPage, **kwargs: Any) -> None:
    coaching_page_slots_refresh(page=instance)


def _handbook_published(instance: HandbookPage, **kwargs: Any) -> None:
    # The worker reads the page once the publish is committed; the PDF of a
    # long handbook is never made inside the editor's request. robust: a broker
    # that is down is logged, it does not fail the publish.
    page_id = instance.pk
    transaction.on_commit(lambda: generate_handbook_pdf.delay(page_id), robust=True)


def _municipalities_loaded(**kwargs: Any) -> None:
    # A fresh install migrates before it loads the list: the rows the data
    # migration found no town for are matched once the towns are there.
    municipality_refs_rematch()


def connect() -> None:
    municipalities_loaded.connect(
        _municipalities_loaded, dispatch_uid="coalitions-municipalities-loaded"
    )
    coaching_slots_changed.connect(_slots_changed, dispatch_uid="coalitions-slot-count")
    coalition_listing_changed.connect(
        _listed_coalitions_changed, dispatch_uid="coalitions-listing-changed"
    )
    # Wagtail's signal, not the admin's after_publish_page hook: it is sent on
    # every path that publishes (the editor, scheduled publishing, the
    # campaign loader), inside the publishing transaction.
    page_published.connect(
        _coaching_page_published, sender=CoachingPage, dispatch_uid="coalitions-coaching-published"
    )
    page_published.connect(
        _handbook_published, sender=HandbookPage, dispatch_uid="coalitions-handbook-published"
    )
