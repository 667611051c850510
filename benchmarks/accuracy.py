"""How good are the sampled path measures? Sampled vs exact on one graph, and an error bar.

Above ``SAMPLE_THRESHOLD`` partners the engine estimates betweenness (and closeness,
harmonic) from ``k`` random source partners. This script measures, on a generated
ecosystem small enough for the exact computation (default 10k partners / 50k ties,
exact betweenness takes ~40 s of CPU), how close the engine's estimate is:

* Spearman rank correlation with the exact values, and overlap of the top-10/50/100;
* the relative error of the top-20 partners' betweenness;
* a **batch standard error** that costs nothing extra: the same ``k`` pivots split into
  ``B`` batches give ``B`` independent estimates; their spread / sqrt(B) is a per-partner
  standard error. The script checks its calibration (share of partners whose exact
  value lies inside the 95 % t-interval of the estimate).

Usage::

    nice -n 19 python benchmarks/accuracy.py --size 10k --pivots 200 --batches 10 \\
        --out benchmarks/results/accuracy_10k.json
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from generate import generate, parse_size  # noqa: E402


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    ra = pd.Series(a).rank().to_numpy()
    rb = pd.Series(b).rank().to_numpy()
    return float(np.corrcoef(ra, rb)[0, 1])


def top_overlap(est: np.ndarray, exact: np.ndarray, k: int) -> float:
    return len(set(np.argsort(-est)[:k]) & set(np.argsort(-exact)[:k])) / k


def batch_estimates(sg, pivots: list[int], batches: int) -> np.ndarray:
    """``batches`` x n raw betweenness estimates, each from its share of the pivots."""
    size = sg.vcount()
    parts = np.array_split(np.asarray(pivots), batches)
    out = []
    for part in parts:
        raw = np.asarray(sg.betweenness(sources=part.tolist(), weights="distance", directed=False))
        out.append(raw * size / len(part))
    return np.vstack(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", default="10k")
    ap.add_argument("--pivots", type=int, default=200)
    ap.add_argument("--batches", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)

    from ecosystem import Ecosystem
    from ecosystem.analysis.centrality import centrality

    n = parse_size(args.size)
    partners, relations = generate(n, seed=args.seed)
    eco = Ecosystem.from_frames(relations, partners)
    g = eco.igraph
    memb = np.asarray(g.connected_components().membership)
    giant = np.flatnonzero(memb == np.bincount(memb).argmax())
    sg = g.induced_subgraph(giant.tolist())
    size = sg.vcount()

    t0 = time.process_time()
    res = centrality(eco, sample=True, n_samples=args.pivots, seed=args.seed)
    t_sampled = time.process_time() - t0
    t0 = time.process_time()
    exact_raw = np.asarray(sg.betweenness(weights="distance", directed=False))
    t_exact = time.process_time() - t0
    norm = 2.0 / ((eco.n_partners - 1) * (eco.n_partners - 2))
    exact = exact_raw * norm
    est = res.table["betweenness"].to_numpy()[giant]

    rng = np.random.default_rng(args.seed + 1)
    pivots = sorted(rng.choice(size, size=args.pivots, replace=False).tolist())
    reps = batch_estimates(sg, pivots, args.batches) * norm
    mean = reps.mean(axis=0)
    se = reps.std(axis=0, ddof=1) / np.sqrt(args.batches)
    from scipy.stats import t as student_t

    tq = float(student_t.ppf(0.975, args.batches - 1))
    within = np.abs(mean - exact) <= tq * se + 1e-15
    top20 = np.argsort(-exact)[:20]
    rel_err_top20 = np.abs(est[top20] - exact[top20]) / exact[top20]
    rel_se_top20 = se[top20] / np.maximum(mean[top20], 1e-300)

    report = {
        "graph": {"partners": eco.n_partners, "ties": eco.n_ties, "giant_component": size},
        "pivots": args.pivots, "batches": args.batches,
        "cpu_seconds": {"engine_centrality_sampled": round(t_sampled, 2),
                        "exact_betweenness_giant": round(t_exact, 2)},
        "engine_estimate_vs_exact": {
            "spearman": round(spearman(est, exact), 4),
            "top10_overlap": top_overlap(est, exact, 10),
            "top50_overlap": top_overlap(est, exact, 50),
            "top100_overlap": top_overlap(est, exact, 100),
            "top20_relative_error_median": round(float(np.median(rel_err_top20)), 4),
            "top20_relative_error_max": round(float(rel_err_top20.max()), 4)},
        "batch_standard_error": {
            "interval": f"estimate +/- t(0.975, {args.batches - 1}) x SE = {tq:.2f} SE",
            "share_exact_inside_interval_all": round(float(within.mean()), 4),
            "share_exact_inside_interval_top100": round(float(within[np.argsort(-exact)[:100]].mean()), 4),
            "top20_relative_se_median": round(float(np.median(rel_se_top20)), 4),
            "top20_relative_se_max": round(float(rel_se_top20.max()), 4)},
    }
    text = json.dumps(report, indent=1)
    print(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
