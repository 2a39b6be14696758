"""The architecture of the README as a test: every app imports only apps of a
lower layer, counting imports inside functions, so no two apps import each
other, however indirectly."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# From the top down; an app may import apps of the layers below its own.
LAYERS = [
    {"orbitcms"},
    {"home", "search"},
    {"recommendations", "coalitions"},
    {"municipalities"},
    {"core"},
    {"ops"},
]
LAYER_OF = {app: depth for depth, apps in enumerate(LAYERS) for app in apps}


def _project_apps() -> list[str]:
    return [*sorted(p.parent.name for p in ROOT.glob("*/apps.py")), "orbitcms"]


def _imports_of(app: str) -> set[tuple[str, str]]:
    """(imported app, "file:line") for every import of another project app."""
    found = set()
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                target = module.partition(".")[0]
                if target != app and target in LAYER_OF:
                    found.add((target, f"{path.relative_to(ROOT)}:{node.lineno}"))
    return found


def test_every_app_has_a_layer():
    assert set(_project_apps()) <= set(LAYER_OF)


@pytest.mark.parametrize("app", _project_apps())
def test_apps_import_only_downwards(app):
    upward = sorted(
        f"{where} imports {target}"
        for target, where in _imports_of(app)
        if LAYER_OF[target] <= LAYER_OF[app]
    )
    assert upward == []
