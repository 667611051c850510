"""Same input and seed, same output: byte for byte across processes with different
PYTHONHASHSEED (set/dict iteration order, igraph's random start vectors...).

Ignored, as documented in docs/inputs.md ("Determinism"): the generation time
(``Generated ... UTC`` in report.html/report.md, ``generated_at`` and ``timings`` in
summary.json, the workbook's creation time in metrics.xlsx ``docProps/core.xml``).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATED = re.compile(rb"Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")


def _run(data: str, out: Path, hashseed: str) -> None:
    env = dict(os.environ, PYTHONHASHSEED=hashseed,
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-m", "ecosystem", "analyze", data, "-o", str(out),
                           "-q", "--seed", "7"], env=env, capture_output=True, text=True,
                          cwd=out.parent, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]


def _normalised(path: Path) -> object:
    if path.name == "summary.json":
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("generated_at", None)
        data.pop("timings", None)
        return data
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as z:
            return {n: z.read(n) for n in sorted(z.namelist()) if n != "docProps/core.xml"}
    data = path.read_bytes()
    if path.suffix in (".html", ".md"):
        data = GENERATED.sub(b"Generated <time>", data)
    return data


@pytest.mark.parametrize("dataset", ["demo", "krebs_internet_alliances"])
def test_every_output_file_is_identical_under_another_hash_seed(tmp_path, dataset):
    a, b = tmp_path / "a", tmp_path / "b"
    _run(dataset, a, "1")
    _run(dataset, b, "2024")
    files_a = sorted(p.name for p in a.iterdir())
    assert files_a == sorted(p.name for p in b.iterdir())
    assert {"partners.csv", "metrics.xlsx", "summary.json", "report.html"} <= set(files_a)
    differ = [name for name in files_a if _normalised(a / name) != _normalised(b / name)]
    assert differ == []
