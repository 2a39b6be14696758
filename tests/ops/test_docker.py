"""The Docker stack's contract; the engine itself does not run in CI, so the
compose file is checked against the Compose Specification's schema."""

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker" / "compose.yaml"
DOCKERFILE = ROOT / "docker" / "Dockerfile"


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


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
    assert "/healthz" in services["web"]["healthcheck"]["test"][-1]
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
