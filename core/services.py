"""Writes every app may use."""

from wagtail.models import Collection


def collection_root_ensure() -> Collection:
    """Wagtail's root collection, which the migrations create and a flushed
    database (the test suite's transactional tests) no longer has: images and
    documents the project makes itself go there."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")
