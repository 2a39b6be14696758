"""The test database's rows as the session prepared them (migrated, the
campaign loaded), copied within the same database, so that a test after a
flush gets them back with one INSERT ... SELECT per table instead of the
campaign loader (which publishes, indexes and renders PDFs again: half a minute
on two cores).

Tests that commit (live server, worker, other processes) run on
`transactional_db`, which empties every table after each test: each such test
that needs the campaign used to load it again. The copies are plain tables
beside the originals, named `kept_` and a hash of the original's name (short
enough for PostgreSQL's 63 characters); they belong to no model, so Django's
flush leaves them alone. Django creates foreign keys deferred on SQLite and
PostgreSQL alike, so the tables fill in any order within one transaction."""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction


def _copy_name(table: str) -> str:
    return "kept_" + hashlib.sha256(table.encode()).hexdigest()[:16]


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


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
    handlers made again, under other keys (Django's cache of content types,
    which would still name those, is emptied). Tables the copy holds no row
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
    ContentType.objects.clear_cache()
