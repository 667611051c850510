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
import pickle
import tempfile
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, Mapping

from .exceptions import InvalidParameterError
from .progress import peak_memory

#: Pipeline steps whose results no step in :data:`ALONGSIDE` reads and are small to send
#: back (so they may run in a worker). The evolution's periods are analysed here
#: (``evolution_periods``: communities, KPIs and anchor tables, no ecosystems); the
#: evolution itself, which cuts the periods again and follows the change, runs in the
#: parent after them.
INDEPENDENT = frozenset({"stability", "rank_stability", "holes", "brokerage", "fragility",
                         "recommendations", "resilience", "baselines", "layout",
                         "evolution_periods"})

#: Steps known not to read any :data:`INDEPENDENT` step's result: they run while workers
#: are busy. Every other step (risk, findings, or one added later) first waits for all
#: workers.
ALONGSIDE = INDEPENDENT | {"prepare", "centrality", "communities", "community_summary", "roles",
                           "anchors", "names", "gaps", "health"}


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
    """Runs pipeline steps in the parent or in forked workers, sharing the queue.

    An independent step (:data:`INDEPENDENT`) is queued when it is submitted; a worker
    is forked as soon as a core is free and takes *every* step queued so far, running
    them one after the other (each reads only results computed before it was queued,
    which the fork carries). Steps queued while all workers are busy wait for the next
    free core. At a barrier (:meth:`wait`) the parent does not sit idle: it takes queued
    steps itself, the last first, while the workers work from the front; a shared claim
    flag per step makes sure each step runs exactly once. A worker writes each result
    to a temporary pickle and sends only its name, so it never blocks on a full pipe
    while the parent is busy.

    Parameters
    ----------
    cpus : int
        Workers at most (``cpus`` of them: the parent mostly runs steps that must wait
        for others, and a worker that finishes its batch only gets the next one when the
        parent looks between two steps, so one extra process keeps every core busy;
        measured on H2020 with 2 cores: ``cpus - 1`` workers made the analysis 7 s slower).
    target : object
        The object the steps set their results on (the ``Analysis``).

    Examples
    --------
    >>> class Box: notes = {}
    >>> box, done = Box(), []
    >>> runner = StepRunner(2, box)
    >>> def step(): box.holes = 42
    >>> runner.submit("holes", step, lambda name, *rest: done.append(name))
    True
    >>> runner.wait(); box.holes, done
    (42, ['holes'])
    """

    def __init__(self, cpus: int, target: Any) -> None:
        self.cpus = max(1, int(cpus))
        self.target = target
        self._ctx = _fork_context() if self.cpus > 1 else None
        self._queue: list[_Job] = []
        self._workers: list[_Worker] = []
        self.offloaded: list[str] = []

    @property
    def parallel(self) -> bool:
        return self._ctx is not None

    def submit(self, name: str, func: Callable[[], None],
               on_done: Callable[[str, float, bool, float, int | None], None]) -> bool:
        """Queue ``func`` for a worker if it may run beside the others; else return False
        (the caller runs it at once).

        ``on_done(name, seconds, in_worker, cpu_seconds, peak_bytes)`` is called when the
        result is in (CPU seconds and peak memory of the process that ran the step).
        """
        if self._ctx is None or name not in INDEPENDENT:
            return False
        self._queue.append(_Job(name, func, on_done))  # started at the next poll()
        return True

    def poll(self) -> None:
        """Take in finished results and start a worker on the queue when a core is free
        (call it between steps; it never blocks)."""
        for worker in list(self._workers):
            self._drain(worker, block=False)
        while self._queue and self._ctx is not None and len(self._workers) < self.cpus:
            jobs, self._queue = self._queue, []
            self._start(jobs)

    def wait(self) -> None:
        """Run every queued step to the end (a barrier): the parent takes queued steps
        itself, the last first, while the workers work from the front."""
        while self._queue or self._workers:
            self.poll()
            job = self._steal()
            if job is not None:
                self._run_here(job)
            elif self._workers:
                from multiprocessing.connection import wait as wait_any

                # look again soon while a worker still has steps nobody claimed
                with_jobs = any(not all(w.claims[:]) for w in self._workers)
                wait_any([w.reader for w in self._workers], timeout=0.05 if with_jobs else None)
                for worker in list(self._workers):
                    self._drain(worker, block=False)

    def wait_for(self, names: Iterable[str]) -> None:
        """Wait only until the steps ``names`` are done (a narrower barrier than
        :meth:`wait`): one that no worker has started yet runs here; the other workers go
        on meanwhile. A name that was never queued counts as done."""
        names = set(names)
        while True:
            pending = [job for job in self._queue + [j for w in self._workers for j in w.jobs]
                       if job.name in names and not job.finished]
            if not pending:
                return
            self.poll()
            job = self._take(names)
            if job is not None:
                self._run_here(job)
                continue
            if not self._workers:  # pragma: no cover - every queued job is in a worker
                return
            from multiprocessing.connection import wait as wait_any

            wait_any([w.reader for w in self._workers], timeout=0.05)
            for worker in list(self._workers):
                self._drain(worker, block=False)

    def close(self) -> None:
        """Stop workers whose results are no longer wanted (e.g. a later step failed)."""
        for worker in self._workers:
            if worker.proc.is_alive():
                worker.proc.terminate()
            worker.proc.join()
            worker.reader.close()
            for job in worker.jobs:
                if job.path:
                    _remove(job.path)
        self._workers.clear()
        self._queue.clear()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass

    # ------------------------------------------------------------------ internals
    def _start(self, jobs: list["_Job"]) -> None:
        claims = self._ctx.Array("b", len(jobs))
        reader, writer = self._ctx.Pipe(duplex=False)
        target = self.target

        def child() -> None:
            try:
                for k, job in enumerate(jobs):
                    if _claim(claims, k):  # else the parent took it
                        writer.send(_run_in_worker(target, job))
            finally:
                writer.close()

        proc = self._ctx.Process(target=child, name=f"ecosystem-{jobs[0].name}", daemon=True)
        try:
            proc.start()
        except (AssertionError, OSError):  # e.g. inside a daemonic worker: run here instead
            reader.close()
            writer.close()
            self._ctx = None
            for job in jobs:
                self._run_here(job)
            return
        writer.close()
        self._workers.append(_Worker(proc, reader, jobs, claims))

    def _take(self, names: set[str]) -> "_Job | None":
        """A step among ``names`` that no process has started, claimed for the parent."""
        for k, job in enumerate(self._queue):
            if job.name in names:
                return self._queue.pop(k)
        for worker in self._workers:
            for k, job in enumerate(worker.jobs):
                if job.name in names and _claim(worker.claims, k):
                    job.stolen = True
                    return job
        return None

    def _steal(self) -> "_Job | None":
        if self._queue:
            return self._queue.pop()
        for worker in self._workers:
            with worker.claims.get_lock():
                started = any(worker.claims[:])
            if not started:  # let a worker that is still starting take its first step
                continue
            for k in range(len(worker.jobs) - 1, -1, -1):
                if _claim(worker.claims, k):
                    worker.jobs[k].stolen = True
                    return worker.jobs[k]
        return None

    def _drain(self, worker: "_Worker", *, block: bool) -> None:
        """Apply every message the worker sent; when it has ended, run what it left."""
        ended = False
        try:
            while block or worker.reader.poll():
                self._finish(worker.reader.recv())
        except (EOFError, OSError):
            ended = True
        except Exception:  # noqa: BLE001 - a result that cannot be read: re-run it here
            ended = True
        if not ended:
            return
        worker.reader.close()
        worker.proc.join()
        self._workers.remove(worker)
        for job in worker.jobs:  # claimed by the worker but never reported (it died)
            if not job.finished and not job.stolen:
                self._run_here(job)

    def _finish(self, message: tuple) -> None:
        status, name, path, seconds, cpu, peak = message
        job = next(j for w in self._workers for j in w.jobs if j.name == name)
        job.path = path
        changed = None
        if status == "ok":
            try:
                with open(path, "rb") as f:
                    changed, notes = pickle.load(f)
            except Exception:  # noqa: BLE001 - unreadable: the parent runs the step
                changed = None
            finally:
                _remove(path)
        if changed is None:
            self._run_here(job)
            return
        for key, value in changed.items():
            setattr(self.target, key, value)
        if notes:
            self.target.notes.update(notes)
        job.finished = True
        self.offloaded.append(name)
        job.on_done(name, seconds, True, cpu, peak)

    def _run_here(self, job: "_Job") -> None:
        start, cpu_start = time.perf_counter(), time.process_time()
        job.func()
        job.finished = True
        job.on_done(job.name, time.perf_counter() - start, False,
                    time.process_time() - cpu_start, peak_memory())


class _Job:
    """A queued step: what to run, whom to tell, and where its result went."""

    def __init__(self, name: str, func: Callable[[], None], on_done: Callable[..., None]) -> None:
        self.name, self.func, self.on_done = name, func, on_done
        self.path: str | None = None
        self.finished = self.stolen = False


class _Worker:
    def __init__(self, proc: Any, reader: Any, jobs: list[_Job], claims: Any) -> None:
        self.proc, self.reader, self.jobs, self.claims = proc, reader, jobs, claims


def _claim(claims: Any, k: int) -> bool:
    """Claim step ``k`` for this process; False when another process claimed it first."""
    with claims.get_lock():
        if claims[k]:
            return False
        claims[k] = 1
        return True


def _run_in_worker(target: Any, job: _Job) -> tuple:
    """In a worker: run one step, pickle what it set on ``target`` to a temporary file."""
    start, cpu_start = time.perf_counter(), time.process_time()
    before = {k: id(v) for k, v in vars(target).items()}
    notes_before = dict(getattr(target, "notes", {}) or {})
    path = None
    try:
        job.func()
        changed = {k: v for k, v in vars(target).items()
                   if before.get(k) != id(v) and k not in ("notes", "timings")}
        notes = {k: v for k, v in (getattr(target, "notes", {}) or {}).items()
                 if notes_before.get(k) != v}
        fd, path = tempfile.mkstemp(prefix=f"ecosystem-{job.name}-", suffix=".pickle")
        with os.fdopen(fd, "wb") as f:
            pickle.dump((changed, notes), f, protocol=pickle.HIGHEST_PROTOCOL)
        return ("ok", job.name, path, time.perf_counter() - start,
                time.process_time() - cpu_start, peak_memory())
    except BaseException:  # noqa: BLE001 - the parent re-runs the step
        if path:
            _remove(path)
        return ("error", job.name, None, 0.0, 0.0, None)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


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
