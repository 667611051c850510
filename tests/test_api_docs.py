"""Every ```python example in README.md and docs/api.md runs as written."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "README.md", ROOT / "docs" / "api.md"]
BLOCK = re.compile(r"^```python[^\n]*\n(.*?)^```", re.S | re.M)


def blocks(path: Path) -> list[str]:
    if not path.exists():
        return []
    return BLOCK.findall(path.read_text(encoding="utf-8"))


def test_docs_have_python_examples():
    assert len(blocks(ROOT / "docs" / "api.md")) >= 2


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_python_examples_run(path, tmp_path, monkeypatch):
    code = blocks(path)
    if not code:
        pytest.skip(f"{path.name} has no python example")
    monkeypatch.chdir(tmp_path)  # examples may write reports/...
    namespace: dict = {"__name__": "__docs__"}
    for i, block in enumerate(code, start=1):
        try:
            exec(compile(block, f"{path.name} example {i}", "exec"), namespace)
        except Exception as err:  # show which example failed
            raise AssertionError(f"{path.name} example {i} failed: {err!r}\n{block}") from err
