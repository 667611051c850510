"""Backtest of the recommended partnerships on Horizon 2020 (issue 14).

Learn from the projects that started before ``--cut`` (2018), predict the organisation
pairs that first co-participate in a project starting ``--cut`` .. ``--end`` (2018-2020);
precision@k and recall@k for the default list, each option, and three baselines
(random, preferential attachment, common neighbours). Writes a JSON and a Markdown
table under ``benchmarks/results/``.

Usage::

    nice -n 10 python benchmarks/backtest.py                       # full H2020
    python benchmarks/backtest.py --data h2020_swafs --k 20 --k 100  # quick
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

import ecosystem  # noqa: E402
from ecosystem.analysis.recommend import DEFAULT_METHOD, backtest_recommendations  # noqa: E402

FULL = HERE.parent / "datasets" / "cordis_h2020" / "h2020_participations.csv.gz"


def scorers() -> dict[str, dict]:
    """Name -> options of :func:`recommend_partnerships`. ``ranking``: the exact ranking
    (no per-partner cap, no grouping, no diversity re-ranking)."""
    out: dict[str, dict] = {"default list": {}, "default scorer (ranking)": {"ranking": True}}
    for method in ("resource_allocation", "adamic_adar", "common_neighbours"):  # evidence
        out[f"ranking {method}, project evidence"] = {"method": method, "evidence": "projects",
                                                      "ranking": True}
        out[f"ranking {method}, tie evidence"] = {"method": method, "evidence": "ties",
                                                  "ranking": True}
    out["ranking jaccard"] = {"method": "jaccard", "ranking": True}
    out["ranking adamic_adar weighted"] = {"method": "adamic_adar", "weighted": True,
                                           "ranking": True}
    out["list, no per-partner cap"] = {"per_partner": None}
    out["list, per-partner cap 2"] = {"per_partner": 2}
    out["list, no diversity re-ranking"] = {"diversity": 0.0}
    out["list, diversity 0.3"] = {"diversity": 0.3}
    out["list, project evidence"] = {"evidence": "projects"}
    out["list, no grouping"] = {"group": False}
    out["list, favour community"] = {"favour": "community"}
    out["list, favour sector"] = {"favour": "sector"}
    out["list, favour country"] = {"favour": "country"}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(FULL))
    ap.add_argument("--cut", type=int, default=2018)
    ap.add_argument("--end", type=int, default=2020)
    ap.add_argument("--k", type=int, action="append")
    ap.add_argument("--only", action="append", help="run only these scorers (names)")
    ap.add_argument("--out", default=None, help="results file stem (default: dated)")
    args = ap.parse_args(argv)
    ks = args.k or [100, 1000]
    t0 = time.perf_counter()
    eco = ecosystem.load(args.data)
    t_load = time.perf_counter() - t0
    chosen = scorers()
    if args.only:
        chosen = {k: v for k, v in chosen.items() if k in args.only}
    rows, timings = [], {}
    table = None
    for name, opts in chosen.items():
        t1 = time.perf_counter()
        table = backtest_recommendations(eco, args.cut, end_year=args.end, k=ks,
                                         scorers={name: opts})
        timings[name] = time.perf_counter() - t1
        part = table if not rows else table[table["kind"] == "scorer"]
        rows.extend(part.to_dict("records"))
        print(f"{name}: {timings[name]:.1f} s", file=sys.stderr, flush=True)
    params = dict(table.attrs["params"]) if table is not None else {}
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(), "load_average": os.getloadavg(),
                    "note": "2 cores shared by 6 concurrent sessions: times are noisy"},
        "data": str(args.data), "default_method": DEFAULT_METHOD, "params": params,
        "load_seconds": round(t_load, 2), "seconds_per_scorer": {k: round(v, 2) for k, v in
                                                                 timings.items()},
        "total_seconds": round(time.perf_counter() - t0, 1), "rows": rows,
        "options": {k: {kk: vv for kk, vv in v.items()} for k, v in chosen.items()}}
    stem = args.out or (HERE / "results" / f"{time.strftime('%Y-%m-%d')}_backtest_"
                        f"{Path(args.data).name.split('.')[0]}")
    Path(f"{stem}.json").write_text(json.dumps(result, indent=1, default=str))
    Path(f"{stem}.md").write_text(markdown(result, ks))
    print(markdown(result, ks))
    return 0


def markdown(result: dict, ks: list[int]) -> str:
    p = result["params"]
    lines = [f"## Backtest {result['when']} ({Path(result['data']).name})", "",
             f"Learn from projects starting before {p.get('cut_year')}; predict organisation "
             f"pairs first co-participating {p.get('cut_year')}-{p.get('end_year')}: "
             f"{p.get('positives'):,} new pairs among {p.get('eligible_partners'):,} "
             f"organisations active before the cut ({p.get('candidates'):,} candidate pairs).",
             f"Machine: {result['machine']['cores']} cores (shared by 6 sessions: times are "
             f"noisy), Python {result['machine']['python']}; load {result['load_seconds']} s, "
             f"total {result['total_seconds']} s. Default method: {result['default_method']}.",
             "", "| scorer | " + " | ".join(f"P@{k} | R@{k}" for k in ks) + " | seconds |",
             "|---|" + "---|---|" * len(ks) + "---|"]
    by: dict[str, dict[int, dict]] = {}
    for r in result["rows"]:
        by.setdefault(r["scorer"], {})[int(r["k"])] = r
    for name, per_k in by.items():
        cells = []
        for k in ks:
            r = per_k.get(k)
            cells += ([f"{r['precision_at_k']:.3f}", f"{r['recall_at_k']:.4f}"] if r
                      else ["", ""])
        sec = result["seconds_per_scorer"].get(name, "")
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {sec} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
