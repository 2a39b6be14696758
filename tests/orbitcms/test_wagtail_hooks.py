"""Each app's wagtail_hooks.py only registers, as Wagtail's contrib apps do:
the viewsets, panels and log formatters it registers are classes of their own
modules, none defined in it (nested in a hook function or not)."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
HOOK_MODULES = sorted(ROOT.glob("*/wagtail_hooks.py"))


def test_the_apps_have_hook_modules():
    assert len(HOOK_MODULES) >= 5


@pytest.mark.parametrize("path", HOOK_MODULES, ids=lambda path: path.parent.name)
def test_wagtail_hooks_defines_no_class(path):
    tree = ast.parse(path.read_text(), str(path))
    classes = [
        f"{node.name}:{node.lineno}" for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
    ]
    assert classes == []
