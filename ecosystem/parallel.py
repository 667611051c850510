"""Run independent pipeline steps on several cores (forked worker processes).

The analyses are single-threaded (igraph, scipy.sparse and pandas hold the GIL), so
the only way to use a second core is a second process. :class:`StepRunner` lets
:func:`ecosystem.pipeline.analyze` hand a step to a forked child when a core is free:
the child inherits everything computed so far (copy-on-write, nothing is pickled on the
way in), runs the step with the same inputs and seed, and sends back only the
attributes the step set on the :class:`~ecosystem.pipeline.Analysis`. The parent goes
on with the next steps meanwhile. Results are identical to a serial run (every step is
deterministic given its inputs and seed; ``tests/test_parallel.py`` checks it).

Rules that keep it safe:

* Only steps listed in :data:`INDEPENDENT` go to a worker: steps whose results no later
  step of the pipeline reads. Any other step first waits for every worker (a step added
  later is therefore safe without any change here; list it in :data:`INDEPENDENT` to
  let it run beside the others).
* When a worker fails in any way (an exception, a crash, a result that cannot be
  pickled) the step is simply run again in the parent, so errors surface exactly as in
  a serial run.
* ``cpus=1``, or a platform without ``fork``, runs everything in the parent.

The same helper runs the report folder's independent outputs (``metrics.xlsx``, the
CSV files, map.png) beside each other: see :func:`run_parallel`.

Examples
--------
>>> resolve_cpus(1), resolve_cpus(None) == available_cpus()
(1, True)
>>> run_parallel({"a": lambda: 1 + 1, "b": lambda: "x" * 3}, cpus=2)
{'a': 2, 'b': 'xxx'}
"""
from __future__ import annotations

import multiprocessing as mp
import os
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Mapping

from .exceptions import InvalidParameterError
from .progress import peak_memory

#: Pipeline steps whose results no later step reads and are small to send back (so they
#: may run in a worker). Evolution stays in the parent: its result holds every period's
#: ecosystem, and pickling that back costs more time and memory than it saves.
INDEPENDENT = frozenset({"stability", "holes", "brokerage", "fragility", "recommendations",
                         "resilience", "layout"})

#: Steps known not to read any :data:`INDEPENDENT` step's result: they run while workers
#: are busy. Every other step (e.g. one added later) first waits for all workers.
ALONGSIDE = INDEPENDENT | {"prepare", "centrality", "communities", "roles", "anchors", "gaps",
                           "health", "evolution"}


def available_cpus() -> int:
    """Cores this process may use (CPU affinity where the platform tells it).

    Examples
    --------
    >>> available_cpus() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def resolve_cpus(value: Any) -> int:
    """The number of processes to use: ``None``/``0``/``"auto"`` = every available core.

    Raises :class:`~ecosystem.exceptions.InvalidParameterError` for anything but a whole
    number >= 0 or ``"auto"``.
    """
    if value is None or value == 0 or (isinstance(value, str) and value.strip().lower() == "auto"):
        return available_cpus()
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidParameterError(f"cpus must be a whole number >= 1 (or auto), got {value!r}")
    return int(value)


@contextmanager
def one_native_thread() -> Iterator[None]:
    """Limit OpenMP and BLAS thread pools to one thread inside the block.

    igraph's PageRank (PRPACK) runs an OpenMP loop: with a thread per core it is *not*
    reproducible (results differ in the 14th digit from run to run) and on a busy machine
    it is 15-40x slower (threads spin waiting for a core; 10 PageRanks on 10k-partner
    snapshots: 1.3-4.2 s CPU with 2 threads, 0.09 s with one). The engine uses cores by
    running steps in processes instead (:class:`StepRunner`). No-op without
    ``threadpoolctl``.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - optional at run time
        yield
        return
    import igraph  # noqa: F401 - limits apply to the libraries loaded when they are set:
    import scipy.linalg  # noqa: F401 - load igraph's OpenMP and scipy's own OpenBLAS first
    with threadpool_limits(limits=1):
        yield


def _fork_context():
    try:
        return mp.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork (Windows)
        return None


class StepRunner:
    """Runs pipeline steps in the parent or, when a core is free, in a forked worker.

    Parameters
    ----------
    cpus : int
        Processes in all (the parent counts as one): ``cpus - 1`` workers at most.
    target : object
        The object the steps set their results on (the ``Analysis``).
    """

    def __init__(self, cpus: int, target: Any) -> None:
        self.cpus = max(1, int(cpus))
        self.target = target
        self._ctx = _fork_context() if self.cpus > 1 else None
        self._pending: dict[str, tuple[Any, Any, Callable[[], None], float]] = {}
        self.offloaded: list[str] = []

    @property
    def parallel(self) -> bool:
        return self._ctx is not None

    def submit(self, name: str, func: Callable[[], None],
               on_done: Callable[[str, float, bool, float, int | None], None]) -> bool:
        """Start ``func`` in a worker if allowed and a core is free; else return False.

        ``on_done(name, seconds, in_worker, cpu_seconds, peak_bytes)`` is called when the
        result is back (CPU seconds and peak memory of the process that ran the step).
        """
        if self._ctx is None or name not in INDEPENDENT:
            return False
        for done in [n for n, (_, r, _, _) in self._pending.items() if r.poll()]:
            self._collect(done)  # finished workers free their core
        if len(self._pending) >= self.cpus - 1:
            return False
        before = {k: id(v) for k, v in vars(self.target).items()}
        notes_before = dict(getattr(self.target, "notes", {}) or {})
        reader, writer = self._ctx.Pipe(duplex=False)

        def child() -> None:
            start, cpu_start = time.perf_counter(), time.process_time()
            try:
                func()
                changed = {k: v for k, v in vars(self.target).items()
                           if before.get(k) != id(v) and k not in ("notes", "timings")}
                notes = {k: v for k, v in (getattr(self.target, "notes", {}) or {}).items()
                         if notes_before.get(k) != v}
                writer.send(("ok", changed, notes, time.perf_counter() - start,
                             time.process_time() - cpu_start, peak_memory()))
            except BaseException as err:  # noqa: BLE001 - the parent re-runs the step
                try:
                    writer.send(("error", repr(err), {}, 0.0, 0.0, None))
                except Exception:  # noqa: BLE001
                    pass
            finally:
                writer.close()

        proc = self._ctx.Process(target=child, name=f"ecosystem-{name}", daemon=True)
        try:
            proc.start()
        except (AssertionError, OSError):  # e.g. inside a daemonic worker: run here instead
            reader.close()
            writer.close()
            self._ctx = None
            return False
        writer.close()
        self._pending[name] = (proc, reader, func, time.perf_counter())
        self._callbacks = getattr(self, "_callbacks", {})
        self._callbacks[name] = on_done
        self.offloaded.append(name)
        return True

    def close(self) -> None:
        """Stop workers whose results are no longer wanted (e.g. a later step failed)."""
        for proc, reader, _, _ in self._pending.values():
            if proc.is_alive():
                proc.terminate()
            proc.join()
            reader.close()
        self._pending.clear()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass

    def wait(self) -> None:
        """Collect every worker's result (re-running a failed step in the parent)."""
        for name in list(self._pending):
            self._collect(name)

    def _collect(self, name: str) -> None:
        proc, reader, func, started = self._pending.pop(name)
        message = None
        try:
            message = reader.recv()
        except (EOFError, OSError, Exception):  # noqa: BLE001 - crashed or unpicklable
            message = None
        finally:
            reader.close()
            proc.join()
        on_done = self._callbacks.pop(name)
        if message is not None and message[0] == "ok":
            _, changed, notes, seconds, cpu, peak = message
            for key, value in changed.items():
                setattr(self.target, key, value)
            if notes:
                self.target.notes.update(notes)
            on_done(name, seconds, True, cpu, peak)
            return
        start, cpu_start = time.perf_counter(), time.process_time()  # the worker failed:
        func()                                                          # same step, here
        on_done(name, time.perf_counter() - start, False, time.process_time() - cpu_start,
                peak_memory())


class Background:
    """Run ``func`` (for its side effects, e.g. writing a file) in a forked worker while
    the caller goes on; :meth:`result` waits for it. With one CPU, or when the worker
    fails in any way, ``func`` runs in the caller instead (``cleanup`` first, e.g. to
    remove a half-written temporary file), so errors surface as in a serial run.

    Examples
    --------
    >>> box = []
    >>> Background(lambda: box.append(1), cpus=1).result(), box
    (None, [1])
    """

    def __init__(self, func: Callable[[], Any], *, cpus: int | None = None,
                 cleanup: Callable[[], None] | None = None) -> None:
        self.func, self.cleanup = func, cleanup
        ctx = _fork_context() if resolve_cpus(cpus) > 1 else None
        self._proc = None
        self.in_worker = ctx is not None
        if ctx is None:
            self._value = func()
            return
        reader, writer = ctx.Pipe(duplex=False)

        def child() -> None:
            _send_result(writer, func)

        self._proc = ctx.Process(target=child, name="ecosystem-background", daemon=True)
        try:
            self._proc.start()
        except (AssertionError, OSError):  # e.g. inside a daemonic worker: run here instead
            reader.close()
            writer.close()
            self._proc, self.in_worker = None, False
            self._value = func()
            return
        writer.close()
        self._reader = reader

    def result(self) -> Any:
        if self._proc is None:
            return self._value
        try:
            message = self._reader.recv()
        except Exception:  # noqa: BLE001 - the worker died
            message = None
        finally:
            self._reader.close()
            self._proc.join()
            self._proc = None
        if message is not None and message[0] == "ok":
            self._value = message[1]
        else:
            self.in_worker = False
            if self.cleanup is not None:
                self.cleanup()
            self._value = self.func()
        return self._value


def run_parallel(tasks: Mapping[str, Callable[[], Any]], *, cpus: int | None = None) -> dict[str, Any]:
    """Run independent callables, up to ``cpus`` at a time (forked workers), and return
    ``{name: result}`` in the order given. A task whose worker fails is run again in
    the caller (so its exception is raised as in a serial run). Results must pickle.
    """
    cpus = resolve_cpus(cpus)
    ctx = _fork_context() if cpus > 1 and len(tasks) > 1 else None
    if ctx is None:
        return {name: task() for name, task in tasks.items()}
    names = list(tasks)
    out: dict[str, Any] = {}
    running: dict[str, tuple[Any, Any]] = {}

    def start(name: str) -> None:
        reader, writer = ctx.Pipe(duplex=False)

        def child() -> None:
            _send_result(writer, tasks[name])

        proc = ctx.Process(target=child, name=f"ecosystem-{name}", daemon=True)
        try:
            proc.start()
        except (AssertionError, OSError):  # e.g. inside a daemonic worker: run it here
            reader.close()
            writer.close()
            out[name] = tasks[name]()
            return
        writer.close()
        running[name] = (proc, reader)

    def finish(name: str) -> None:
        proc, reader = running.pop(name)
        try:
            message = reader.recv()
        except Exception:  # noqa: BLE001
            message = None
        finally:
            reader.close()
            proc.join()
        out[name] = message[1] if message and message[0] == "ok" else tasks[name]()

    # the caller runs tasks itself too; the others go to workers as cores free up
    queue = list(names)
    while queue or running:
        for name in [n for n, (_, r) in running.items() if r.poll()]:
            finish(name)
        mine = queue.pop(0) if queue else None
        while queue and len(running) < cpus - 1:
            start(queue.pop(0))
        if mine is not None:
            out[mine] = tasks[mine]()
        elif running:
            finish(next(iter(running)))
    return {name: out[name] for name in names}


def _send_result(writer: Any, func: Callable[[], Any]) -> None:
    """In a forked worker: run ``func`` and send ``("ok", result)`` or ``("error", repr)``."""
    try:
        writer.send(("ok", func()))
    except BaseException as err:  # noqa: BLE001
        try:
            writer.send(("error", repr(err)))
        except Exception:  # noqa: BLE001
            pass
    finally:
        writer.close()


__all__ = ["ALONGSIDE", "Background", "INDEPENDENT", "StepRunner", "one_native_thread", "available_cpus", "resolve_cpus", "run_parallel"]
