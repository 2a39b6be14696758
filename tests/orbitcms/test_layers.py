"""The architecture of the README as a test: every app imports only apps of a
lower layer, counting imports inside functions, so no two apps import each
other, however indirectly. Nor does an app reach up by name, where no import
shows it: a relation to "app.Model", `apps.get_model("app", ...)`, or a page
type's `parent_page_types`/`subpage_types`."""

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# From the top down; an app may import apps of the layers below its own.
LAYERS = [
    {"orbitcms"},
    {"home", "search"},
    {"commitments"},
    {"recommendations", "coalitions"},
    {"municipalities"},
    {"core"},
    {"ops"},
]
LAYER_OF = {app: depth for depth, apps in enumerate(LAYERS) for app in apps}


def _project_apps() -> list[str]:
    return [*sorted(p.parent.name for p in ROOT.glob("*/apps.py")), "orbitcms"]


def _modules_of(app: str) -> Iterator[tuple[Path, ast.AST]]:
    """Every node of the app's code, with its file; migrations left out (they
    name the models of every app they depend on, as frozen history)."""
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            yield path, node


def _imports_of(app: str) -> set[tuple[str, str]]:
    """(imported app, "file:line") for every import of another project app."""
    found = set()
    for path, node in _modules_of(app):
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


# The fields that relate to a model they may name as "app.Model" (Django's and
# modelcluster's, which Wagtail's inline panels use).
RELATIONS = {
    "ForeignKey",
    "OneToOneField",
    "ManyToManyField",
    "ParentalKey",
    "ParentalManyToManyField",
}


def _called_name(call: ast.Call) -> str:
    function = call.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")


def _string(node: ast.AST | None) -> str:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""


def _named_apps(call: ast.Call) -> list[str]:
    """The app labels a relation field or `get_model` call names in strings."""
    name = _called_name(call)
    first = call.args[0] if call.args else None
    if name in RELATIONS:
        target = _string(first) or next(
            (_string(k.value) for k in call.keywords if k.arg == "to"), ""
        )
        return [target.partition(".")[0]] if "." in target else []
    if name == "get_model":
        # apps.get_model("app", "Model") or apps.get_model("app.Model").
        label = _string(first) or next(
            (_string(k.value) for k in call.keywords if k.arg == "app_label"), ""
        )
        return [label.partition(".")[0]] if label else []
    return []


# Wagtail's page type rules, which name page models as "app.Model".
PAGE_TYPE_RULES = {"parent_page_types", "subpage_types"}


def _page_type_rule_apps(node: ast.Assign | ast.AnnAssign) -> list[str]:
    """The app labels a `parent_page_types = [...]` or `subpage_types = [...]`
    names in its strings."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if not any(getattr(t, "id", "") in PAGE_TYPE_RULES for t in targets):
        return []
    if not isinstance(node.value, ast.List | ast.Tuple):
        return []
    labels = [_string(element) for element in node.value.elts]
    return [label.partition(".")[0] for label in labels if "." in label]


def _string_references_of(app: str) -> set[tuple[str, str]]:
    """(named app, "file:line") for every relation, model lookup or page type
    rule that names another project app's model by a string, which no import
    shows."""
    found = set()
    for path, node in _modules_of(app):
        if isinstance(node, ast.Call):
            named = _named_apps(node)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            named = _page_type_rule_apps(node)
        else:
            continue
        for target in named:
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


@pytest.mark.parametrize("app", _project_apps())
def test_apps_name_only_models_below_them(app):
    upward = sorted(
        f"{where} names a model of {target}"
        for target, where in _string_references_of(app)
        if LAYER_OF[target] <= LAYER_OF[app]
    )
    assert upward == []


def test_the_string_check_finds_every_way_of_naming_a_model(tmp_path, monkeypatch):
    """The check itself: each form names the app above, none is missed."""
    app = tmp_path / "core"
    app.mkdir()
    (app / "models.py").write_text(
        "from django.apps import apps\n"
        "from django.db import models\n"
        "from modelcluster.fields import ParentalKey\n"
        "a = models.ForeignKey('home.HomePage', models.CASCADE)\n"
        "b = models.OneToOneField(to='search.Query', on_delete=models.CASCADE)\n"
        "c = models.ManyToManyField('coalitions.Coalition')\n"
        "d = ParentalKey('recommendations.RecommendationPage')\n"
        "e = apps.get_model('commitments', 'Commitment')\n"
        "f = apps.get_model('municipalities.Municipality')\n"
        "g = models.ForeignKey('self', models.CASCADE)\n"
        "h = models.ForeignKey('wagtaildocs.Document', models.CASCADE)\n"
        "class P:\n"
        "    parent_page_types = ['home.HomePage', 'wagtailcore.Page']\n"
        "    subpage_types: list[str] = ('search.SearchPage',)\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)

    named = sorted(
        (target, where.rpartition(":")[2]) for target, where in _string_references_of("core")
    )

    assert named == [
        ("coalitions", "6"),
        ("commitments", "8"),
        ("home", "13"),
        ("home", "4"),
        ("municipalities", "9"),
        ("recommendations", "7"),
        ("search", "14"),
        ("search", "5"),
    ]


def _readme_layers() -> list[set[str]]:
    """The layer drawing of the README's architecture section: the code block
    after "The apps sit in layers", one layer a line, its apps before the
    description, joined by " · "."""
    readme = (ROOT / "README.md").read_text()
    drawing = readme.partition("The apps sit in layers")[2].split("```")[1]
    return [
        set(line.split("   ")[0].strip().split(" · ")) for line in drawing.strip("\n").splitlines()
    ]


def test_the_readme_draws_the_layers_as_the_code_has_them():
    assert _readme_layers() == LAYERS
