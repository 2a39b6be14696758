"""A generated file replaces the document's old one only once the transaction
commits: a rollback leaves the document pointing at a file that is there."""

import pytest
from django.db import transaction

from core.services import generated_document_store


class _Rollback(Exception):
    pass


def _read(document) -> bytes:
    with document.file.open("rb") as file:
        return file.read()


@pytest.fixture
def document(db, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        return generated_document_store(
            document=None, title="Handbook", filename="handbook.pdf", content=b"first"
        )


def test_a_store_rolled_back_leaves_the_old_file_on_disk(document):
    old_name = document.file.name

    with pytest.raises(_Rollback), transaction.atomic():
        generated_document_store(
            document=document, title="Handbook", filename="handbook.pdf", content=b"second"
        )
        raise _Rollback

    document.refresh_from_db()
    assert document.file.name == old_name
    assert _read(document) == b"first"


def test_a_store_committed_replaces_the_file_under_its_clean_name(
    document, django_capture_on_commit_callbacks
):
    old_name = document.file.name
    storage = document.file.storage

    with django_capture_on_commit_callbacks(execute=True):
        generated_document_store(
            document=document, title="Handbook", filename="handbook.pdf", content=b"second"
        )

    document.refresh_from_db()
    assert document.filename == "handbook.pdf"
    assert _read(document) == b"second"
    assert not storage.exists(old_name)
