import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import caches

from ops.services import PAGE_CACHE_ALIAS
from tests.coalitions.test_delivery import database_url, wait_for
from tests.conftest import _free_port


@pytest.fixture
def page_cache(settings):
    """The page cache switched on, as in production, and empty before and after."""
    settings.PAGE_CACHE_SECONDS = 600
    caches[PAGE_CACHE_ALIAS].clear()
    yield caches[PAGE_CACHE_ALIAS]
    caches[PAGE_CACHE_ALIAS].clear()


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
