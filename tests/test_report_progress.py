"""``analyze -v`` lists the report's context (every section's data and charts) as a step."""
from __future__ import annotations

from ecosystem import Ecosystem
from ecosystem.pipeline import analyze
from ecosystem.progress import Progress


def test_the_report_context_is_a_timed_step(tmp_path):
    a = analyze(Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")]),
                {"analyses": {"stability": False, "resilience": False}})
    progress = Progress(quiet=True)
    a.write_report(tmp_path / "r", outputs=["report.md"], progress=progress)
    assert set(progress.timings) == {"report context", "report.md"}
