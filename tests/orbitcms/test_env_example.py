""".env.example lists every variable the settings, gunicorn's configuration
and the container's health check read: each `env.<cast>("NAME")`,
`env("NAME")`, `environ.Env().<cast>("NAME")` and `os.environ.get("NAME")`/
`os.environ["NAME"]`/`os.getenv("NAME")` is found in the code and must have
a line `NAME=` (or, for one the operator leaves unset, `# NAME=`) in the file."""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# The code that reads the environment (or the .env file it loads). Not the
# test settings: what they read (a pytest-xdist worker's name) is set by the
# test runner, never by an operator.
READERS = [
    *sorted(p for p in (ROOT / "orbitcms" / "settings").glob("*.py") if p.name != "test.py"),
    ROOT / "gunicorn.conf.py",
    ROOT / "docker" / "healthcheck.py",
]


def _is_env(node: ast.expr) -> bool:
    """`env` (the settings' `environ.Env()`), or `environ.Env()` called in place."""
    if isinstance(node, ast.Name):
        return node.id == "env"
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "Env"
    )


def _is_os_environ(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def _name_read(node: ast.AST) -> str | None:
    """The variable a node reads from the environment, if it reads one."""
    if isinstance(node, ast.Subscript) and _is_os_environ(node.value):
        key = node.slice
    elif isinstance(node, ast.Call) and node.args:
        function = node.func
        reads = (
            _is_env(function)  # env("NAME")
            or (isinstance(function, ast.Attribute) and _is_env(function.value))
            or (
                isinstance(function, ast.Attribute)
                and function.attr == "get"
                and _is_os_environ(function.value)
            )
            or (
                isinstance(function, ast.Attribute)
                and function.attr == "getenv"
                and getattr(function.value, "id", "") == "os"
            )
        )
        if not reads or getattr(function, "attr", "") == "read_env":
            return None
        key = node.args[0]
    else:
        return None
    return key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None


def names_read(source: str) -> set[str]:
    return {name for node in ast.walk(ast.parse(source)) if (name := _name_read(node))}


def names_listed(example: str) -> set[str]:
    return set(re.findall(r"^(?:#\s*)?([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))


def test_env_example_lists_every_variable_the_settings_read():
    read = set().union(*(names_read(path.read_text()) for path in READERS))
    listed = names_listed((ROOT / ".env.example").read_text())

    # The parse finds what it must: a settings read, one before .env is
    # loaded, a production-only one and gunicorn's.
    assert {"SECRET_KEY", "ORBIT_VAR_DIR", "SECURE_HSTS_SECONDS", "GUNICORN_BIND"} <= read
    assert sorted(read - listed) == []


def test_the_parse_finds_every_way_of_reading_a_variable():
    source = (
        "import environ, os\n"
        "env = environ.Env()\n"
        "environ.Env.read_env('.env')\n"
        "A = env('A')\n"
        "B = env.str('B', default='')\n"
        "C = env.int('C', default=1)\n"
        "D = env.bool('D', default=False)\n"
        "E = env.list('E', default=[])\n"
        "F = env.db('F', default='sqlite://')\n"
        "G = environ.Env().str('G', default='')\n"
        "H = os.environ.get('H', '')\n"
        "I = os.environ['I']\n"
        "J = os.getenv('J')\n"
        "K = {'k': 'NOT_A_VARIABLE'}.get('k')\n"
    )

    assert names_read(source) == set("ABCDEFGHIJ")


def test_a_variable_counts_as_listed_set_or_commented_out():
    example = "# A comment about X=1\nSET=1\nEMPTY=\n# UNSET=/srv/orbit\nlower=1\n"

    assert names_listed(example) == {"SET", "EMPTY", "UNSET"}
