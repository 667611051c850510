"""Run the benchmark suite: per-stage time, peak memory and overhead vs the bare library call.

Usage (from the repository root; heavy: run it niced on a shared machine)::

    nice -n 19 python benchmarks/run.py --sizes 1k,10k,100k --h2020 \\
        --out benchmarks/results/$(date -u +%F).json

    python benchmarks/run.py --sizes 1k --stages "load,centrality" --no-e2e   # quick look

For every dataset (a seeded synthetic ecosystem per size from ``benchmarks/generate.py``,
and the full H2020 participation table with ``--h2020``) a fresh child process runs the
stages of ``benchmarks/stages.py`` one after the other, each stage's result written as
soon as it is done (a killed or timed-out child keeps the stages it finished). Then,
unless ``--no-e2e``, the real command line is timed end to end in fresh processes:
``ecosystem analyze`` on each dataset, ``ecosystem analyze --demo`` from a cold start,
and the import time of ``ecosystem.cli``. The JSON file holds everything (machine,
versions, per-stage numbers, end-to-end numbers, the targets and whether they are met);
a markdown summary is printed to stdout.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from generate import describe, generate, parse_size  # noqa: E402
from harness import fmt_seconds, markdown_table, measure_pair  # noqa: E402

H2020 = ROOT / "datasets" / "cordis_h2020" / "h2020_participations.csv.gz"

TARGETS = {
    "h2020_seconds": 300.0, "h2020_peak_mb": 4096.0, "10k_seconds": 30.0,
    "overhead_ratio": 1.5, "demo_seconds": 10.0,
}


# --------------------------------------------------------------------------- machine
def machine() -> dict:
    """Cores, RAM, CPU model, load, Python and library versions."""
    info: dict = {"cores": os.cpu_count(), "python": platform.python_version(),
                  "platform": platform.platform()}
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                info["ram_gb"] = round(int(line.split()[1]) / 1024 ** 2, 1)
        info["loadavg"] = open("/proc/loadavg").read().split()[:3]
    except OSError:
        pass
    versions = {}
    for name in ("igraph", "networkx", "pandas", "numpy", "scipy", "pyvis", "matplotlib"):
        try:
            versions[name] = __import__(name).__version__
        except Exception:                                      # noqa: BLE001
            versions[name] = None
    info["versions"] = versions
    try:
        info["git_commit"] = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                            capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    return info


# --------------------------------------------------------------------------- child: stages
CPU_RATIO_MIN_SECONDS = 0.5


def ratio_of(row: dict) -> dict:
    """Engine / bare: on CPU time when both took at least 0.5 s of CPU, else on the fastest
    wall time (CPU clocks here tick in ~4 ms steps, too coarse for millisecond calls).

    Examples
    --------
    >>> ratio_of({"engine": {"seconds": 2.0, "cpu_seconds": 2.0},
    ...           "bare": {"seconds": 1.0, "cpu_seconds": 1.0}})["ratio"]
    2.0
    >>> ratio_of({"engine": {"seconds": 0.02, "cpu_seconds": 0.03},
    ...           "bare": {"seconds": 0.01, "cpu_seconds": 0.01}})["ratio_basis"]
    'wall (fastest run)'
    """
    eng, bare = row.get("engine") or {}, row.get("bare") or {}
    if not eng or not bare:
        return {}
    out = {"ratio_wall": eng["seconds"] / bare["seconds"] if bare["seconds"] > 0 else None}
    if min(eng.get("cpu_seconds", 0), bare.get("cpu_seconds", 0)) >= CPU_RATIO_MIN_SECONDS:
        out["ratio"] = eng["cpu_seconds"] / bare["cpu_seconds"]
        out["ratio_basis"] = "CPU"
    else:
        out["ratio"] = out["ratio_wall"]
        out["ratio_basis"] = "wall (fastest run)"
    return out

def run_stages(dataset: str, kind: str, relations: str, partners: str | None, jsonl: str,
               *, seed: int = 0, repeat: int = 5, only: list[str] | None = None,
               tmp: str | None = None, skip_bare: bool = False,
               skip: list[str] | None = None) -> list[dict]:
    """Run the stages for one dataset in this process; append one JSON line per stage."""
    import stages as S

    import warnings

    warnings.filterwarnings("ignore", category=RuntimeWarning)   # igraph eigenvector notes
    # libraries imported up front so no stage is charged for a first import
    import igraph  # noqa: F401
    import networkx  # noqa: F401
    import scipy.sparse  # noqa: F401
    import ecosystem  # noqa: F401

    ctx: dict = {"relations_path": relations, "partners_path": partners, "seed": seed,
                 "tmp": tmp or tempfile.mkdtemp(prefix="ecobench-"), "dataset": dataset}
    rows = []
    for stage, wanted in S.plan(S.stages(kind), only):
        if skip and any(x.lower() in stage.name.lower() for x in skip):
            row = {"dataset": dataset, "stage": stage.name, "status": "skipped (--skip)",
                   "heavy": stage.heavy}
            rows.append(row)
            with open(jsonl, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(row) + "\n")
            continue
        row: dict = {"dataset": dataset, "stage": stage.name, "bare_call": stage.bare_call or None,
                     "heavy": stage.heavy}
        try:
            bare = None if (skip_bare or not wanted) else (
                (lambda st=stage: st.bare(ctx)) if stage.bare else None)
            def engine(st=stage):
                value = st.engine(ctx)
                if st.store:            # available to the bare call (e.g. the pivots used)
                    ctx[st.store] = value
                return value

            eng, bm = measure_pair(engine, bare, repeat=repeat if stage.repeatable else 1)
            if stage.store:
                ctx[stage.store] = eng.value
            row["engine"] = eng.to_dict()
            row["status"] = "ok"
            if isinstance(bm, str):
                row["bare_error"] = bm
            elif bm is not None:
                row["bare"] = bm.to_dict()
                row["bare"] = bm.to_dict()
                row.update(ratio_of(row))
            if stage.notes:
                try:
                    row["notes"] = stage.notes(ctx, eng.value)
                except Exception as exc:                           # noqa: BLE001
                    row["notes"] = f"(notes failed: {exc})"
            if row.get("bare_error"):
                row["notes"] = (row.get("notes", "") + " bare: " + row["bare_error"]).strip()
        except Exception as exc:                                   # noqa: BLE001
            row["status"] = "error"
            row["notes"] = f"{type(exc).__name__}: {exc}"
        if not wanted:
            continue
        rows.append(row)
        if stage.breakdown and "engine" in row:
            try:
                parts = stage.breakdown(ctx, eng.value)
            except Exception:                                      # noqa: BLE001
                parts = {}
            for part, seconds in parts.items():
                sub = {"dataset": dataset, "stage": f"  {stage.name.split(' ')[0]}: {part}",
                       "status": "ok", "engine": {"seconds": float(seconds)}, "sub": True}
                rows.append(sub)
                with open(jsonl, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps(sub, default=str) + "\n")
        with open(jsonl, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(row, default=str) + "\n")
        status = fmt_seconds(row["engine"]["seconds"]) + " s" if "engine" in row else row["status"]
        print(f"  [{dataset}] {stage.name}: {status}"
              + (f" (ratio {row['ratio']:.2f}x)" if row.get("ratio") else "")
              + (f" - {row['notes']}" if row.get("notes") else ""), file=sys.stderr, flush=True)
    return rows


# --------------------------------------------------------------------------- end to end
def timed_process(cmd: list[str], *, timeout: float, env: dict | None = None,
                  cwd: str | None = None) -> dict:
    """Run ``cmd``; wall seconds, peak RSS of that child (``wait4``), exit code, stderr tail."""
    out_f = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
    err_f = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out_f, stderr=err_f, env=env, cwd=cwd)
    deadline = t0 + timeout
    status = rusage = None
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, rusage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t0
            return {"cmd": shlex.join(cmd), "seconds": wall, "status": "timeout",
                    "peak_mb": rusage.ru_maxrss / 1024}
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    out_f.seek(0)
    err_f.seek(0)
    out, err = out_f.read(), err_f.read()
    out_f.close()
    err_f.close()
    code = os.waitstatus_to_exitcode(status)
    return {"cmd": shlex.join(cmd), "seconds": wall, "exit_code": code,
            "status": "ok" if code == 0 else "failed", "peak_mb": rusage.ru_maxrss / 1024,
            "user_s": rusage.ru_utime, "sys_s": rusage.ru_stime,
            "stdout_tail": out[-600:], "stderr_tail": err[-1500:]}


def e2e_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def analyze_command(data: list[str], out: str, extra: list[str]) -> list[str]:
    return [sys.executable, "-m", "ecosystem", "analyze", *data, "-o", out, *extra]


def import_profile(top: int = 12) -> dict:
    """Cold ``import ecosystem.cli``: wall time (median of 3) and the heaviest imports."""
    env = e2e_env()
    walls = []
    for _ in range(3):
        r = timed_process([sys.executable, "-c", "import ecosystem.cli"], timeout=120, env=env,
                          cwd=str(ROOT))
        walls.append(r["seconds"])
    r = subprocess.run([sys.executable, "-X", "importtime", "-c", "import ecosystem.cli"],
                       capture_output=True, text=True, env=env, cwd=str(ROOT))
    rows = []
    for line in r.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append({"module": m.group(4), "self_ms": int(m.group(1)) / 1000,
                         "cumulative_ms": int(m.group(2)) / 1000, "depth": len(m.group(3)) // 2})
    top_level = [r_ for r_ in rows if "." not in r_["module"] or r_["module"].startswith("ecosystem")]
    heavy = sorted(top_level, key=lambda r_: -r_["cumulative_ms"])[:top]
    return {"wall_seconds_median": sorted(walls)[1], "wall_seconds": walls,
            "heaviest": heavy, "total_ms": max((r_["cumulative_ms"] for r_ in rows), default=None)}


# --------------------------------------------------------------------------- targets
def evaluate_targets(result: dict) -> list[dict]:
    out = []
    e2e = {r["dataset"]: r for r in result.get("e2e", [])}
    h = e2e.get("h2020")
    if h:
        out.append({"target": "H2020 full analyze < 5 min", "measured": f"{h['seconds']:.1f} s",
                    "met": h.get("status") == "ok" and h["seconds"] < TARGETS["h2020_seconds"]})
        out.append({"target": "H2020 full analyze peak memory < 4 GB",
                    "measured": f"{h['peak_mb']:.0f} MB",
                    "met": h.get("status") == "ok" and h["peak_mb"] < TARGETS["h2020_peak_mb"]})
    k10 = e2e.get("10k")
    if k10:
        out.append({"target": "10k partners / 50k ties full analyze < 30 s",
                    "measured": f"{k10['seconds']:.1f} s",
                    "met": k10.get("status") == "ok" and k10["seconds"] < TARGETS["10k_seconds"]})
    for r in result.get("stages", []):
        if r.get("heavy"):
            ratio = r.get("ratio")
            out.append({"target": f"{r['dataset']}: {r['stage']} overhead <= 1.5x bare",
                        "measured": (f"{ratio:.2f}x" if ratio is not None
                                     else (r.get("notes") or r.get("status", "?"))[:120]),
                        "met": ratio is not None and ratio <= TARGETS["overhead_ratio"]})
    demo = e2e.get("demo")
    if demo:
        out.append({"target": "analyze --demo < 10 s cold", "measured": f"{demo['seconds']:.1f} s",
                    "met": demo.get("status") == "ok" and demo["seconds"] < TARGETS["demo_seconds"]})
    return out


def e2e_table(rows: list[dict]) -> str:
    lines = ["| run | status | wall s | peak MB | user s | command |", "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['dataset']} | {r['status']} | {fmt_seconds(r['seconds'])} | "
                     f"{r.get('peak_mb', 0):.0f} | {fmt_seconds(r.get('user_s'))} | "
                     f"`{r['cmd'].replace(str(ROOT) + '/', '')}` |")
    return "\n".join(lines)


def summary_markdown(result: dict) -> str:
    m = result["machine"]
    parts = [f"## Benchmark {result['started']} (commit {m.get('git_commit')})",
             f"Machine: {m.get('cores')} cores, {m.get('ram_gb')} GB RAM, {m.get('cpu')}, "
             f"Python {m.get('python')}, " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()),
             f"Load average at start / end: {m.get('loadavg')} / {result.get('loadavg_end')}",
             "", "### Datasets", "",
             "| dataset | partners | relations | ties | max degree | wedges |", "|---|---|---|---|---|---|"]
    for name, d in result.get("datasets", {}).items():
        parts.append(f"| {name} | {d.get('partners', '?')} | {d.get('relations', '?')} | "
                     f"{d.get('ties', '?')} | {d.get('max_degree', '?')} | {d.get('wedges', '?')} |")
    parts += ["", "### Stages (one process per dataset; graph built once and shared)", "",
              markdown_table(result.get("stages", []))]
    if result.get("e2e"):
        parts += ["", "### End to end (fresh process each; wall time incl. interpreter start)", "",
                  e2e_table(result["e2e"])]
    if result.get("imports"):
        imp = result["imports"]
        parts += ["", f"### Import of ecosystem.cli: {imp['wall_seconds_median']:.2f} s "
                      "(median of 3 cold starts); heaviest imports (cumulative ms):", ""]
        parts += [f"- {r['module']}: {r['cumulative_ms']:.0f} ms" for r in imp["heaviest"]]
    if result.get("targets"):
        parts += ["", "### Targets", "", "| target | measured | met |", "|---|---|---|"]
        parts += [f"| {t['target']} | {t['measured']} | {'yes' if t['met'] else '**no**'} |"
                  for t in result["targets"]]
    return "\n".join(parts)


# --------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="ecosystem benchmark suite")
    ap.add_argument("--sizes", default="1k,10k", help="synthetic sizes, e.g. 1k,10k,100k ('' for none)")
    ap.add_argument("--ties-per-partner", type=float, default=5.0)
    ap.add_argument("--h2020", action="store_true", help="also the full H2020 participation table")
    ap.add_argument("--h2020-args", default="",
                    help="extra arguments for `ecosystem analyze` on the H2020 file")
    ap.add_argument("--analyze-args", default="", help="extra arguments for every `ecosystem analyze`")
    ap.add_argument("--stages", default="", help="comma-separated substrings of stage names to run")
    ap.add_argument("--skip", default="", help="comma-separated substrings of stage names to skip")
    ap.add_argument("--no-stages", action="store_true", help="only the end-to-end runs")
    ap.add_argument("--no-e2e", action="store_true", help="skip the end-to-end CLI runs")
    ap.add_argument("--no-bare", action="store_true", help="skip the bare-library comparisons")
    ap.add_argument("--repeat", type=int, default=5,
                    help="runs per quick stage (< 2 s): the fastest is reported")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per child process")
    ap.add_argument("--workdir", default=None, help="where generated CSVs and outputs go")
    ap.add_argument("--out", default=None, help="JSON result file")
    ap.add_argument("--render", nargs="+", default=None, metavar="JSON",
                    help="re-print (and merge) the markdown of earlier result files, then exit")
    # child mode
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--dataset", help=argparse.SUPPRESS)
    ap.add_argument("--kind", default="synthetic", help=argparse.SUPPRESS)
    ap.add_argument("--relations", help=argparse.SUPPRESS)
    ap.add_argument("--partners", help=argparse.SUPPRESS)
    ap.add_argument("--jsonl", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    only = [s.strip() for s in args.stages.split(",") if s.strip()] or None
    skip = [s.strip() for s in args.skip.split(",") if s.strip()] or None

    if args.render:
        merged: dict = {}
        for path in args.render:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            for row in data.get("stages", []):
                row.update(ratio_of(row))
            if not merged:
                merged = data
                continue
            merged["datasets"].update(data.get("datasets", {}))
            merged["stages"] += data.get("stages", [])
            merged["e2e"] = merged.get("e2e", []) + data.get("e2e", [])
            merged["imports"] = merged.get("imports") or data.get("imports")
        merged["targets"] = evaluate_targets(merged)
        print(summary_markdown(merged))
        return 0

    if args.child:
        run_stages(args.dataset, args.kind, args.relations, args.partners, args.jsonl,
                   seed=args.seed, repeat=args.repeat, only=only, tmp=args.workdir,
                   skip_bare=args.no_bare, skip=skip)
        return 0

    work = Path(args.workdir or tempfile.mkdtemp(prefix="ecobench-"))
    work.mkdir(parents=True, exist_ok=True)
    result: dict = {"started": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "machine": machine(), "args": vars(args), "datasets": {}, "stages": [],
                    "e2e": []}
    datasets: list[tuple[str, str, str, str | None]] = []
    for size in [s for s in args.sizes.split(",") if s.strip()]:
        n = parse_size(size)
        folder = work / f"synthetic_{size}"
        folder.mkdir(exist_ok=True)
        partners, relations = generate(n, m=int(n * args.ties_per_partner), seed=args.seed)
        relations.to_csv(folder / "relations.csv", index=False)
        partners.to_csv(folder / "partners.csv", index=False)
        result["datasets"][size] = {**describe(partners, relations), "seed": args.seed,
                                    "generator": "benchmarks/generate.py (degree-corrected SBM)"}
        del partners, relations
        datasets.append((size, "synthetic", str(folder / "relations.csv"),
                         str(folder / "partners.csv")))
    if args.h2020:
        result["datasets"]["h2020"] = {"file": str(H2020.relative_to(ROOT)), "participations": 144726,
                                       "projects": 31451, "organisations": 35871}
        datasets.append(("h2020", "h2020", str(H2020), None))

    if not args.no_stages:
        for name, kind, rel, part in datasets:
            jsonl = work / f"stages_{name}.jsonl"
            jsonl.unlink(missing_ok=True)
            cmd = [sys.executable, str(HERE / "run.py"), "--child", "--dataset", name, "--kind", kind,
                   "--relations", rel, "--jsonl", str(jsonl), "--seed", str(args.seed),
                   "--repeat", str(args.repeat), "--workdir", str(work / f"out_{name}")]
            if part:
                cmd += ["--partners", part]
            if args.stages:
                cmd += ["--stages", args.stages]
            if args.skip:
                cmd += ["--skip", args.skip]
            if args.no_bare:
                cmd += ["--no-bare"]
            (work / f"out_{name}").mkdir(exist_ok=True)
            print(f"== stages: {name}", file=sys.stderr, flush=True)
            try:
                proc = subprocess.run(cmd, timeout=args.timeout, cwd=str(ROOT))
                child_status = f"exit {proc.returncode}"
            except subprocess.TimeoutExpired:
                child_status = f"timeout after {args.timeout:.0f} s"
            rows = [json.loads(line) for line in open(jsonl, encoding="utf-8")] if jsonl.exists() else []
            if child_status != "exit 0":
                rows.append({"dataset": name, "stage": "(child process)", "status": child_status,
                             "notes": "stages after the last row above did not finish"})
            result["stages"] += rows

    if not args.no_e2e:
        env = e2e_env()
        extra_all = shlex.split(args.analyze_args)
        for name, kind, rel, part in datasets:
            data = [rel] + (["--partners", part] if part else [])
            extra = extra_all + (shlex.split(args.h2020_args) if kind == "h2020" else [])
            out = work / f"analyze_{name}"
            print(f"== e2e: analyze {name}", file=sys.stderr, flush=True)
            r = timed_process(analyze_command(data, str(out), extra), timeout=args.timeout, env=env,
                              cwd=str(ROOT))
            r["dataset"] = name
            try:
                r["outputs"] = {p.name: p.stat().st_size for p in sorted(out.iterdir()) if p.is_file()}
            except OSError:
                r["outputs"] = {}
            result["e2e"].append(r)
            print(f"   {r['status']} {r['seconds']:.1f} s, peak {r['peak_mb']:.0f} MB", file=sys.stderr)
        print("== e2e: analyze --demo (cold)", file=sys.stderr, flush=True)
        r = timed_process([sys.executable, "-m", "ecosystem", "analyze", "--demo", "-o",
                           str(work / "analyze_demo")], timeout=600, env=env, cwd=str(ROOT))
        r["dataset"] = "demo"
        result["e2e"].append(r)
        result["imports"] = import_profile()

    result["loadavg_end"] = open("/proc/loadavg").read().split()[:3] if Path("/proc/loadavg").exists() else None
    result["targets"] = evaluate_targets(result)
    text = summary_markdown(result)
    print(text)
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(out.suffix + ".tmp")
        tmp.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
        os.replace(tmp, out)
        out.with_suffix(".md").write_text(text + "\n", encoding="utf-8")
        print(f"\nwrote {out} and {out.with_suffix('.md')}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
