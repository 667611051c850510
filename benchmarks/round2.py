"""Round-2 benchmarks (issue 18): full ``analyze`` against the bare igraph core and a
do-it-yourself networkx script, side by side in one run, with CPU seconds, wall
seconds, peak memory and the machine's load recorded for every measurement.

Usage (from the repository root)::

    python benchmarks/round2.py --h2020 --sizes 10k --out benchmarks/results/round2.json
    python benchmarks/round2.py --growth 10k,50k,100k,300k --out benchmarks/results/growth.json

Every measurement is a fresh process; CPU seconds (user + system, the process and its
workers) and peak resident memory come from ``wait4``, so they are steadier than wall
time on a shared machine. ``analyze`` runs with ``-v``: its per-step CPU seconds (in
whichever process ran the step; wall seconds as ``steps_wall``) are parsed for the growth
table, whose exponents are least-squares slopes of log(seconds) on log(ties).

The bare core (:func:`bare_core`) is what a careful user would write with igraph alone:
read, (project,) build, PageRank, Leiden (modularity), Burt constraint, coreness and
200-source betweenness. The networkx script (:func:`networkx_script`) is the everyday
do-it-yourself version: degree, strength, PageRank, Louvain, 200-source betweenness,
clustering, k-core and a CSV.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
H2020 = ROOT / "datasets" / "cordis_h2020" / "h2020_participations.csv.gz"


# --------------------------------------------------------------------------- children
def bare_core(relations: str, h2020: bool) -> None:
    """The bare igraph core (run as a child: ``round2.py --bare FILE``)."""
    import igraph as ig
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp

    if h2020:
        df = pd.read_csv(relations, dtype=str, keep_default_na=False)
        org, orgs = pd.factorize(df["pic"])
        prj, _ = pd.factorize(df["rcn"])
        b = sp.csr_matrix((np.ones(len(org)), (org, prj)), shape=(len(orgs), prj.max() + 1))
        b.data[:] = 1.0
        a = sp.triu(b @ b.T, k=1).tocoo()
        n, s, t, w = len(orgs), a.row, a.col, a.data
    else:
        n, s, t, w = summed_ties(pd.read_csv(relations, dtype={"source": str, "target": str}))
    g = ig.Graph(n=n, edges=np.column_stack([s, t]).tolist())
    g.es["weight"] = w.tolist()
    g.es["distance"] = (1.0 / np.asarray(w, float)).tolist()
    from threadpoolctl import threadpool_limits
    with threadpool_limits(limits=1):
        g.pagerank(weights="weight", directed=False)
    g.community_leiden(objective_function="modularity", weights="weight", n_iterations=2)
    g.constraint(weights="weight")
    g.coreness()
    rng = np.random.default_rng(0)
    sources = rng.choice(n, size=min(200, n), replace=False).tolist()
    g.betweenness(weights="distance", sources=sources)


def summed_ties(df):
    """``(partners, source, target, weight)``: the relations ``df`` (``source, target,
    weight``) as undirected ties, weights summed per pair (the bare core's graph)."""
    import numpy as np
    import pandas as pd

    codes, names = pd.factorize(pd.concat([df["source"], df["target"]], ignore_index=True))
    m = len(df)
    s, t = np.minimum(codes[:m], codes[m:]), np.maximum(codes[:m], codes[m:])
    pair = pd.DataFrame({"s": s, "t": t, "w": df["weight"].to_numpy(float)})
    agg = pair.groupby(["s", "t"], sort=False)["w"].sum().reset_index()
    return len(names), agg["s"].to_numpy(), agg["t"].to_numpy(), agg["w"].to_numpy()


def networkx_script(relations: str, out: str) -> None:
    """The do-it-yourself networkx script (run as a child: ``--networkx FILE``)."""
    import networkx as nx
    import pandas as pd

    df = pd.read_csv(relations, dtype={"source": str, "target": str})
    df = df.groupby(["source", "target"], as_index=False)["weight"].sum()
    g = nx.from_pandas_edgelist(df, "source", "target", edge_attr="weight")
    for _, _, d in g.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    table = pd.DataFrame({"degree": dict(g.degree()),
                          "strength": dict(g.degree(weight="weight")),
                          "pagerank": nx.pagerank(g, weight="weight"),
                          "betweenness": nx.betweenness_centrality(g, k=min(200, len(g)),
                                                                   weight="distance", seed=0),
                          "clustering": nx.clustering(g, weight="weight"),
                          "core": nx.core_number(g)})
    comms = nx.community.louvain_communities(g, weight="weight", seed=0)
    table["community"] = pd.Series({v: i for i, c in enumerate(comms) for v in c})
    table.to_csv(out)


# --------------------------------------------------------------------------- timing
def loadavg() -> list[str]:
    try:
        return open("/proc/loadavg").read().split()[:3]
    except OSError:
        return []


def timed(cmd: list[str], *, timeout: float, env: dict | None = None) -> dict:
    """Run ``cmd``; wall, CPU (user+sys incl. its children), peak RSS, load, stderr."""
    load_before = loadavg()
    start = time.perf_counter()
    err_file = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err_file, env=env,
                            cwd=str(ROOT))
    deadline = start + timeout
    status, usage = None, None
    while True:
        pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            status, usage = st, ru
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, st, ru = os.wait4(proc.pid, 0)
            status, usage = "timeout", ru
            break
        time.sleep(0.2)
    wall = time.perf_counter() - start
    err_file.seek(0)
    stderr = err_file.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status) if isinstance(status, int) else status
    return {"cmd": " ".join(cmd[1:]), "exit": code, "wall": round(wall, 2),
            "cpu": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mb": round(usage.ru_maxrss / 1024, 1), "load_before": load_before,
            "load_after": loadavg(), "stderr_tail": stderr[-3000:], "stderr": stderr}


STEP_RE = re.compile(r"^\s{2}(\S[^\n]*?)\s{2,}([0-9.]+) s(?:  cpu\s+([0-9.]+) s)?"
                     r"(?:  peak\s+([0-9.]+) MB)?( \(worker\))?$", re.M)


def steps_of(stderr: str, cpu: bool = True) -> dict[str, float]:
    """Seconds per step from ``analyze -v``: CPU seconds of the process that ran the step
    (``cpu=True``; wall seconds for logs that have no CPU column) or wall seconds."""
    return {m.group(1).strip(): float(m.group(3) if cpu and m.group(3) else m.group(2))
            for m in STEP_RE.finditer(stderr)}


def peaks_of(stderr: str) -> dict[str, float]:
    """Peak resident MB of the process that ran each step, at the step's end (``-v``)."""
    return {m.group(1).strip(): float(m.group(4)) for m in STEP_RE.finditer(stderr)
            if m.group(4)}


def children_cpu_note() -> str:
    return ("CPU = user + system seconds of the process and its forked workers (wait4); "
            "peak = the largest resident set of the process or any one worker")


def analyze_cmd(data: list[str], out: str, extra: list[str]) -> list[str]:
    return [sys.executable, "-m", "ecosystem", "analyze", *data, "-o", out, "-v", *extra]


def env() -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    return e


# --------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--h2020", action="store_true")
    ap.add_argument("--sizes", default="", help="synthetic sizes vs bare core and networkx")
    ap.add_argument("--growth", default="", help="synthetic sizes for the per-step growth table")
    ap.add_argument("--no-networkx", action="store_true")
    ap.add_argument("--analyze-args", default="")
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--out", default=None)
    ap.add_argument("--bare", help=argparse.SUPPRESS)
    ap.add_argument("--bare-h2020", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--networkx", help=argparse.SUPPRESS)
    ap.add_argument("--networkx-out", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.bare:
        bare_core(args.bare, args.bare_h2020)
        return 0
    if args.networkx:
        networkx_script(args.networkx, args.networkx_out)
        return 0

    sys.path.insert(0, str(HERE))
    from generate import generate, parse_size

    work = Path(args.workdir or tempfile.mkdtemp(prefix="eco-round2-"))
    work.mkdir(parents=True, exist_ok=True)
    extra = args.analyze_args.split()
    result: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "cores": os.cpu_count(), "note": children_cpu_note(), "runs": [],
                    "growth": []}

    def dataset(size: str) -> tuple[list[str], int]:
        n = parse_size(size)
        folder = work / f"synthetic_{size}"
        if not (folder / "relations.csv").exists():
            folder.mkdir(exist_ok=True)
            partners, relations = generate(n, m=5 * n, seed=0)
            relations.to_csv(folder / "relations.csv", index=False)
            partners.to_csv(folder / "partners.csv", index=False)
        return [str(folder / "relations.csv"), "-p", str(folder / "partners.csv")], 5 * n

    def compare(name: str, data: list[str], bare: list[str], nx_file: str | None) -> None:
        row: dict = {"dataset": name}
        print(f"== {name}: bare core", file=sys.stderr, flush=True)
        row["bare"] = timed([sys.executable, str(HERE / "round2.py"), *bare], timeout=args.timeout,
                            env=env())
        print(f"== {name}: analyze", file=sys.stderr, flush=True)
        row["analyze"] = timed(analyze_cmd(data, str(work / f"out_{name}"), extra),
                               timeout=args.timeout, env=env())
        stderr = row["analyze"].pop("stderr")
        row["analyze"]["steps"] = steps_of(stderr)
        row["analyze"]["steps_wall"] = steps_of(stderr, cpu=False)
        row["analyze"]["steps_peak_mb"] = peaks_of(stderr)
        row["bare"].pop("stderr")
        if nx_file and not args.no_networkx:
            print(f"== {name}: networkx script", file=sys.stderr, flush=True)
            row["networkx"] = timed([sys.executable, str(HERE / "round2.py"), "--networkx",
                                     nx_file, "--networkx-out", str(work / f"nx_{name}.csv")],
                                    timeout=args.timeout, env=env())
            row["networkx"].pop("stderr")
        a, b = row["analyze"], row["bare"]
        row["ratio_cpu"] = round(a["cpu"] / b["cpu"], 2) if b["cpu"] else None
        row["ratio_wall"] = round(a["wall"] / b["wall"], 2) if b["wall"] else None
        if "networkx" in row:
            row["vs_networkx_cpu"] = round(a["cpu"] / row["networkx"]["cpu"], 3)
            row["vs_networkx_wall"] = round(a["wall"] / row["networkx"]["wall"], 3)
        result["runs"].append(row)
        print(json.dumps({k: v for k, v in row.items() if k not in ("analyze", "bare", "networkx")}),
              file=sys.stderr)
        save()

    def save() -> None:
        if args.out:
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.out).write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")

    if args.h2020:
        compare("h2020", [str(H2020)], ["--bare", str(H2020), "--bare-h2020"], None)
    for size in [s for s in args.sizes.split(",") if s]:
        data, _ = dataset(size)
        compare(size, data, ["--bare", data[0]], data[0])
    sizes = [s for s in args.growth.split(",") if s]
    for size in sizes:
        data, ties = dataset(size)
        print(f"== growth {size}: analyze", file=sys.stderr, flush=True)
        r = timed(analyze_cmd(data, str(work / f"growth_{size}"), extra), timeout=args.timeout,
                  env=env())
        stderr = r.pop("stderr")
        r["steps"], r["steps_wall"] = steps_of(stderr), steps_of(stderr, cpu=False)
        r["steps_peak_mb"] = peaks_of(stderr)
        r["size"], r["ties"] = size, ties
        result["growth"].append(r)
        print(f"   {size}: exit {r['exit']}, cpu {r['cpu']} s, wall {r['wall']} s, "
              f"peak {r['peak_mb']} MB, load {r['load_before']}", file=sys.stderr)
        save()
    if len(result["growth"]) >= 2:
        result["exponents"] = exponents(result["growth"])
    save()
    print(json.dumps({"runs": [{k: v for k, v in r.items() if k not in ("analyze", "bare", "networkx")}
                               for r in result["runs"]], "exponents": result.get("exponents")},
                     indent=1))
    return 0


def exponents(growth: list[dict]) -> dict[str, float]:
    """Least-squares slope of log(seconds) on log(ties) per step (steps >= 0.05 s)."""
    names = set().union(*(g["steps"] for g in growth))
    out = {}
    for name in sorted(names):
        pts = [(math.log(g["ties"]), math.log(g["steps"][name])) for g in growth
               if g["steps"].get(name, 0) >= 0.05]
        if len(pts) >= 2:
            mx = sum(x for x, _ in pts) / len(pts)
            my = sum(y for _, y in pts) / len(pts)
            sxx = sum((x - mx) ** 2 for x, _ in pts)
            out[name] = round(sum((x - mx) * (y - my) for x, y in pts) / sxx, 2) if sxx else None
    pts = [(math.log(g["ties"]), math.log(g["cpu"])) for g in growth]
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    out["(total CPU)"] = round(sum((x - mx) * (y - my) for x, y in pts)
                               / sum((x - mx) ** 2 for x, _ in pts), 2)
    return out


if __name__ == "__main__":
    sys.exit(main())
