"""The test database as a session prepares it (migrated, the campaign loaded),
kept between sessions under var/test-snapshot/ with the media files its rows
name, so that the next session copies it instead of running 240 migrations and
the campaign loader again (half a minute on two cores, paid by every pytest
worker, before the first test).

A copy is only used by a session whose key is the one it was made under: a
hash of everything that decides what the migrations and the loader write (the
project's code, templates, translations and content files, the installed
packages, the settings, tests/conftest.py and this module). Any change to them
prepares the database from scratch once more. SQLite and media on the local
filesystem only; other configurations prepare it every session, as before."""

import fcntl
import hashlib
import importlib.metadata
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection

from tests.campaign_copy import media_files_named

TESTS_DIR = Path(__file__).resolve().parent
# The tests' own modules that take part in preparing the database.
PREPARING_MODULES = (
    TESTS_DIR / "conftest.py",
    TESTS_DIR / "campaign_copy.py",
    Path(__file__).resolve(),
)
# Settings a pytest-xdist worker sets to its own paths (orbitcms/settings/test.py):
# they do not change what is written.
PER_WORKER_SETTINGS = {
    "DATABASES",
    "MEDIA_ROOT",
    "CACHES",
    "CELERY_BROKER_TRANSPORT_OPTIONS",
    "CELERY_RESULT_BACKEND",
}


def snapshot_dir() -> Path:
    return Path(settings.VAR_DIR) / "test-snapshot"


def snapshot_possible() -> bool:
    return connection.vendor == "sqlite" and isinstance(default_storage, FileSystemStorage)


def snapshot_key() -> str:
    digest = hashlib.sha256()
    for path in _source_files():
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
        digest.update(path.read_bytes())
    packages = sorted(
        f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()
    )
    digest.update("\n".join(packages).encode())
    chosen = {
        name: getattr(settings, name)
        for name in dir(settings)
        if name.isupper() and name not in PER_WORKER_SETTINGS
    }
    digest.update(json.dumps(_plain(chosen), sort_keys=True).encode())
    # The PDFs' font: without it they are set in Helvetica (core/pdf.py).
    fonts = Path(settings.PDF_FONT_DIR)
    digest.update(repr(sorted(os.listdir(fonts)) if fonts.is_dir() else None).encode())
    return digest.hexdigest()


def _plain(value: object) -> object:
    """A setting as JSON holds it; anything else (paths, lazy translations) as text."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(str(item) for item in value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def _source_files() -> list[Path]:
    base = Path(settings.BASE_DIR)
    # The project's apps sit at the top of the checkout (installed packages,
    # in .venv/, are counted by name and version in snapshot_key).
    roots = {Path(config.path) for config in apps.get_app_configs()}
    roots = {root for root in roots if root.parent == base} | {base / "orbitcms"}
    files = {
        path
        for root in roots
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    return sorted(files | {base / "uv.lock", *PREPARING_MODULES})


@contextmanager
def snapshot_lock() -> Iterator[None]:
    """One session (or pytest-xdist worker) at a time reads or writes the copy."""
    folder = snapshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def snapshot_restore(*, key: str, database: Path) -> bool:
    """Copy the kept database to `database` and its media files into
    MEDIA_ROOT; False (nothing copied) where there is none under `key`."""
    folder = snapshot_dir()
    with snapshot_lock():
        stored_key = folder / "key"
        if not stored_key.exists() or stored_key.read_text() != key:
            return False
        for leftover in (database.with_name(database.name + s) for s in ("-journal", "-wal")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(folder / "db.sqlite3", database)
        shutil.copytree(folder / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    return True


def snapshot_save(*, key: str) -> None:
    """Keep the test database as it is now (no transaction open) and the media
    files its images, renditions and documents name."""
    folder = snapshot_dir()
    media = Path(settings.MEDIA_ROOT)
    with snapshot_lock():
        (folder / "key").unlink(missing_ok=True)
        shutil.rmtree(folder / "media", ignore_errors=True)
        for name in media_files_named():
            target = folder / "media" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(media / name, target)
        connection.ensure_connection()
        copy = sqlite3.connect(folder / "db.sqlite3.new")
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        os.replace(folder / "db.sqlite3.new", folder / "db.sqlite3")
        (folder / "key").write_text(key)
