import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Every test here starts another process: the slow layer.
pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "EMAIL_URL",
    "REDIS_URL",
    "ALLOW_EMBEDDED_BROKER",
}
CONFIGURED = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "orbit.example",
    "EMAIL_URL": "smtp://127.0.0.1:1025",
    "REDIS_URL": "redis://127.0.0.1:6379",
    "SITE_URL": "https://orbit.example",
}


def _import_production(*command: str, **env: str) -> subprocess.CompletedProcess:
    """`manage.py <command>` (default: only load the settings) with production
    settings and exactly the given variables of the operator contract."""
    environment = {k: v for k, v in os.environ.items() if k not in REQUIRED}
    environment.update(env, DJANGO_SETTINGS_MODULE="orbitcms.settings.production")
    arguments = ["manage.py", *command] if command else ["-c", "import django; django.setup()"]
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _import_production(ALLOWED_HOSTS="orbit.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _import_production(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_refuses_to_start_without_its_public_address():
    settings = {name: value for name, value in CONFIGURED.items() if name != "SITE_URL"}
    result = _import_production(**settings)
    assert result.returncode != 0
    assert "SITE_URL must be set" in result.stderr


def test_production_starts_when_configured():
    result = _import_production(**CONFIGURED)
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_an_smtp_server():
    settings = {name: value for name, value in CONFIGURED.items() if name != "EMAIL_URL"}
    result = _import_production("check", **settings)
    assert result.returncode != 0
    assert "EMAIL_URL must name the SMTP server in production" in result.stderr
    # A try-out names where the mails go instead.
    trial = _import_production("check", **settings, EMAIL_URL="filemail:///tmp/orbit-mail")
    assert trial.returncode == 0, trial.stderr


def test_production_refuses_to_start_without_redis_unless_told():
    settings = {name: value for name, value in CONFIGURED.items() if name != "REDIS_URL"}
    result = _import_production("check", **settings)
    assert result.returncode != 0
    assert "REDIS_URL must name the Redis server in production" in result.stderr
    trial = _import_production("check", **settings, ALLOW_EMBEDDED_BROKER="true")
    assert trial.returncode == 0, trial.stderr


def test_a_database_that_does_not_answer_fails_within_the_connect_timeout():
    """A PostgreSQL address that accepts the connection and then says nothing
    (an overloaded or half-dead server): without a timeout, libpq waits forever."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        environment.update(
            DJANGO_SETTINGS_MODULE="orbitcms.settings.dev",
            DATABASE_URL=f"postgres://orbit@127.0.0.1:{port}/orbitcms",
            DATABASE_CONNECT_TIMEOUT="2",
        )
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", CONNECT],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        elapsed = time.monotonic() - started

    assert result.returncode != 0
    assert "timeout expired" in result.stderr
    assert elapsed < 30


CONNECT = "from django.db import connection; connection.ensure_connection()"
