"""The package's shape: imports go one way, no cycles, modules of one topic.

The layers, lowest first (docs/architecture.md explains each):

0 base      exceptions, schema, i18n, progress, version, parallel (process helpers), palette
1 model     model, model_*, results (Partition)
2 io        io/ — readers and writers, one module per format
3 analysis  analysis/ — pure functions returning tables and result objects
4 config    config/ — defaults, files, validation of settings
5 result    analysis_result — every result of one run, as plain data
6 outputs   tables, export — analysis results as tables and files
7 render    render/ — maps, reports, charts
8 pipeline  pipeline, steps, map_analyses, batch — run the analyses, hand results to renderers
9 cli       cli/, __main__, the package root

A module may import from its own layer and the layers below it, never above; every import
counts, also those inside functions and under ``TYPE_CHECKING``.
"""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1] / "ecosystem"
MAX_LINES = 550

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("exceptions", "schema", "i18n", "progress", "version", "parallel", "palette")),
    ("model", ("model", "model_", "results")),
    ("io", ("io",)),
    ("analysis", ("analysis",)),
    ("config", ("config",)),
    ("result", ("analysis_result",)),
    ("outputs", ("tables", "export")),
    ("render", ("render",)),
    ("pipeline", ("pipeline", "steps", "map_analyses", "batch")),
    ("cli", ("cli", "__main__", "__init__")),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def layer_of(module: str) -> int:
    rel = module.split(".")[1:] or ["__init__"]
    top = rel[0]
    for number, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if top == prefix or (prefix.endswith("_") and top.startswith(prefix)):
                return number
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and docs/architecture.md")


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """Every package module ``module`` imports, at any depth of its code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()

    def add(name: str) -> None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        if name:
            found.add(name)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "ecosystem":
                    add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.split(".")[0] == "ecosystem":
                target = node.module
            else:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                add(sub if sub in known else target)
        elif isinstance(node, ast.Call) and "import_module" in (getattr(node.func, "id", ""), getattr(node.func, "attr", "")):
            raise AssertionError(f"{module} imports by name (importlib); import directly")
    found.discard(module)
    return found


def import_graph() -> nx.DiGraph:
    mods = modules()
    graph = nx.DiGraph()
    for name, path in mods.items():
        graph.add_node(name)
        for target in imports_of(name, path, set(mods)):
            graph.add_edge(name, target)
    return graph


def test_every_module_has_a_layer():
    for name in modules():
        layer_of(name)


def test_no_import_cycles():
    graph = import_graph()
    # a package's __init__ re-exporting its submodules is not a cycle of meaning: ignore the
    # edge from a submodule to its own package's __init__ only when it never happens
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_lower_layers_never_import_higher_ones():
    graph = import_graph()
    wrong = [f"{a} ({LAYERS[layer_of(a)][0]}) imports {b} ({LAYERS[layer_of(b)][0]})"
             for a, b in graph.edges if layer_of(b) > layer_of(a)]
    assert not wrong, "imports against the layers:\n" + "\n".join(sorted(wrong))


def test_nothing_imports_the_package_root():
    graph = import_graph()
    wrong = sorted(a for a, b in graph.edges if b == "ecosystem" and a != "ecosystem.__main__")
    assert not wrong, f"import the module you need, not the package root: {wrong}"


def test_modules_are_topic_sized():
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines (split them by topic): {long}"


@pytest.mark.parametrize("module", ["ecosystem.io.readers", "ecosystem.analysis.centrality"])
def test_the_walker_sees_imports(module):
    # a test that cannot fail is a defect: the walker must find known imports
    assert "ecosystem.model" in import_graph().successors(module) or \
        "ecosystem.exceptions" in import_graph().successors(module)


def test_docs_architecture_names_every_layer_and_its_modules():
    doc = (ROOT.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = {line.split("|")[2].strip(): line for line in doc.splitlines()
            if line.startswith("| ") and line.split("|")[1].strip().isdigit()}
    for number, (layer, prefixes) in enumerate(LAYERS):
        assert layer in rows, f"docs/architecture.md has no row for layer {layer}"
        assert rows[layer].split("|")[1].strip() == str(number), layer
        for prefix in prefixes:
            assert f"`{prefix.rstrip('_')}" in rows[layer], f"{prefix} missing from {layer}'s row"
