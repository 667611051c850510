"""Golden results recorded before the round-2 performance rewrite (issue 18).

``python tests/golden_perf.py`` (re)writes ``tests/data/golden/*.pkl`` from the current
code; ``tests/test_perf_identical.py`` checks that the rewritten code returns exactly
these results. The graphs are small seeded ones (hand-checkable sizes up to 1,500
partners, so the sampled-efficiency paths are exercised too).
"""
from __future__ import annotations

import pickle
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "data" / "golden"


def graphs():
    """Name -> Ecosystem: karate, the demo, a seeded 1,500-partner benchmark-like graph,
    and the same with every tie of equal strength (the breadth-first path)."""
    sys.path.insert(0, str(HERE.parent / "benchmarks"))
    from generate import generate

    from ecosystem import Ecosystem, load_dataset

    out = {"karate": load_dataset("karate"), "demo": load_dataset("demo")}
    partners, relations = generate(1500, seed=3)
    out["synthetic"] = Ecosystem.from_frames(relations, partners)
    pairs = relations[["source", "target"]].astype(str).drop_duplicates()
    out["unweighted"] = Ecosystem.from_edges(list(zip(pairs["source"], pairs["target"])))
    return out


def resilience_results(eco):
    from ecosystem.analysis.anchors import anchor_partners
    from ecosystem.analysis.communities import detect_communities
    from ecosystem.analysis.resilience import key_players, removal_curves, what_if

    part = detect_communities(eco, seed=0)
    anchors = anchor_partners(eco, partition=part, seed=0)
    curves = removal_curves(eco, seed=0, anchors=anchors)
    adaptive = removal_curves(eco, seed=1, strategies=["degree"], recompute=True, steps=5)
    kp = key_players(eco, min(5, eco.n_partners - 1), seed=0)
    kp_small_pool = key_players(eco, 3, seed=2, pool=15, restarts=2)
    scen = [[str(i)] for i in anchors.sort_values("rank").index[:3]] + [list(kp.index)]
    wi = [what_if(eco, ids, partition=part, seed=0) for ids in scen]
    return {"curves": curves, "curves_params": curves.attrs.get("params"),
            "adaptive": adaptive, "key_players": kp, "key_players_attrs": dict(kp.attrs),
            "key_players_small": kp_small_pool,
            "what_if": [(w.summary(), w.cut_off, w.communities_split, w.params) for w in wi]}


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, eco in graphs().items():
        res = resilience_results(eco)
        with open(GOLDEN / f"resilience_{name}.pkl", "wb") as fh:
            pickle.dump(res, fh)
        print(name, eco.n_partners, eco.n_ties)


if __name__ == "__main__":
    main()


def workbook_values(path):
    """Every sheet's cell values (as openpyxl reads them), freeze panes and widths."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        from openpyxl.utils import get_column_letter

        widths = {get_column_letter(i): round(v.width, 2)
                  for v in ws.column_dimensions.values() if v.width
                  for i in range(v.min, (v.max or v.min) + 1)}
        out[ws.title] = {"rows": [list(r) for r in ws.iter_rows(values_only=True)],
                         "freeze": ws.freeze_panes, "widths": widths}
    return out


def workbook_tables():
    """The demo analysis' workbook tables plus a sheet of hostile names."""
    from ecosystem import analyze, load_dataset

    a = analyze(load_dataset("demo"), {"communities": {"stability_runs": 2}})
    tables = a.tables()
    tables["hostile"] = pd.DataFrame({
        "name": ["=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)", "\t=1", "한국", None],
        "value": [1.5, np.nan, np.inf, 3, -0.0, 2 ** 53, 7],
        "when": pd.to_datetime(["2021-01-02", None, "2020-05-05", "2020-01-01", None,
                                "2022-02-02", "2023-03-03"]),
        "flag": [True, False, True, None, False, True, False],
        "list": [["a", "=b"], [], ["c"], None, ["d"], ["e"], ["f"]]})
    return tables


def write_workbook_golden():
    from ecosystem.export import workbook_tables as wt, write_xlsx

    tmp = GOLDEN / "metrics_tmp.xlsx"
    tables = workbook_tables()
    write_xlsx(wt(tables), tmp)
    with open(GOLDEN / "metrics_demo.pkl", "wb") as fh:
        pickle.dump({"tables": tables, "values": workbook_values(tmp)}, fh)
    tmp.unlink()
