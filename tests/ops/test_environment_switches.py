"""Each part of "Growing past one machine" switches on by environment variable,
and LOG_FORMAT=json makes the logs machine-readable."""

import json
import os
import subprocess
import sys

import pytest

from tests.ops.settings_probe import ROOT, settings_read

# Every test here starts another process: the slow layer.
pytestmark = pytest.mark.processes

DEV = "orbitcms.settings.dev"
SWITCHED = ["STORAGES", "WAGTAILFRONTENDCACHE"]


def test_one_machine_by_default():
    values = settings_read(DEV, SWITCHED, AWS_STORAGE_BUCKET_NAME="", CDN_PURGE_URL="")
    assert values["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert values["WAGTAILFRONTENDCACHE"] == {}


def test_media_on_s3_when_a_bucket_is_named():
    values = settings_read(
        DEV,
        ["STORAGES", "AWS_S3_ENDPOINT_URL"],
        AWS_STORAGE_BUCKET_NAME="orbit-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert values["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert values["AWS_S3_ENDPOINT_URL"] == "http://127.0.0.1:9000"


def test_cdn_purged_on_publish_when_configured():
    values = settings_read(
        DEV,
        SWITCHED,
        CDN_PURGE_URL="http://127.0.0.1:6081",
        CLOUDFLARE_ZONE_ID="zone",
        CLOUDFLARE_BEARER_TOKEN="token",
    )
    assert values["WAGTAILFRONTENDCACHE"]["http"]["LOCATION"] == "http://127.0.0.1:6081"
    assert values["WAGTAILFRONTENDCACHE"]["cloudflare"]["ZONEID"] == "zone"


def test_page_cache_can_be_switched_off():
    assert settings_read(DEV, ["PAGE_CACHE_SECONDS"])["PAGE_CACHE_SECONDS"] == 600
    assert settings_read(DEV, ["PAGE_CACHE_SECONDS"], PAGE_CACHE_SECONDS="0") == {
        "PAGE_CACHE_SECONDS": 0
    }


def test_json_logs_one_object_per_line():
    code = (
        "import django, logging\n"
        "django.setup()\n"
        "logging.getLogger('ops.health').warning('broker down', extra={'check': 'broker'})\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": DEV, "LOG_FORMAT": "json"},
        capture_output=True,
        text=True,
        check=True,
    )
    records = [json.loads(line) for line in result.stderr.splitlines()]
    record = next(r for r in records if r["logger"] == "ops.health")
    assert record["level"] == "WARNING"
    assert record["message"] == "broker down"
    assert record["check"] == "broker"
    assert "time" in record


def test_a_trial_install_shows_the_sites_own_error_pages_unless_debug_is_asked_for():
    """make run serves the project's 404.html and 500.html, as production does
    (tests/ops/test_make_run.py requests a wrong URL from it)."""
    names = ["DEBUG", "WHITENOISE_USE_FINDERS"]
    assert "DJANGO_DEBUG" not in os.environ
    assert settings_read(DEV, names) == {
        "DEBUG": False,
        "WHITENOISE_USE_FINDERS": True,
    }
    assert settings_read(DEV, ["DEBUG"], DJANGO_DEBUG="1") == {"DEBUG": True}
