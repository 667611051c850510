"""The benchmark suite stays runnable: generator, harness and one cheap stage (< 5 s).

The real suite (``python benchmarks/run.py``) is not part of the unit test run; this
only checks that its pieces still fit the package's API.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH))
    try:
        import generate
        import harness
        import run
        import stages
        yield generate, harness, stages, run
    finally:
        sys.path.remove(str(BENCH))
        for name in ("generate", "harness", "run", "stages", "bare", "engine"):  # plain names: do not leak
            sys.modules.pop(name, None)


def test_generator_is_seeded_and_shaped_like_a_partner_network(bench):
    generate, *_ = bench
    p1, r1 = generate.generate(200, seed=3)
    p2, r2 = generate.generate(200, seed=3)
    assert p1.equals(p2) and r1.equals(r2)
    assert not r1.equals(generate.generate(200, seed=4)[1])
    info = generate.describe(p1, r1)
    assert info["partners"] == 200 and info["ties"] == 1000      # 5 ties per partner
    assert info["relations"] > info["ties"]                      # some pairs have 2 relations
    assert info["max_degree"] > 4 * info["median_degree"]        # heavy-tailed degrees
    assert set(r1["type"]) <= set(generate.TYPES)
    assert p1["sector"].nunique() >= 5
    assert (r1["source"] != r1["target"]).all()


def test_harness_measures_time_and_memory(bench):
    _, harness, *_ = bench
    m = harness.measure(lambda: bytearray(30_000_000), repeat=1)
    assert m.seconds > 0 and m.cpu_seconds >= 0
    assert m.extra_mb > 20          # the 30 MB buffer shows up in the stage's peak


def test_one_cheap_stage_runs_through_the_child_entry_point(bench, tmp_path):
    generate, _, stages, run = bench
    rel, part = generate.write(200, tmp_path / "data", seed=0)
    out = tmp_path / "stages.jsonl"
    rows = run.run_stages("200", "synthetic", str(rel), str(part), str(out), repeat=1,
                          only=["communities (Leiden)"], tmp=str(tmp_path))
    assert [r["stage"] for r in rows] == ["communities (Leiden)"]
    row = rows[0]
    assert row["status"] == "ok", row
    assert row["engine"]["seconds"] > 0 and row["bare"]["seconds"] > 0 and row["ratio"] > 0
    assert json.loads(out.read_text().splitlines()[0])["stage"] == "communities (Leiden)"
    assert "| 200 | communities (Leiden) |" in run.summary_markdown(
        {"started": "now", "machine": run.machine(), "stages": rows, "datasets": {}})


def test_round2_reads_wall_cpu_and_peak_per_step_from_analyze_v():
    sys.path.insert(0, str(BENCH))
    try:
        import round2
        from ecosystem.progress import step_line

        log = "\n".join([step_line("centrality", 2.5, 2.25, peak=300 * 2**20),
                         step_line("holes", 4.0, 3.5, worker=True, peak=2**30),
                         "  layout                     1.50 s"])         # an older log
        assert round2.steps_of(log) == {"centrality": 2.25, "holes": 3.5, "layout": 1.5}
        assert round2.steps_of(log, cpu=False) == {"centrality": 2.5, "holes": 4.0, "layout": 1.5}
        assert round2.peaks_of(log) == {"centrality": 300.0, "holes": 1024.0}
    finally:
        sys.path.remove(str(BENCH))
        sys.modules.pop("round2", None)
