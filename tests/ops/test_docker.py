"""The Docker stack's contract; the engine itself does not run in CI, so the
compose file is checked against the Compose Specification's schema."""

import fnmatch
import os
import re
import shlex
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker" / "compose.yaml"
DOCKERFILE = ROOT / "docker" / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.mark.processes  # runs check-jsonschema
def test_compose_file_follows_the_compose_specification():
    validator = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [validator, "--builtin-schema", "vendor.compose-spec", COMPOSE],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_whole_stack_is_there_with_health_checks_and_volumes():
    services = compose()["services"]
    assert set(services) >= {"web", "worker", "beat", "postgres", "redis", "mailpit"}
    for name in ("web", "worker", "postgres", "redis", "mailpit"):
        assert "test" in services[name]["healthcheck"], name
    assert services["web"]["healthcheck"]["test"] == ["CMD", "python", "docker/healthcheck.py"]
    assert "media:/app/var/media" in services["web"]["volumes"]
    assert "postgres:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    for name in ("web", "worker", "beat"):
        assert services[name]["environment"]["DJANGO_SETTINGS_MODULE"] == (
            "orbitcms.settings.production"
        )
        assert services[name]["depends_on"]["init"]["condition"] == (
            "service_completed_successfully"
        )


def test_the_image_collects_static_files_and_runs_as_an_unprivileged_user():
    dockerfile = DOCKERFILE.read_text()
    users = [line.split()[1] for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert users and users[-1] not in {"root", "0"}
    assert "manage.py collectstatic" in dockerfile


def test_the_image_ships_its_python_compiled():
    """Its processes write no bytecode (PYTHONDONTWRITEBYTECODE, code owned by
    root): without it in the image, each compiles Django and Wagtail anew."""
    dockerfile = DOCKERFILE.read_text()
    syncs = [line for line in dockerfile.splitlines() if "uv sync" in line]
    assert syncs and all("--compile-bytecode" in line for line in syncs)
    assert "python -m compileall -q -x '^/app/var/' /app" in dockerfile


def test_no_env_file_goes_into_the_image():
    """docker/.env holds the secrets the README asks for."""
    patterns = [
        line.strip()
        for line in DOCKERIGNORE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    # Docker's `**/` also matches no folder at all.
    patterns += [pattern.removeprefix("**/") for pattern in patterns]
    for path in (".env", "docker/.env"):
        assert any(fnmatch.fnmatch(path, pattern) for pattern in patterns), path


def test_the_app_user_may_write_var_where_ensure_admin_keeps_the_password():
    dockerfile = DOCKERFILE.read_text()
    assert re.search(r"install -d -o orbit -g orbit /app/var\s", dockerfile)
    assert dockerfile.index("/app/var") < dockerfile.index("USER orbit")


@pytest.mark.processes
def test_the_build_time_values_load_the_production_settings(tmp_path):
    """collectstatic and compilemessages run at build time with production
    settings, which refuse to load without every required variable."""
    values = re.search(r'^ARG BUILD_ONLY_SETTINGS="([^"]+)"', DOCKERFILE.read_text(), re.M)
    build_only = dict(item.split("=", 1) for item in shlex.split(values.group(1)))
    environment = {
        name: value
        for name, value in os.environ.items()
        if name
        not in {"SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "EMAIL_URL", "REDIS_URL", "DATABASE_URL"}
    }
    environment.update(
        build_only,
        DJANGO_SETTINGS_MODULE="orbitcms.settings.production",
        ORBIT_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.processes
def test_the_web_health_check_passes_when_allowed_hosts_is_the_real_domain(
    live_server, transactional_db, settings
):
    """The container checks itself on loopback; with production's host
    validation and HTTPS redirect, a bare 127.0.0.1 is refused."""
    allowed_hosts = ".orbitvzw.be,campagne.orbitvzw.be"
    settings.ALLOWED_HOSTS = allowed_hosts.split(",")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    url = f"{live_server.url}/healthz"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url, timeout=10)
    assert refused.value.code == 400

    check = services_healthcheck(compose()["services"]["web"])
    result = subprocess.run(
        check,
        cwd=ROOT,
        env={**os.environ, "ALLOWED_HOSTS": allowed_hosts, "HEALTHCHECK_URL": url},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def services_healthcheck(service: dict) -> list[str]:
    """The compose health check as a command line, run with this interpreter."""
    kind, program, *arguments = service["healthcheck"]["test"]
    assert (kind, program) == ("CMD", "python")
    return [sys.executable, *arguments]
