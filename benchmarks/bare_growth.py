"""How the bare library calls grow with the network (the floor under any wrapper).

For each size, a seeded synthetic network (:func:`generate.generate`, 5 ties per partner)
and the CPU seconds of each heavy call as a careful user would make it: igraph's
200-pivot betweenness on ``distance = 1/strength``, 200 closeness-type Dijkstra searches
(scipy, from the same pivots), PageRank, Leiden (modularity, 2 iterations), Burt
constraint and a sparse two-step product ``A @ A`` (the work of structural holes and
brokerage). The exponent ``k`` of ``time ~ ties^k`` is the least-squares slope of
log(seconds) on log(ties), as in ``round2.py``'s growth table.

Usage (from the repository root; about 6 minutes up to 300k partners)::

    python benchmarks/bare_growth.py --sizes 10k,50k,100k,300k --out bare_growth.json
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


def cpu(func) -> float:
    start = time.process_time()
    func()
    return time.process_time() - start


def measure(n: int) -> dict:
    import igraph as ig
    import scipy.sparse as sp
    from scipy.sparse.csgraph import dijkstra
    from threadpoolctl import threadpool_limits

    sys.path.insert(0, str(HERE))
    from generate import generate
    from round2 import summed_ties

    _, rel = generate(n, seed=0)
    nv, s, t, w = summed_ties(rel)
    g = ig.Graph(n=nv, edges=np.column_stack([s, t]).tolist())
    g.es["weight"] = w.tolist()
    g.es["distance"] = (1.0 / w).tolist()
    a = sp.csr_matrix((np.r_[w, w], (np.r_[s, t], np.r_[t, s])), shape=(nv, nv))
    d = a.copy()
    d.data = 1.0 / d.data
    pivots = np.random.default_rng(0).choice(nv, size=min(200, nv), replace=False)
    out = {"partners": nv, "ties": len(s)}
    with threadpool_limits(limits=1):
        out["pagerank"] = cpu(lambda: g.pagerank(weights="weight", directed=False))
    out["leiden"] = cpu(lambda: g.community_leiden(objective_function="modularity",
                                                   weights="weight", n_iterations=2))
    out["constraint"] = cpu(lambda: g.constraint(weights="weight"))
    out["two_step_product"] = cpu(lambda: a @ a)
    out["betweenness_200"] = cpu(lambda: g.betweenness(weights="distance",
                                                       sources=pivots.tolist()))
    out["dijkstra_200"] = cpu(lambda: [dijkstra(d, indices=pivots[i:i + 20])
                                       for i in range(0, len(pivots), 20)])
    return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in out.items()}


def exponents(rows: list[dict]) -> dict:
    ties = np.log([r["ties"] for r in rows])
    keys = [k for k in rows[0] if k not in ("partners", "ties")]
    return {k: round(float(np.polyfit(ties, np.log([max(r[k], 1e-4) for r in rows]), 1)[0]), 2)
            for k in keys}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10k,50k,100k,300k")
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from generate import parse_size

    rows = []
    for size in args.sizes.split(","):
        rows.append(measure(parse_size(size)))
        print(json.dumps(rows[-1]), flush=True)
    result = {"rows": rows, "exponents": exponents(rows) if len(rows) > 1 else {},
              "note": "CPU seconds of each bare call (process_time), one process"}
    print("exponents:", json.dumps(result["exponents"]))
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
