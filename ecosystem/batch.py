"""Many ecosystems or scenarios in one go: one report each plus an index comparing KPIs.

A batch file (YAML) lists runs, each with its own data and configuration overrides::

    output: reports/regions        # optional (default: reports/<batch file name>)
    config: base.yaml              # optional shared configuration file
    defaults:                      # optional shared overrides (same keys as the config)
      seed: 1
    runs:
      - name: seoul
        data: seoul/relations.csv
        partners: seoul/partners.csv
      - name: busan-2023
        data: busan.csv
        config: {communities: {resolution: 1.2}}   # or a YAML file path
      - name: busan-2021
        data: busan.csv
        period: "2021"             # the ecosystem as it was in 2021 (dated relations)

Relative paths are relative to the batch file. Runs execute in-process (``jobs=1``), in
local worker processes (``jobs=N``, :mod:`concurrent.futures`), or on a Dask distributed
cluster (``scheduler="tcp://host:8786"``). A failing run is recorded and the others
continue; :func:`run_batch` returns every run's status, and ``index.html`` lists KPIs of
the successful runs side by side and the failures with their error.
"""
from __future__ import annotations

import copy
import re
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .exceptions import EcosystemError, InputDataError, InvalidParameterError, Problem

#: KPIs drawn as bar charts on the batch index page (when present).
INDEX_CHARTS = ("partners", "ties", "modularity", "density", "largest_component_share",
                "cross_sector_tie_share")
BATCH_KEYS = ("output", "config", "defaults", "runs", "lang", "name")
RUN_KEYS = ("name", "data", "partners", "config", "period")
_NAME_RE = re.compile(r"^[\w][\w .\-]{0,99}$", re.UNICODE)


@dataclass
class BatchSpec:
    """A validated batch: where to write and what to run."""

    name: str
    output: Path
    runs: list[dict[str, Any]] = field(default_factory=list)
    source: str = "batch"


def _resolve(base: Path, value: str | None) -> str | None:
    if value is None:
        return None
    p = Path(str(value))
    if not p.is_absolute() and (base / p).exists():
        return str((base / p).resolve())
    return str(value)  # a bundled dataset name, or a missing file (reported by the run)


def load_batch(path: str | Path, *, output: str | Path | None = None,
               lang: str | None = None) -> BatchSpec:
    """Read and validate a batch file (unknown keys and bad runs are errors, exit 2).

    Each run's configuration (shared file < shared ``defaults`` < run ``config`` <
    ``lang``) is validated here, before anything runs.
    """
    import yaml

    from .config import Config, resolve_config

    path = Path(path)
    if not path.is_file():
        raise InputDataError([Problem("batch file not found", file=str(path), code="missing_file")])
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except yaml.YAMLError as err:
        raise InputDataError([Problem(f"not valid YAML: {err}", file=str(path),
                                      code="bad_yaml")]) from None
    src = str(path)
    if not isinstance(data, Mapping):
        raise InvalidParameterError(f"{src}: expected a mapping with a 'runs' list")
    for key in data:
        if key not in BATCH_KEYS:
            raise InvalidParameterError(f"{src}: unknown key {key!r} (known: {', '.join(BATCH_KEYS)})")
    runs = data.get("runs")
    if not isinstance(runs, list) or not runs:
        raise InvalidParameterError(f"{src}: 'runs' must be a non-empty list of runs")
    base = path.parent
    shared = resolve_config(_resolve(base, data["config"]) if data.get("config") else None)
    if data.get("defaults"):
        shared = Config.from_dict(_merge(shared.values, data["defaults"]), source=f"{src}: defaults")
    name = str(data.get("name") or path.stem)
    if output:
        out = Path(output)
    elif data.get("output"):
        out = Path(str(data["output"]))
        out = out if out.is_absolute() else base / out  # relative to the batch file
    else:
        out = Path("reports") / name
    out = check_batch_output(out)
    seen: set[str] = set()
    entries: list[dict[str, Any]] = []
    for i, run in enumerate(runs, start=1):
        where = f"{src}: run {i}"
        if not isinstance(run, Mapping):
            raise InvalidParameterError(f"{where}: expected a mapping (name, data, ...), got {run!r}")
        for key in run:
            if key not in RUN_KEYS:
                raise InvalidParameterError(f"{where}: unknown key {key!r} (known: {', '.join(RUN_KEYS)})")
        run_name = str(run.get("name") or "").strip()
        if not run_name or not _NAME_RE.match(run_name) or run_name in (".", ".."):
            raise InvalidParameterError(
                f"{where}: 'name' must be a folder-safe name (letters, digits, space, . _ -), "
                f"got {run.get('name')!r}")
        if run_name.casefold() in RESERVED_RUN_NAMES or run_name.split(".")[0].upper() in _WINDOWS_DEVICES:
            raise InvalidParameterError(
                f"{where}: run name {run_name!r} is reserved (the batch writes index.html and "
                "batch.json beside the runs' folders); choose another name")
        if run_name.casefold() in seen:  # case-insensitive file systems (Windows, macOS)
            raise InvalidParameterError(f"{where}: run name {run_name!r} is used twice "
                                        "(names differing only in upper/lower case count as one)")
        seen.add(run_name.casefold())
        over = run.get("config")
        if isinstance(over, str):  # a YAML file: only the keys it sets override the shared ones
            file = Path(_resolve(base, over) or over)
            if not file.is_file():
                raise InputDataError([Problem("run configuration file not found", file=str(file),
                                              code="missing_file")])
            try:
                raw = yaml.safe_load(file.read_text(encoding="utf-8-sig")) or {}
            except yaml.YAMLError as err:
                raise InputDataError([Problem(f"not valid YAML: {err}", file=str(file),
                                              code="bad_yaml")]) from None
            if not isinstance(raw, Mapping):
                raise InvalidParameterError(f"{file}: expected a mapping of settings")
            cfg = Config.from_dict(_merge(shared.values, raw), source=f"{where}: {file.name}")
        elif isinstance(over, Mapping) or over is None:
            cfg = Config.from_dict(_merge(shared.values, over or {}), source=f"{where}: config")
        else:
            raise InvalidParameterError(f"{where}: 'config' must be a mapping or a YAML file path")
        if run.get("period") is not None:
            cfg = cfg.override({"data.period": str(run["period"])})
        if lang:
            cfg = cfg.override({"report.lang": lang})
        data_value = run.get("data") or cfg.get("data.relations")
        if not data_value:
            raise InvalidParameterError(f"{where}: 'data' is missing")
        entries.append({"name": run_name, "data": _resolve(base, str(data_value)),
                        "partners": _resolve(base, run.get("partners")),
                        "config": cfg.to_dict(), "output": str((out / run_name).resolve())})
    return BatchSpec(name=name, output=out, runs=entries, source=src)


RESERVED_RUN_NAMES = frozenset({"index.html", "batch.json"})
"""Run names that would collide with the files a batch writes beside the runs' folders."""
_WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                              *(f"LPT{i}" for i in range(1, 10))})


def check_batch_output(out: Path) -> Path:
    """The batch output folder under the same rules as ``analyze -o``: never a system
    folder (``/``), a regular file or a folder that holds something other than ecosystem
    reports (see :func:`ecosystem.render.folder.output_folder`)."""
    from .render.folder import MARKER, _is_report, output_folder

    folder = output_folder(out)
    if folder.is_dir():
        own = {"index.html", "batch.json"}
        for child in folder.iterdir():
            if child.name in own or child.name.startswith("."):
                continue
            if child.is_dir() and ((child / MARKER).exists() or _is_report(child / "summary.json")):
                continue
            raise InvalidParameterError(
                f"batch output {str(out)!r} holds {child.name!r}, which is not an ecosystem "
                "report; choose a new folder (the batch writes index.html, batch.json and one "
                "folder per run there)")
    return folder


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(dict(base))
    for key, value in dict(over).items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def run_entry(entry: Mapping[str, Any]) -> dict[str, Any]:
    """Run one batch entry (load, analyse, write its report); never raises.

    Returns ``{"name", "status": "ok"|"failed", "report", "kpis", "seconds", "error",
    "error_kind": "input"|"internal"}``. Runs in worker processes and on Dask workers.
    """
    from .config import Config
    from .pipeline import analyze, load_data

    start = time.perf_counter()
    out: dict[str, Any] = {"name": entry["name"], "status": "failed", "report": None,
                           "directory": entry["output"], "kpis": None, "error": None}
    attempt = _attempt_started(entry)
    try:
        cfg = Config.from_dict(entry["config"], source=f"run {entry['name']}")
        eco = load_data(cfg, entry["data"], entry.get("partners"))
        analysis = analyze(eco, cfg)
        written = analysis.write_report(entry["output"])
        out.update(status="ok", kpis=analysis.kpis(), files=written["files"],
                   report=str(Path(entry["output"]) / "report.html")
                   if "report.html" in written["files"] else None,
                   anchors=_top_anchors(analysis), partners_name=eco.name)
    except EcosystemError as err:
        out.update(error=str(err), error_kind="input")
    except Exception as err:  # a bug in one run must not stop the batch; keep the traceback
        out.update(error=f"{type(err).__name__}: {err}", error_kind="internal",
                   traceback=traceback.format_exc(limit=8))
    out["seconds"] = round(time.perf_counter() - start, 3)
    _attempt_finished(entry, attempt, out)
    return out


# ---------------------------------------------------------------------- attempts
def _attempt_started(entry: Mapping[str, Any]) -> str | None:
    """Append a "start" record to the run's attempt log (``entry["attempt_log"]``, set by
    :func:`run_batch`): a worker that dies leaves a start without an end, so a retry
    elsewhere is counted with the seconds it lost."""
    log = entry.get("attempt_log")
    if not log:
        return None
    import os
    import socket
    import uuid

    attempt = uuid.uuid4().hex[:12]
    _append(log, {"event": "start", "attempt": attempt, "host": socket.gethostname(),
                  "pid": os.getpid(), "time": time.time()})
    return attempt


def _attempt_finished(entry: Mapping[str, Any], attempt: str | None,
                      out: Mapping[str, Any]) -> None:
    if attempt and entry.get("attempt_log"):
        _append(entry["attempt_log"], {"event": "end", "attempt": attempt, "time": time.time(),
                                       "status": out["status"], "seconds": out["seconds"]})


def _append(path: str, record: Mapping[str, Any]) -> None:
    import json

    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:  # one short line: an atomic append
            fh.write(json.dumps(record) + "\n")
    except OSError:
        pass  # bookkeeping must never fail a run


def read_attempts(path: str | Path) -> list[dict[str, Any]]:
    """Every attempt of one run from its log, in start order: ``attempt`` (1, 2, ...),
    ``host``, ``pid``, ``status`` (``ok``, ``failed``, or ``lost`` when the worker died
    before finishing) and ``seconds`` (for a lost attempt: until the next attempt started,
    or None when it was the last).

    Examples
    --------
    >>> import json, tempfile, os
    >>> log = os.path.join(tempfile.mkdtemp(), "run.jsonl")
    >>> lines = [{"event": "start", "attempt": "a", "host": "w1", "pid": 7, "time": 100.0},
    ...          {"event": "start", "attempt": "b", "host": "w2", "pid": 9, "time": 130.0},
    ...          {"event": "end", "attempt": "b", "time": 150.0, "status": "ok", "seconds": 19.5}]
    >>> _ = open(log, "w").write("\\n".join(json.dumps(x) for x in lines))
    >>> [(a["attempt"], a["status"], a["seconds"]) for a in read_attempts(log)]
    [(1, 'lost', 30.0), (2, 'ok', 19.5)]
    """
    import json

    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    starts: dict[str, dict[str, Any]] = {}
    ends: dict[str, dict[str, Any]] = {}
    for line in lines:
        try:
            rec = json.loads(line)
        except ValueError:
            continue  # a line cut short by a killed worker
        (starts if rec.get("event") == "start" else ends)[rec.get("attempt")] = rec
    ordered = sorted(starts.values(), key=lambda r: r.get("time", 0.0))
    out = []
    for k, rec in enumerate(ordered):
        end = ends.get(rec["attempt"])
        if end is not None:
            status, seconds = end.get("status"), end.get("seconds")
        else:
            status = "lost"
            nxt = ordered[k + 1]["time"] if k + 1 < len(ordered) else None
            seconds = round(nxt - rec["time"], 3) if nxt is not None else None
        out.append({"attempt": k + 1, "host": rec.get("host"), "pid": rec.get("pid"),
                    "status": status, "seconds": seconds})
    return out


def _with_attempts(result: dict[str, Any], log: str) -> dict[str, Any]:
    """The run's result with ``attempts``, ``retries``, ``attempt_seconds`` (one per
    attempt) and ``seconds_all_attempts`` from its log (``seconds`` stays the last
    attempt's)."""
    attempts = read_attempts(log)
    if not attempts:  # no log (e.g. unwritable folder): what we know
        attempts = [{"attempt": 1, "host": None, "pid": None, "status": result["status"],
                     "seconds": result.get("seconds")}]
    out = dict(result)
    out["attempts"] = len(attempts)
    out["retries"] = len(attempts) - 1
    out["attempt_log"] = attempts
    out["attempt_seconds"] = [a["seconds"] for a in attempts]
    known = [a["seconds"] for a in attempts if isinstance(a["seconds"], (int, float))]
    out["seconds_all_attempts"] = round(sum(known), 3) if known else None
    return out


def _top_anchors(analysis: Any, k: int = 3) -> list[str]:
    a = analysis.anchors
    if a is None or not len(a):
        return []
    if "rank" in a:
        a = a.sort_values("rank")
    return [str(x) for x in a["name"].head(k)]


def _failed(entry: Mapping[str, Any], err: BaseException) -> dict[str, Any]:
    return {"name": entry["name"], "status": "failed", "report": None,
            "directory": entry["output"], "kpis": None, "seconds": None,
            "error": f"{type(err).__name__}: {err}", "error_kind": "internal"}


def run_batch(spec: BatchSpec, *, jobs: int = 1, scheduler: str | None = None,
              progress: Any = None, connect_timeout: float = 10.0) -> dict[str, Any]:
    """Run every entry of ``spec``; write ``index.html`` and ``batch.json``; return the results.

    Parameters
    ----------
    jobs : int
        Local worker processes (1 = run in this process).
    scheduler : str, optional
        Address of a Dask distributed scheduler (``tcp://host:8786``); the runs are sent
        there instead of local workers. Data paths must be readable by the workers.
    connect_timeout : float
        Seconds to wait for the scheduler before giving up (InvalidParameterError).
    """
    from .progress import Progress

    if jobs < 1:
        raise InvalidParameterError(f"jobs must be >= 1, got {jobs!r}")
    progress = progress or Progress(quiet=True)
    results: dict[str, dict[str, Any]] = {}
    start = time.perf_counter()
    logs = _attempt_logs(spec)
    spec = BatchSpec(name=spec.name, output=spec.output, source=spec.source,
                     runs=[{**e, "attempt_log": logs[e["name"]]} for e in spec.runs])
    with progress.run(f"batch {spec.name}", total=len(spec.runs)):
        if scheduler:
            _run_dask(spec, scheduler, results, progress, connect_timeout)
        elif jobs == 1 or len(spec.runs) == 1:
            for entry in spec.runs:
                with progress.step(entry["name"]):
                    results[entry["name"]] = run_entry(entry)
        else:
            died = []
            with ProcessPoolExecutor(max_workers=min(jobs, len(spec.runs))) as pool:
                futures = {pool.submit(run_entry, e): e for e in spec.runs}
                for fut in as_completed(futures):
                    entry = futures[fut]
                    try:
                        results[entry["name"]] = fut.result()
                    except Exception as err:  # a worker died (e.g. out of memory)
                        results[entry["name"]] = _failed(entry, err)
                        died.append(entry)
                        continue
                    progress.advance(entry["name"])
                    progress.note(f"  {entry['name']:<22} {results[entry['name']]['status']}")
            for entry in died:  # one retry each, in this process (recorded as an attempt)
                with progress.step(entry["name"]):
                    results[entry["name"]] = run_entry(entry)
    ordered = [_with_attempts(results[e["name"]], logs[e["name"]]) for e in spec.runs]
    index = write_index(spec, ordered)
    summary = {"name": spec.name, "output": str(spec.output), "index": str(index),
               "runs": ordered, "ok": sum(r["status"] == "ok" for r in ordered),
               "failed": sum(r["status"] != "ok" for r in ordered),
               "seconds": round(time.perf_counter() - start, 3),
               "executor": ("dask " + scheduler) if scheduler else (
                   f"processes x{jobs}" if jobs > 1 else "in-process")}
    import json

    from .render.summary import jsonable
    from .io.safe import write_text_atomic

    write_text_atomic(spec.output / "batch.json",
                      json.dumps(jsonable(summary), ensure_ascii=False, indent=2))
    return summary


def _attempt_logs(spec: BatchSpec) -> dict[str, str]:
    """A fresh attempt log per run under ``<output>/.attempts/`` (old logs removed)."""
    folder = spec.output / ".attempts"
    logs = {}
    for i, entry in enumerate(spec.runs):
        path = folder / f"{i:04d}.jsonl"
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
        logs[entry["name"]] = str(path.resolve())
    return logs


def _run_dask(spec: BatchSpec, scheduler: str, results: dict[str, dict[str, Any]],
              progress: Any, timeout: float) -> None:
    try:
        from distributed import Client, as_completed as dask_completed
    except ImportError as err:
        raise InvalidParameterError(
            f"--scheduler needs dask distributed (pip install 'ecosystem[dask]'): {err}") from None
    try:
        client = Client(scheduler, timeout=timeout)
    except (OSError, TimeoutError) as err:
        raise InvalidParameterError(f"cannot reach the Dask scheduler at {scheduler!r}: {err}") from None
    try:
        futures = client.map(run_entry, spec.runs, pure=False,
                             key=[f"ecosystem-{e['name']}-{i}" for i, e in enumerate(spec.runs)])
        by_key = {f.key: e for f, e in zip(futures, spec.runs)}
        for fut in dask_completed(futures):
            entry = by_key[fut.key]
            try:
                results[entry["name"]] = fut.result()
            except Exception as err:  # the worker running it died
                results[entry["name"]] = _failed(entry, err)
            progress.advance(entry["name"])
    finally:
        client.close()


# ---------------------------------------------------------------------- index page
def index_context(spec: BatchSpec, results: list[dict[str, Any]], lang: str = "en") -> dict[str, Any]:
    """Pure data for ``index.html``: one KPI column per successful run."""
    from .i18n import translator
    from .render.summary import _kind, fmt

    t = translator(lang)
    ok = [r for r in results if r["status"] == "ok"]
    keys: list[str] = []
    for r in ok:
        for k in (r.get("kpis") or {}):
            if k not in keys:
                keys.append(k)
    base = spec.output.resolve()
    runs = []
    for r in ok:
        link = None
        if r.get("report"):
            try:
                link = Path(r["report"]).resolve().relative_to(base).as_posix()
            except ValueError:
                link = Path(r["report"]).resolve().as_uri()
        runs.append({"name": r["name"], "link": link, "anchors": ", ".join(r.get("anchors") or []),
                     "attempts": _attempts_text(r, t)})
    rows = [{"label": t(f"kpi_{k}"), "key": k,
             "values": [fmt((r.get("kpis") or {}).get(k), _kind(k, (r.get("kpis") or {}).get(k)), lang)
                        for r in ok]} for k in keys]
    failures = [{"name": r["name"], "error": r.get("error") or "", "kind": r.get("error_kind"),
                 "attempts": _attempts_text(r, t)}
                for r in results if r["status"] != "ok"]
    charts = []
    if len(ok) > 1:
        from markupsafe import Markup

        from .render.charts import bar_chart_svg

        for key in INDEX_CHARTS:
            values = [(r.get("kpis") or {}).get(key) for r in ok]
            if any(isinstance(v, (int, float)) for v in values):
                charts.append(Markup(bar_chart_svg(
                    [r["name"] for r in ok], [v if isinstance(v, (int, float)) else None
                                              for v in values], title=t(f"kpi_{key}"))))
    return {"title": t("batch_title", name=spec.name), "runs": runs, "rows": rows,
            "failures": failures, "anchors_label": t("anchors"), "lang": lang,
            "failed_label": t("failed_runs"), "ok_label": t("runs_ok"),
            "attempts_label": t("batch_attempts"),
            "generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "n_ok": len(ok), "n_failed": len(failures), "charts": charts}


def _attempts_text(result: Mapping[str, Any], t: Any) -> str:
    """"1 attempt: 12.3 s" or "2 attempts (1 retry): lost 30.0 s, ok 19.5 s"."""
    attempts = result.get("attempt_log") or []
    parts = [f"{t('attempt_' + str(a['status']))} "
             + (f"{a['seconds']:.1f} s" if isinstance(a["seconds"], (int, float)) else "?")
             for a in attempts]
    return t("batch_attempts_text", n=len(attempts), retries=max(len(attempts) - 1, 0),
             each=", ".join(parts)) if attempts else ""


def write_index(spec: BatchSpec, results: list[dict[str, Any]]) -> Path:
    """Write ``index.html`` comparing the runs' KPIs side by side."""
    from jinja2 import Environment, FileSystemLoader

    from .render.report import TEMPLATES
    from .io.safe import write_text_atomic

    lang = spec.runs[0]["config"]["report"]["lang"] if spec.runs else "en"
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    html = env.get_template("report_index.j2").render(**index_context(spec, results, lang))
    spec.output.mkdir(parents=True, exist_ok=True)
    return write_text_atomic(spec.output / "index.html", html)


__all__ = ["BatchSpec", "load_batch", "run_batch", "run_entry", "write_index", "index_context",
           "read_attempts"]
