"""Measurement primitives: wall time and peak memory of one stage, and the table.

Time is measured twice: wall seconds (``perf_counter``) and CPU seconds of this process
(``process_time``, user + system). On a shared, loaded machine wall time grows with the
load while CPU time of single-threaded work does not, so overhead ratios use CPU time.

Peak memory on Linux comes from ``/proc/self/status``: before a stage the harness resets
the high-water mark (writing ``5`` to ``/proc/self/clear_refs``), so ``VmHWM`` after the
stage is that stage's own peak resident memory. ``extra_mb`` is that peak minus the
resident memory before the stage (what the stage needed on top of what was already
held). Where the reset is not possible (non-Linux), ``getrusage`` gives the process
peak so far and ``peak_is_process_max`` is set.

Examples
--------
>>> m = measure(lambda: sum(range(1000)), repeat=2)
>>> m.value, m.runs
(499500, 2)
"""
from __future__ import annotations

import gc
import resource
import statistics
import time
from dataclasses import dataclass, field
from typing import Any, Callable

_STATUS = "/proc/self/status"


def memory_mb() -> tuple[float, float]:
    """``(current RSS, peak RSS since the last reset)`` of this process in MB."""
    try:
        rss = hwm = None
        with open(_STATUS) as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1]) / 1024
        if rss is not None and hwm is not None:
            return rss, hwm
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return peak, peak


def reset_peak() -> bool:
    """Reset this process's peak-RSS mark (Linux); ``False`` when not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


@dataclass
class Measurement:
    """One stage: wall seconds (the fastest of ``runs``; the median is kept too), memory of
    the first run, and its result.

    The minimum, not the median, is the headline number: on a shared machine noise only
    ever adds time, so the fastest run is the best estimate of the work itself.
    """

    seconds: float
    runs: int
    times: list[float]
    cpu_seconds: float
    peak_mb: float
    extra_mb: float
    rss_before_mb: float
    peak_is_process_max: bool = False
    value: Any = field(default=None, repr=False)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def to_dict(self) -> dict:
        return {"seconds": round(self.seconds, 6), "median": round(self.median, 6),
                "cpu_seconds": round(self.cpu_seconds, 6), "runs": self.runs,
                "times": [round(t, 6) for t in self.times], "peak_mb": round(self.peak_mb, 1),
                "extra_mb": round(self.extra_mb, 1), "rss_before_mb": round(self.rss_before_mb, 1),
                "peak_is_process_max": self.peak_is_process_max}


def measure(fn: Callable[[], Any], *, repeat: int = 1, min_seconds: float = 1.0) -> Measurement:
    """Run ``fn`` once with memory tracking, then again (up to ``repeat`` runs in all)
    while the runs so far took less than ``min_seconds`` each; fastest time.

    The value returned is the first run's.
    """
    gc.collect()
    rss0, _ = memory_mb()
    exact = reset_peak()
    c0 = time.process_time()
    t0 = time.perf_counter()
    value = fn()
    times = [time.perf_counter() - t0]
    cpus = [time.process_time() - c0]
    _, hwm = memory_mb()
    while len(times) < repeat and max(times) < min_seconds:
        c0 = time.process_time()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return Measurement(seconds=min(times), runs=len(times), times=times, cpu_seconds=min(cpus),
                       peak_mb=hwm, extra_mb=max(0.0, hwm - rss0), rss_before_mb=rss0,
                       peak_is_process_max=not exact, value=value)


def measure_pair(engine: Callable[[], Any], bare: Callable[[], Any] | None, *, repeat: int = 5,
                 min_seconds: float = 2.0) -> tuple[Measurement, Measurement | str | None]:
    """Measure ``engine`` and ``bare`` alternately (same machine noise for both).

    Each gets a first tracked run; then, while both are quick (< ``min_seconds``),
    further runs alternate engine, bare, engine, bare... up to ``repeat`` each.
    An exception in ``bare`` does not lose the engine's measurement: the second item
    is then the error message.
    """
    first = measure(engine, repeat=1)
    if bare is None:
        if repeat > 1 and first.seconds < min_seconds:
            more = measure(engine, repeat=repeat - 1, min_seconds=min_seconds)
            first.times += more.times
            first.cpu_seconds = min(first.cpu_seconds, more.cpu_seconds)
            first.runs = len(first.times)
            first.seconds = min(first.times)
        return first, None
    try:
        second = measure(bare, repeat=1)
    except Exception as exc:                                  # noqa: BLE001
        return first, f"{type(exc).__name__}: {exc}"
    while (first.runs < repeat and max(first.times) < min_seconds
           and max(second.times) < min_seconds):
        for m, fn in ((first, engine), (second, bare)):
            c0 = time.process_time()
            t0 = time.perf_counter()
            fn()
            m.times.append(time.perf_counter() - t0)
            m.cpu_seconds = min(m.cpu_seconds, time.process_time() - c0)
            m.runs = len(m.times)
            m.seconds = min(m.times)
    return first, second


def fmt_seconds(s: float | None) -> str:
    """Human-friendly seconds: ``0.0042 -> '0.0042'``, ``12.345 -> '12.3'``.

    Examples
    --------
    >>> fmt_seconds(0.0042), fmt_seconds(1.234), fmt_seconds(123.4), fmt_seconds(None)
    ('0.0042', '1.23', '123', '–')
    """
    if s is None:
        return "–"
    if s >= 100:
        return f"{s:.0f}"
    if s >= 10:
        return f"{s:.1f}"
    if s >= 1:
        return f"{s:.2f}"
    return f"{s:.2g}" if s < 0.01 else f"{s:.3f}"


def markdown_table(rows: list[dict]) -> str:
    """The per-stage results of one or more datasets as a markdown table."""
    head = ("| dataset | stage | wall s | CPU s | peak MB | extra MB | bare library call "
            "| bare wall s | bare CPU s | ratio | notes |")
    lines = [head, "|" + "---|" * 11]
    for r in rows:
        eng = r.get("engine") or {}
        bare = r.get("bare") or {}
        ratio = r.get("ratio")
        lines.append("| {ds} | {st} | {t} | {c} | {pk} | {ex} | {bn} | {bw} | {bt} | {ra} | {no} |".format(
            ds=r.get("dataset", ""), st=r.get("stage", ""),
            t=fmt_seconds(eng.get("seconds")) if eng else r.get("status", ""),
            c=fmt_seconds(eng.get("cpu_seconds")) if eng else "–",
            pk=f"{eng['peak_mb']:.0f}" if "peak_mb" in eng else "–",
            ex=f"{eng['extra_mb']:.0f}" if "extra_mb" in eng else "–",
            bn=r.get("bare_call") or "–",
            bw=fmt_seconds(bare.get("seconds")) if bare else "–",
            bt=fmt_seconds(bare.get("cpu_seconds")) if bare else "–",
            ra=(f"{ratio:.2f}x" + ("" if r.get("ratio_basis", "CPU") == "CPU" else " (wall)"))
            if ratio is not None else "–",
            no=str(r.get("notes", "")).replace("|", "/").replace("\n", " ")[:160]))
    return "\n".join(lines)
