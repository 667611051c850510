"""Progress display for long runs: a bar on a terminal, silence in pipes and scripts.

Everything goes to **stderr**, so stdout stays clean for ``--format json``. The bar is
shown only when stderr is a terminal and ``quiet`` is off; ``verbose`` logs one line per
step with its wall and CPU seconds and the peak memory so far (also when piped, e.g. into
a log file): CPU seconds are this process's own (user + system, every thread), so a step
that waits for a core or for a worker shows it as wall time above its CPU time; ``peak`` is
the largest resident memory the process has had up to the end of the step.

Examples
--------
>>> import io
>>> log = io.StringIO()
>>> p = Progress(verbose=True, stream=log)
>>> with p.run("analysis", total=1):
...     with p.step("centrality"):
...         pass
>>> "centrality" in log.getvalue() and p.timings["centrality"] >= 0
True
"""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import IO, Any, Iterator


class Progress:
    """Report progress of a sequence of named steps.

    Parameters
    ----------
    quiet : bool
        Show nothing at all (verbose lines included).
    verbose : bool
        Log ``step ... 0.12 s`` per step to ``stream``.
    stream : file, default sys.stderr
    bar : bool or None
        Force the progress bar on or off; default: on when ``stream`` is a terminal.
    """

    def __init__(self, *, quiet: bool = False, verbose: bool = False,
                 stream: IO[str] | None = None, bar: bool | None = None) -> None:
        self.quiet = quiet
        self.verbose = verbose and not quiet
        self.stream = stream if stream is not None else sys.stderr
        if bar is None:
            isatty = getattr(self.stream, "isatty", None)
            bar = bool(isatty and isatty())
        self.bar = bool(bar) and not quiet
        self.timings: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._rich: Any = None
        self._task: Any = None

    # ------------------------------------------------------------------ runs
    @contextmanager
    def run(self, label: str, total: int) -> Iterator["Progress"]:
        """A run of ``total`` steps (one bar)."""
        start = time.perf_counter()
        if self.bar:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress,
                                       TextColumn, TimeElapsedColumn)

            self._rich = RichProgress(TextColumn("[bold]{task.description}"), BarColumn(),
                                      MofNCompleteColumn(), TimeElapsedColumn(),
                                      console=Console(file=self.stream), transient=True)
            self._rich.start()
            self._task = self._rich.add_task(label, total=total)
        try:
            yield self
        finally:
            if self._rich is not None:
                self._rich.stop()
                self._rich = None
            if self.verbose:
                self._log(f"{label}: done in {time.perf_counter() - start:.2f} s")

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """One named step: advances the bar and records its duration."""
        if self._rich is not None:
            self._rich.update(self._task, description=name)
        start, cpu_start = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            cpu = time.process_time() - cpu_start
            self.timings[name] = self.timings.get(name, 0.0) + elapsed
            self.cpu[name] = self.cpu.get(name, 0.0) + cpu
            if self._rich is not None:
                self._rich.advance(self._task)
            if self.verbose:
                self._log(step_line(name, elapsed, cpu, peak=peak_memory()))

    def record(self, name: str, seconds: float, cpu: float | None = None, *,
               worker: bool = False, peak: int | None = None) -> None:
        """A step timed elsewhere (e.g. in a worker): advances the bar and records it."""
        self.timings[name] = self.timings.get(name, 0.0) + seconds
        if cpu is not None:
            self.cpu[name] = self.cpu.get(name, 0.0) + cpu
        self.advance(name)
        if self.verbose:
            self._log(step_line(name, seconds, cpu, worker=worker, peak=peak))

    def advance(self, description: str | None = None) -> None:
        """Advance the bar by one (for loops that are not ``step`` blocks)."""
        if self._rich is not None:
            if description:
                self._rich.update(self._task, description=description)
            self._rich.advance(self._task)

    def note(self, message: str) -> None:
        """A message shown only with ``verbose``."""
        if self.verbose:
            self._log(message)

    def _log(self, message: str) -> None:
        if self._rich is not None:
            self._rich.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=self.stream, flush=True)


def peak_memory() -> int | None:
    """The largest resident memory of this process so far, in bytes (None where the
    platform does not say)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


def step_line(name: str, seconds: float, cpu: float | None = None, worker: bool = False,
              peak: int | None = None) -> str:
    """The ``-v`` line of one step: wall seconds, CPU seconds, peak memory, where it ran.

    Examples
    --------
    >>> step_line("holes", 2.5, 2.25, worker=True, peak=300 * 2**20)
    '  holes                      2.50 s  cpu     2.25 s  peak   300 MB (worker)'
    """
    line = f"  {name:<22} {seconds:8.2f} s"
    if cpu is not None:
        line += f"  cpu {cpu:8.2f} s"
    if peak is not None:
        line += f"  peak {peak / 2**20:5.0f} MB"
    return line + (" (worker)" if worker else "")


__all__ = ["Progress", "peak_memory", "step_line"]
