"""Independent steps on several cores give exactly the serial results (issue 18)."""
import pickle

import numpy as np
import pandas as pd
import pytest

from ecosystem import analyze, load_dataset
from ecosystem.exceptions import InvalidParameterError
from ecosystem.parallel import StepRunner, resolve_cpus, run_parallel


def _frames_equal(a, b):
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    elif isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b, check_exact=True)
    elif isinstance(a, dict):
        assert a.keys() == b.keys()
        for k in a:
            _frames_equal(a[k], b[k])
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            _frames_equal(x, y)
    elif isinstance(a, float):
        assert a == b or (a != a and b != b)
    elif hasattr(a, "__dict__") and not isinstance(a, type):
        _frames_equal({k: v for k, v in vars(a).items() if k not in ("eco", "snapshots")},
                      {k: v for k, v in vars(b).items() if k not in ("eco", "snapshots")})
    else:
        assert a == b


@pytest.fixture(scope="module")
def demo_runs():
    eco = load_dataset("demo")
    cfg = {"communities": {"stability_runs": 3}}
    serial = analyze(eco, cfg, cpus=1)
    parallel = analyze(load_dataset("demo"), cfg, cpus=2)
    return serial, parallel


def test_two_cores_give_the_serial_results(demo_runs):
    serial, parallel = demo_runs
    assert serial.parallel["cpus"] == 1 and serial.parallel["in_worker"] == []
    assert parallel.parallel["cpus"] == 2 and parallel.parallel["in_worker"]
    # named as the report's reader knows them: the evolution's periods are "evolution"
    assert "evolution" in parallel.parallel["beside"]
    assert not any(name.startswith("evolution_") for name in parallel.parallel["beside"])
    # eigenvector centrality (ARPACK, random start vector) differs in the last digits
    # between any two runs, serial or not; nothing downstream uses it
    cs, cp = serial.centrality.table, parallel.centrality.table
    np.testing.assert_allclose(cs.pop("eigenvector"), cp.pop("eigenvector"), rtol=1e-9)
    for name in ("centrality", "stability", "roles", "anchors", "holes", "brokerage",
                 "community_gaps", "recommendations", "resilience", "key_players", "health",
                 "layout", "risk"):
        _frames_equal(getattr(serial, name), getattr(parallel, name))
    _frames_equal(serial.fragility.articulation_points, parallel.fragility.articulation_points)
    assert [w.summary() for w in serial.what_if] == [w.summary() for w in parallel.what_if]
    _frames_equal(serial.evolution.ranks, parallel.evolution.ranks)
    _frames_equal(serial.evolution.kpis, parallel.evolution.kpis)
    pd.testing.assert_frame_equal(serial.partners_table(), parallel.partners_table(),
                                  check_exact=True)
    assert serial.what_if and serial.evolution is not None and len(serial.anchors)
    assert serial.risk is not None and len(serial.risk.table)
    assert set(serial.timings) == set(parallel.timings)
    assert parallel.params["parallel"]["cpus"] == 2


def test_a_failing_worker_step_is_rerun_in_the_parent():
    class Target:
        def __init__(self):
            self.notes, self.value = {}, None

    target = Target()
    runner = StepRunner(2, target)
    calls = []

    def unpicklable():
        target.value = lambda: 1  # cannot be sent back: the parent runs the step itself
        calls.append(1)

    done = []
    assert runner.submit("holes", unpicklable, lambda n, s, w, c, p: done.append((n, w)))
    runner.wait()
    assert callable(target.value) and done == [("holes", False)]
    assert not runner.submit("centrality", lambda: None, lambda *a: None)  # not independent


def test_cpus_setting_is_checked_and_defaults_to_every_core():
    assert resolve_cpus(3) == 3 and resolve_cpus("auto") >= 1
    with pytest.raises(InvalidParameterError):
        resolve_cpus(-1)
    with pytest.raises(InvalidParameterError):
        analyze(load_dataset("karate"), cpus="many")


def test_run_parallel_returns_results_in_order_and_reraises_errors():
    out = run_parallel({f"t{i}": (lambda i=i: np.arange(i).sum()) for i in range(5)}, cpus=2)
    assert list(out) == [f"t{i}" for i in range(5)] and out["t4"] == 6

    def boom():
        raise ValueError("bad value in row 3")

    with pytest.raises(ValueError, match="row 3"):
        run_parallel({"a": lambda: 1, "b": boom}, cpus=2)


def test_inside_a_daemonic_process_steps_run_in_place():
    """Dask workers are daemonic (no children allowed): analyze still works there."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    queue = ctx.Queue()

    def child():
        a = analyze(load_dataset("karate"), {"communities": {"stability_runs": 2},
                                              "analyses": {"evolution": False}}, cpus=2)
        queue.put((a.parallel["in_worker"], a.stability is not None))

    proc = ctx.Process(target=child, daemon=True)
    proc.start()
    result = queue.get(timeout=120)
    proc.join()
    assert result == ([], True)


class _Target:
    def __init__(self):
        self.notes = {}


def test_queued_steps_run_once_each_in_one_worker_chain():
    """Steps queued together go to one worker, which runs them one after the other."""
    target = _Target()
    runner = StepRunner(2, target)
    done = []
    names = ["stability", "holes", "brokerage"]
    for k, name in enumerate(names):
        assert runner.submit(name, lambda k=k, name=name: setattr(target, name, k * 10),
                             lambda n, s, w, c, p: done.append((n, w)))
    assert not hasattr(target, "holes")  # nothing starts before the parent's next step
    runner.poll()
    runner.wait()
    assert [target.stability, target.holes, target.brokerage] == [0, 10, 20]
    assert sorted(n for n, _ in done) == sorted(names) and len(done) == 3


def _wait_for_file(path, seconds: float = 60) -> bool:
    """Sleep until ``path`` exists (a step held until the test lets it go); True if it does."""
    import time

    deadline = time.time() + seconds
    while not path.exists() and time.time() < deadline:
        time.sleep(0.01)
    return path.exists()


def test_the_parent_takes_queued_steps_while_the_worker_is_busy(tmp_path):
    """At a barrier the parent runs the last queued step itself (claimed: it runs once)."""
    import os

    flag = tmp_path / "go"
    target = _Target()
    runner = StepRunner(2, target)
    done = {}

    def first():  # in the worker: waits until the parent has run the other step
        target.stability = ("first", _wait_for_file(flag), os.getpid())

    def second():
        flag.write_text("x")
        target.holes = ("second", os.getpid())

    runner.submit("stability", first, lambda n, s, w, c, p: done.setdefault(n, w))
    runner.submit("holes", second, lambda n, s, w, c, p: done.setdefault(n, w))
    runner.poll()
    runner.wait()
    assert done == {"stability": True, "holes": False}
    assert target.holes == ("second", os.getpid())          # ran here, in the parent
    assert target.stability[:2] == ("first", True) and target.stability[2] != os.getpid()


def test_waiting_for_one_step_does_not_wait_for_the_others(tmp_path):
    """wait_for(["holes"]) returns once holes is done (run here, since the busy worker
    had not started it) while the worker's other step still runs."""
    flag = tmp_path / "go"
    target = _Target()
    runner = StepRunner(2, target)
    done = {}

    def slow():  # in the worker: waits until the parent has come back from wait_for
        target.stability = _wait_for_file(flag)

    runner.submit("stability", slow, lambda n, s, w, c, p: done.setdefault(n, w))
    runner.submit("holes", lambda: setattr(target, "holes", 7),
                  lambda n, s, w, c, p: done.setdefault(n, w))
    runner.poll()
    runner.wait_for(["holes"])
    assert target.holes == 7 and done == {"holes": False} and not hasattr(target, "stability")
    runner.wait_for(["holes", "never queued"])  # done, or never queued: returns at once
    flag.write_text("x")
    runner.wait()
    # (the worker, or the parent if the worker had not started yet: both are correct)
    assert target.stability is True and set(done) == {"holes", "stability"}


def test_a_worker_that_dies_mid_chain_leaves_its_steps_to_the_parent():
    import os

    target = _Target()
    runner = StepRunner(2, target)
    done = []

    def dies():
        if os.getpid() != parent:
            os._exit(3)  # a killed worker: no result, no message
        target.holes = "parent"

    parent = os.getpid()
    runner.submit("stability", lambda: setattr(target, "stability", "worker"),
                  lambda n, s, w, c, p: done.append((n, w)))
    runner.submit("holes", dies, lambda n, s, w, c, p: done.append((n, w)))
    runner.submit("brokerage", lambda: setattr(target, "brokerage", os.getpid()),
                  lambda n, s, w, c, p: done.append((n, w)))
    runner.poll()
    runner.wait()
    assert target.holes == "parent" and target.stability == "worker"
    assert sorted(n for n, _ in done) == ["brokerage", "holes", "stability"]
    assert ("holes", False) in done
