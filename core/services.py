"""Writes every app may use."""

import contextlib
import os
import posixpath
import secrets
from datetime import datetime
from typing import TypeVar

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.db import models, transaction
from wagtail.documents.models import Document
from wagtail.models import Collection


def collection_root_ensure() -> Collection:
    """Wagtail's root collection, which the migrations create and a flushed
    database (the test suite's transactional tests) no longer has: images and
    documents the project makes itself go there."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


GeneratedRecord = TypeVar("GeneratedRecord", bound=models.Model)


def generated_pdf_record_store(
    *,
    model: type[GeneratedRecord],
    pk: int,
    title: str,
    filename: str,
    content: bytes,
    generated_at: datetime,
) -> GeneratedRecord:
    """Store a generated PDF on the record of `model` with primary key `pk` (a
    row with a `document` and a `generated_at`, keyed by the page it belongs
    to), creating the record the first time; returns the record."""
    with transaction.atomic():
        model.objects.get_or_create(pk=pk)
        # Two workers generating at once take turns on the row: one document.
        record = model.objects.select_for_update(of=("self",)).select_related("document").get(pk=pk)
        record.document = generated_document_store(
            document=record.document, title=title, filename=filename, content=content
        )
        record.generated_at = generated_at
        record.save()
    return record


def generated_document_store(
    *, document: Document | None, title: str, filename: str, content: bytes
) -> Document:
    """Store a file the site generated (a PDF) as `document`'s file, replacing
    the one it had, or as a new document in the root collection: the document,
    and so every link to it, stays the same from one generation to the next.

    The new file goes to a folder of its own, so it keeps its clean name (the
    one the download carries) while the old file is still there; the old file
    is deleted once the transaction commits, so a rollback leaves the document
    row pointing at a file that exists."""
    document = document or Document(collection=collection_root_ensure())
    old_name = document.file.name if document.file else ""
    document.title = title
    document.file.save(f"{secrets.token_hex(8)}/{filename}", ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    if old_name:
        storage = document.file.storage
        transaction.on_commit(lambda: _generated_file_delete(storage, old_name))
    return document


def generated_document_missing(*, document: Document | None) -> bool:
    """Whether there is no document yet or its file has gone from storage (a
    database kept while the media folder was not)."""
    return document is None or not document.file.storage.exists(document.file.name)


def _generated_file_delete(storage: Storage, name: str) -> None:
    storage.delete(name)
    if isinstance(storage, FileSystemStorage):
        # A disk keeps the generation's folder once empty; a non-empty folder
        # (the shared documents folder of older files) stays.
        with contextlib.suppress(OSError):
            os.rmdir(storage.path(posixpath.dirname(name)))
