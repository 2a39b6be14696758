import errno
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.conf import settings

from ops.services import PAGE_CACHE_ALIAS
from orbitcms.settings.base import redis_caches
from tests.coalitions.test_delivery import database_url
from tests.conftest import _free_port
from tests.waiting import wait_for


@pytest.fixture
def gunicorn_server(transactional_db, tmp_path) -> Iterator[str]:
    """gunicorn serving the project as `make serve` does (one worker), on the
    test database; yields its base URL."""
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "orbitcms.settings.test",
        "DATABASE_URL": database_url(),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "orbitcms.wsgi:application"],
            cwd=settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _answers(f"{url}/healthz"), timeout=60, what=f"gunicorn ({log})")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


@pytest.fixture
def full_disk(tmp_path) -> Iterator[Path]:
    """A real filesystem with no space left: a 64 KiB tmpfs (the tests run as
    root) filled to the last byte. Yields its mount point."""
    mount_point = tmp_path / "full-disk"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount_point], check=True)
    try:
        filler = os.open(mount_point / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(filler, b"\0" * 4096):
                pass
        except OSError as full:
            assert full.errno == errno.ENOSPC
        finally:
            os.close(filler)
        yield mount_point
    finally:
        subprocess.run(["umount", "--lazy", mount_point], check=True)


@pytest.fixture
def page_cache_on_full_disk(page_cache, full_disk, settings) -> Path:
    """The file page cache (the default without Redis) on a full disk."""
    settings.CACHES = {
        **settings.CACHES,
        PAGE_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": full_disk / "page-cache",
        },
    }
    return full_disk


class RedisServer:
    """A private redis-server process on a free loopback port (no persistence),
    which a test may stop and start again on the same port."""

    def __init__(self, log: Path) -> None:
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}"
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no"],
                stdout=output, stderr=subprocess.STDOUT,
            )  # fmt: skip
        wait_for(self.answers, timeout=20, what=f"redis-server on {self.port}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def answers(self) -> bool:
        try:
            return redis.Redis.from_url(self.url, socket_timeout=1).ping()
        except redis.RedisError:
            return False


@pytest.fixture
def redis_server(tmp_path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_cache(redis_server, page_cache, settings) -> RedisServer:
    """Both caches on a private Redis, configured as production configures them
    (REDIS_URL), and the page cache on."""
    settings.CACHES = redis_caches(redis_server.url)
    return redis_server
