"""The test database's rows as the session prepared them (migrated, the
campaign loaded), copied within the same database, so that a test after a
flush gets them back with one INSERT ... SELECT per table instead of the
campaign loader (which publishes, indexes and renders PDFs again: half a minute
on two cores); and the media files those rows name, copied beside MEDIA_ROOT.

Tests that commit (live server, worker, other processes) run on
`transactional_db`, which empties every table after each test: each such test
that needs the campaign used to load it again. The copies are plain tables
beside the originals, named `kept_` and a hash of the original's name (short
enough for PostgreSQL's 63 characters); they belong to no model, so Django's
flush leaves them alone. Django creates foreign keys deferred on SQLite and
PostgreSQL alike, so the tables fill in any order within one transaction.

A rollback brings rows back but not files: after a test that took a file from
storage (a generated PDF replaced, an image removed), the rolled-back rows name
a file that is gone. Each test that asks for the campaign gets such files back
from the copy, as they were, instead of the services making them again in a
transaction that rolls back (which made every later test render the handbook
anew)."""

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site

from ops.services import page_cache_clear
from ops.sites import site_lookup_clear


def _copy_name(table: str) -> str:
    return "kept_" + hashlib.sha256(table.encode()).hexdigest()[:16]


def _tables() -> list[str]:
    """The tables to copy, less SQLite's full-text tables: their rows are
    keyed by a rowid that `SELECT *` leaves out, and the triggers of the
    search index's own table fill them again as its rows go back."""
    tables = connection.introspection.django_table_names(only_existing=True)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
            tables = set(tables) - {name for (name,) in cursor.fetchall()}
    return sorted(tables)


def campaign_copy_keep() -> None:
    """Copy every table's rows as they are now, replacing an older copy."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _tables():
            copy = quote(_copy_name(table))
            cursor.execute(f"DROP TABLE IF EXISTS {copy}")
            cursor.execute(f"CREATE TABLE {copy} AS SELECT * FROM {quote(table)}")


def campaign_copy_kept() -> bool:
    """Whether this database holds a copy for every table."""
    existing = set(connection.introspection.table_names())
    return all(_copy_name(table) in existing for table in _tables())


def campaign_copy_restore() -> None:
    """Put the copied rows back in place of what their tables hold: after a
    flush, the content types and permissions that Django's post-migrate
    handlers made again, under other keys. Tables the copy holds no row
    of are left as they are: a fixture may have filled one already (the
    reference list of municipalities)."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _tables():
            copy = quote(_copy_name(table))
            cursor.execute(f"SELECT 1 FROM {copy} LIMIT 1")
            if cursor.fetchone() is None:
                continue
            cursor.execute(f"DELETE FROM {quote(table)}")
            cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {copy}")
    # What the loader's saves cleared by signal, raw SQL does not.
    ContentType.objects.clear_cache()
    Site.clear_site_root_paths_cache()
    site_lookup_clear()
    page_cache_clear()


def media_files_named() -> set[str]:
    """The media files that the rows of images, renditions and documents name."""
    image_model = get_image_model()
    names: set[str] = set()
    for model in (image_model, image_model.get_rendition_model(), get_document_model()):
        names.update(model.objects.exclude(file="").values_list("file", flat=True))
    return names


@dataclass(frozen=True)
class KeptFiles:
    """Where the session copied the media files, and their names."""

    folder: Path
    names: list[str]


def campaign_files_keep() -> KeptFiles:
    """Copy the media files the rows name, as storage holds them now, to a
    folder beside MEDIA_ROOT (each pytest-xdist worker has its own),
    replacing an older copy. A name whose file is gone is left out."""
    folder = Path(f"{settings.MEDIA_ROOT}-kept")
    shutil.rmtree(folder, ignore_errors=True)
    names = sorted(name for name in media_files_named() if default_storage.exists(name))
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name) as source:
            (folder / name).write_bytes(source.read())
    return KeptFiles(folder=folder, names=names)


def campaign_files_restore(kept: KeptFiles) -> None:
    """Put back, under their own names, the kept files gone from storage."""
    for name in kept.names:
        if not default_storage.exists(name):
            with (kept.folder / name).open("rb") as copy:
                saved = default_storage.save(name, File(copy))
            assert saved == name, (saved, name)
