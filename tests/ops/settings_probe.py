"""Reads settings as another process sees them with a given environment: the
production settings refuse to load without their secrets, and environment
switches are read once, at import."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "a-production-like-secret-key-of-more-than-fifty-characters-0123456789",
    "ALLOWED_HOSTS": "testserver,localhost",
    "EMAIL_URL": "smtp://127.0.0.1:1025",
    "REDIS_URL": "redis://127.0.0.1:6379",
    "SITE_URL": "https://campagne.orbitvzw.be",
}


def settings_read(module: str, names: list[str], **env: str) -> dict[str, Any]:
    environment = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": module}
    code = (
        "import json, django\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])
