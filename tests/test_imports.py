"""Every module imports on its own; arrows point down (analyses never import the CLI or renderers)."""
import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import ecosystem

PACKAGE = Path(ecosystem.__file__).parent
MODULES = sorted(m.name for m in pkgutil.walk_packages([str(PACKAGE)], prefix="ecosystem.")
                 if not m.name.endswith("__main__"))


def test_every_module_imports_in_a_fresh_interpreter():
    code = "import importlib, sys\nfor m in sys.argv[1:]: importlib.import_module(m)"
    result = subprocess.run([sys.executable, "-c", code, *MODULES], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            prefix = "." * node.level
            names.add(prefix + (node.module or ""))
    return names


@pytest.mark.parametrize("path", sorted((PACKAGE / "analysis").glob("*.py")), ids=lambda p: p.name)
def test_analyses_never_import_cli_renderers_or_io(path):
    forbidden = ("click", "pyvis", "rich", "jinja2", "matplotlib")
    for name in _imports(path):
        assert not name.startswith(forbidden), f"{path.name} imports {name}"
        assert "cli" not in name.split(".") and "render" not in name.split("."), f"{path.name} imports {name}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "analysis").glob("*.py")), ids=lambda p: p.name)
def test_analyses_never_print_or_open_files(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert "print" not in calls and "open" not in calls, path.name


def test_cli_help_and_version(runner):
    from ecosystem.cli import main

    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and ecosystem.__version__ in result.output
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0 and "partner" in result.output.lower()


def test_cli_launcher_from_checkout():
    root = PACKAGE.parent
    result = subprocess.run([sys.executable, str(root / "cli.py"), "--version"],
                            capture_output=True, text=True, cwd="/")
    assert result.returncode == 0 and ecosystem.__version__ in result.stdout
