"""When each step of one ``ecosystem analyze`` ran, and in which process.

Wraps every pipeline step, every report step and every background job of the report so
that each logs its start and end (wall clock) and process id, runs the CLI once, then
prints one block per process with its busy intervals, and how many processes were busy
on average. This is how session 30 saw that a 10k run keeps both cores busy from the end
of loading to the last file (so only less CPU can make it faster) and that a third
process in the report phase costs more than it balances.

Usage (from the repository root; the arguments are ``ecosystem analyze``'s)::

    python benchmarks/timeline.py DATA -p PARTNERS -o OUT_DIR [--cpus N]

Nothing of the engine is changed on disk; the wrappers live in this process (and its
forked workers) only.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    sys.path.insert(0, str(ROOT))
    log = Path(tempfile.mkstemp(prefix="timeline-", suffix=".jsonl")[1])
    t0 = time.time()

    def record(name: str, start: float, end: float) -> None:
        with open(log, "a", encoding="utf-8") as f:  # appends from several processes
            f.write(json.dumps([os.getpid(), name, start - t0, end - t0]) + "\n")

    import ecosystem.parallel as parallel
    import ecosystem.pipeline as pipeline
    import ecosystem.progress as progress

    def wrap(step):
        def run(r, _run=step.run, _name=step.name):
            start = time.time()
            try:
                return _run(r)
            finally:
                record(_name, start, time.time())
        return dataclasses.replace(step, run=run)

    pipeline._STEPS = [wrap(s) for s in pipeline._STEPS]
    analysis_steps = {s.name for s in pipeline._STEPS}  # timed by their wrappers above
    plain_step = progress.Progress.step

    @contextlib.contextmanager
    def step(self, name):  # loading and the report's steps in the main process
        start = time.time()
        with plain_step(self, name):
            yield
        if name not in analysis_steps:
            record(name, start, time.time())

    progress.Progress.step = step
    plain_background = parallel.Background.__init__

    def background(self, func, **kwargs):
        def timed():
            start = time.time()
            try:
                return func()
            finally:
                record("(report files job)", start, time.time())
        plain_background(self, timed, **kwargs)

    parallel.Background.__init__ = background
    from ecosystem.cli import main as cli

    try:
        cli(["analyze", *argv, "-q"], standalone_mode=False)
    except SystemExit:
        pass
    total = time.time() - t0
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    log.unlink()
    pids = sorted({r[0] for r in rows}, key=lambda p: min(r[2] for r in rows if r[0] == p))
    busy = 0.0
    for pid in pids:
        mine = sorted((r for r in rows if r[0] == pid), key=lambda r: r[2])
        seconds = sum(r[3] - r[2] for r in mine)
        busy += seconds
        print(f"process {pid}{' (main)' if pid == os.getpid() else ''}: busy {seconds:.2f} s")
        for _, name, start, end in mine:
            if end - start >= 0.05:
                print(f"  {start:7.2f} - {end:7.2f}  {end - start:6.2f}  {name}")
    first = min(r[2] for r in rows)
    print(f"{total:.2f} s after the imports; steps from {first:.2f} s; "
          f"{busy / max(total - first, 1e-9):.2f} processes busy on average")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
