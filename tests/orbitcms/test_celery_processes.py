"""Real worker and beat processes as `make run`, `make serve` and Docker start
them: a configuration error stops them at once with a clear message, and with
LOG_FORMAT=json everything they write is JSON."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ops.settings_probe import settings_read

# Every test here starts another process: the slow layer.
pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")


def _environment(tmp_path: Path, **env: str) -> dict[str, str]:
    """Development settings on a broker folder and database of the test's own,
    so these processes never take the suite's tasks."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"REDIS_URL", "DATABASE_URL", "EMAIL_URL", "LOG_FORMAT"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="orbitcms.settings.dev", ORBIT_VAR_DIR=str(tmp_path), **env
    )
    return environment


@pytest.mark.parametrize("command", [["worker"], ["beat", "--schedule=celerybeat-schedule"]])
def test_a_redis_url_naming_another_database_stops_the_process_at_once(tmp_path, command):
    result = subprocess.run(
        [CELERY, "-A", "orbitcms", *command],
        cwd=ROOT,
        env=_environment(tmp_path, REDIS_URL="redis://127.0.0.1:6393/5"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured: REDIS_URL 'redis://127.0.0.1:6393/5' names a database" in (
        result.stderr
    )


def test_a_redis_url_with_database_zero_gives_each_use_its_own_database():
    """`redis://host:6379/0` made the result backend `.../0/2`, on which worker
    and beat died at start while the web server ran on."""
    names = ["CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHES"]
    read = settings_read("orbitcms.settings.dev", names, REDIS_URL="redis://127.0.0.1:6393/0")

    assert read["CELERY_BROKER_URL"] == "redis://127.0.0.1:6393/0"
    assert read["CELERY_RESULT_BACKEND"] == "redis://127.0.0.1:6393/2"
    assert read["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6393/1"
    assert read["CACHES"]["pages"]["LOCATION"] == "redis://127.0.0.1:6393/3"


def _output_until(process: subprocess.Popen, marker: str, timeout: float = 90) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if marker in line:
            return lines
    raise AssertionError(f"{marker!r} not seen in:\n{''.join(lines)}")


@pytest.mark.integration
@pytest.mark.parametrize(
    ("command", "started"),
    [
        (["worker", "--loglevel=INFO", "--concurrency=1"], "ready."),
        (["beat", "--loglevel=INFO", "--schedule=celerybeat-schedule"], "beat: Starting"),
    ],
)
def test_with_json_logs_every_line_a_celery_process_writes_is_json(tmp_path, command, started):
    process = subprocess.Popen(
        [CELERY, "-A", "orbitcms", *command],
        cwd=tmp_path,
        env={**_environment(tmp_path, LOG_FORMAT="json"), "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = _output_until(process, started)
    finally:
        process.send_signal(signal.SIGTERM)
        rest, _ = process.communicate(timeout=60)
    lines += rest.splitlines(keepends=True)

    assert process.returncode == 0, "".join(lines)
    records = [json.loads(line) for line in lines if line.strip()]
    assert {"time", "level", "logger", "message"} <= set(records[-1])
