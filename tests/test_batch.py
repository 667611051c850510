"""Batch runs: one report per entry, an index comparing KPIs, failures listed, exit 2."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecosystem.batch import load_batch, run_batch
from ecosystem.cli import main
from ecosystem.exceptions import InvalidParameterError

DEFAULTS = """\
defaults:
  communities: {stability_runs: 0}
  resilience: {runs: 1, steps: 3, strategies: [degree, random]}
  outputs: {metrics.xlsx: false, map.png: false, report.md: false}
"""


def _write_region(folder: Path, name: str, n: int, offset: int = 0) -> None:
    """Two small clusters joined by one tie; names partly in Hangul."""
    rows = ["source,target,type,weight"]
    for a in range(n):
        for b in range(a + 1, n):
            if (a < n // 2) == (b < n // 2) and (b - a) <= 2:
                rows.append(f"p{a + offset},p{b + offset},joint R&D,{1 + (a + b) % 3}")
    rows.append(f"p{offset},p{n - 1 + offset},pilot,1")
    (folder / f"{name}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    partners = ["id,name,sector"] + [
        f"p{i + offset},{'기관' if i % 2 else 'Org'} {name} {i},{'company' if i % 3 else 'university'}"
        for i in range(n)]
    (folder / f"{name}_partners.csv").write_text("\n".join(partners) + "\n", encoding="utf-8")


@pytest.fixture
def batch_file(tmp_path):
    _write_region(tmp_path, "seoul", 10)
    _write_region(tmp_path, "busan", 8, offset=100)
    (tmp_path / "broken.csv").write_text("from_org;to_org\nx;y\n", encoding="utf-8")
    path = tmp_path / "regions.yaml"
    path.write_text(DEFAULTS + """\
output: out
runs:
  - name: seoul
    data: seoul.csv
    partners: seoul_partners.csv
  - name: broken
    data: broken.csv
    partners: nowhere.csv
  - name: busan-2023
    data: busan.csv
    partners: busan_partners.csv
    config: {communities: {resolution: 1.5}, report: {lang: ko}}
""", encoding="utf-8")
    return path


def _check_outputs(out: Path, summary: dict) -> None:
    assert summary["ok"] == 2 and summary["failed"] == 1
    runs = {r["name"]: r for r in summary["runs"]}
    assert runs["broken"]["status"] == "failed" and runs["broken"]["error_kind"] == "input"
    assert "nowhere.csv" in runs["broken"]["error"]
    for name in ("seoul", "busan-2023"):
        assert runs[name]["status"] == "ok"
        assert (out / name / "report.html").is_file() and (out / name / "summary.json").is_file()
    assert not (out / "broken").exists()
    ko = (out / "busan-2023" / "report.html").read_text(encoding="utf-8")
    assert "앵커 파트너" in ko  # per-run overrides apply
    busan = json.loads((out / "busan-2023" / "summary.json").read_text(encoding="utf-8"))
    assert busan["communities"]["resolution"] == 1.5 and busan["partners"]["count"] == 8
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="seoul/report.html"' in index and 'href="busan-2023/report.html"' in index
    assert "broken" in index and "nowhere.csv" in index
    assert index.count("<svg") >= 3  # KPI bar charts across runs
    assert runs["seoul"]["kpis"]["partners"] == 10
    assert json.loads((out / "batch.json").read_text(encoding="utf-8"))["failed"] == 1


def test_cli_batch_keeps_going_lists_failures_and_exits_2(runner, batch_file):
    result = runner.invoke(main, ["batch", str(batch_file), "--jobs", "2", "-q"])
    assert result.exit_code == 2, result.output
    assert "1 run failed" in result.output and "broken" in result.output
    out = batch_file.parent / "out"
    summary = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert summary["executor"] == "processes x2"
    _check_outputs(out, summary)


def test_one_run_per_year_of_the_same_data(runner, tmp_path):
    path = tmp_path / "years.yaml"
    path.write_text(DEFAULTS + """\
runs:
  - {name: demo-2019, data: demo, period: 2019}
  - {name: demo-2025, data: demo, period: "2025"}
""", encoding="utf-8")
    result = runner.invoke(main, ["batch", str(path), "-q", "--format", "json",
                                  "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    runs = {r["name"]: r for r in json.loads(result.output)["runs"]}
    assert runs["demo-2019"]["kpis"]["partners"] < runs["demo-2025"]["kpis"]["partners"]


def test_batch_json_format_and_all_ok_exit_0(runner, batch_file, tmp_path):
    text = batch_file.read_text(encoding="utf-8")
    text = text.split("  - name: broken")[0]  # only the seoul run
    ok_file = tmp_path / "ok.yaml"
    ok_file.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["batch", str(ok_file), "--format", "json", "-q",
                                  "-o", str(tmp_path / "ok-out")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["ok"] == 1 and data["failed"] == 0 and data["executor"] == "in-process"


@pytest.mark.slow
def test_batch_on_a_dask_cluster(batch_file):
    distributed = pytest.importorskip("distributed")
    spec = load_batch(batch_file)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  host="127.0.0.1", protocol="tcp://",
                                  dashboard_address=None) as cluster:
        summary = run_batch(spec, scheduler=cluster.scheduler_address)
    assert summary["executor"].startswith("dask tcp://127.0.0.1")
    _check_outputs(spec.output, summary)


def test_unreachable_scheduler_is_a_clear_error(batch_file):
    pytest.importorskip("distributed")
    spec = load_batch(batch_file)
    with pytest.raises(InvalidParameterError, match="cannot reach"):
        run_batch(spec, scheduler="tcp://127.0.0.1:1", connect_timeout=1)


@pytest.mark.parametrize("text, message", [
    ("runs: []\n", "non-empty list"),
    ("runz:\n  - {name: a, data: x.csv}\n", "unknown key 'runz'"),
    ("runs:\n  - {name: a, data: x.csv, colour: red}\n", "unknown key 'colour'"),
    ("runs:\n  - {name: a, data: x.csv}\n  - {name: a, data: y.csv}\n", "used twice"),
    ("runs:\n  - {name: ../evil, data: x.csv}\n", "folder-safe"),
    ("runs:\n  - {name: a, data: x.csv, config: {seed: -1}}\n", "'seed'"),
])
def test_bad_batch_files_fail_before_running(runner, tmp_path, text, message):
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["batch", str(path)])
    assert result.exit_code == 2 and message in result.output, result.output


def test_run_config_file_overrides_only_its_own_keys(tmp_path):
    (tmp_path / "fine.yaml").write_text("communities: {resolution: 2.0}\n", encoding="utf-8")
    path = tmp_path / "b.yaml"
    path.write_text("defaults: {seed: 7}\nruns:\n  - {name: a, data: karate, config: fine.yaml}\n",
                    encoding="utf-8")
    cfg = load_batch(path).runs[0]["config"]
    assert cfg["seed"] == 7 and cfg["communities"]["resolution"] == 2.0


# ----------------------------------------------------------------- attempts (issue 18)
def test_every_run_records_its_attempts_and_their_seconds(batch_file):
    spec = load_batch(batch_file)
    summary = run_batch(spec)
    for run in summary["runs"]:
        assert run["attempts"] == 1 and run["retries"] == 0
        assert len(run["attempt_seconds"]) == 1
        assert run["attempt_seconds"][0] == run["seconds"] == run["seconds_all_attempts"]
        assert run["attempt_log"][0]["status"] == run["status"]
    saved = json.loads((spec.output / "batch.json").read_text(encoding="utf-8"))
    assert saved["runs"][0]["attempts"] == 1
    index = (spec.output / "index.html").read_text(encoding="utf-8")
    assert 'data-kpi="attempts"' in index and "1 attempt(s), 0 retry(ies): ok" in index


def _flaky_run_entry(entry):
    """Dies (like a killed worker) on a run's first attempt; runs normally afterwards."""
    import os

    from ecosystem import batch

    if entry["name"] == "seoul" and not batch.read_attempts(entry["attempt_log"]):
        batch._attempt_started(entry)
        os._exit(3)
    return _REAL_RUN_ENTRY(entry)


from ecosystem import batch as _batch  # noqa: E402

_REAL_RUN_ENTRY = _batch.run_entry


def test_a_killed_worker_is_retried_and_both_attempts_are_recorded(batch_file, monkeypatch):
    import sys

    if sys.platform.startswith("win"):
        pytest.skip("needs fork")
    # pickled by reference as ecosystem.batch.run_entry; the forked workers see the patch
    _flaky_run_entry.__module__, _flaky_run_entry.__qualname__ = "ecosystem.batch", "run_entry"
    monkeypatch.setattr(_batch, "run_entry", _flaky_run_entry)
    spec = load_batch(batch_file)
    summary = run_batch(spec, jobs=2)
    runs = {r["name"]: r for r in summary["runs"]}
    seoul = runs["seoul"]
    assert seoul["status"] == "ok" and seoul["attempts"] == 2 and seoul["retries"] == 1
    first, second = seoul["attempt_log"]
    assert first["status"] == "lost" and second["status"] == "ok"
    assert first["seconds"] is not None and first["seconds"] >= 0
    assert seoul["seconds_all_attempts"] >= seoul["seconds"]
    index = (spec.output / "index.html").read_text(encoding="utf-8")
    assert "2 attempt(s), 1 retry(ies): lost (worker died)" in index
