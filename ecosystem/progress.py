"""Progress display for long runs: a bar on a terminal, silence in pipes and scripts.

Everything goes to **stderr**, so stdout stays clean for ``--format json``. The bar is
shown only when stderr is a terminal and ``quiet`` is off; ``verbose`` logs one line per
step with its duration (also when piped, e.g. into a log file).

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
        start = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            self.timings[name] = self.timings.get(name, 0.0) + elapsed
            if self._rich is not None:
                self._rich.advance(self._task)
            if self.verbose:
                self._log(f"  {name:<22} {elapsed:8.2f} s")

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


__all__ = ["Progress"]
