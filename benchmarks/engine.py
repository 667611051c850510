"""The engine side of the benchmark: each stage's call of our public API, made the way
``ecosystem.pipeline.analyze`` makes it (see ``ecosystem/steps.py``), with the pipeline's
default configuration, plus the notes and breakdowns printed next to the timings.

Every function takes the stage context ``ctx`` (see :mod:`stages`). The calls are
direct and their arguments explicit: a renamed parameter fails the stage loudly
instead of being dropped.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from bare import read_participations, sample_plan
from ecosystem import load
from ecosystem.analysis.anchors import anchor_partners
from ecosystem.analysis.centrality import DAMPING, _path_measures, centrality
from ecosystem.analysis.communities import community_stability, community_summary, detect_communities
from ecosystem.analysis.fragility import fragility
from ecosystem.analysis.gaps import community_gaps, sector_gaps
from ecosystem.analysis.health import health_kpis
from ecosystem.analysis.holes import brokerage_roles, burt_constraint, structural_holes
from ecosystem.analysis.layout import compute_layout
from ecosystem.analysis.recommend import evaluate_recommendations, recommend_partnerships
from ecosystem.analysis.resilience import key_players, removal_curves, what_if_scenarios
from ecosystem.analysis.roles import functional_roles
from ecosystem.config import DEFAULTS, resolve_config
from ecosystem.io.affiliation import project_affiliations
from ecosystem.pipeline import Analysis, analyze
from ecosystem.progress import Progress
from ecosystem.render.maps import map_spec, write_map

TOP = DEFAULTS["top"]


# --------------------------------------------------------------------------- load / build
def load_synthetic(ctx: dict) -> Any:
    return load(ctx["relations_path"], ctx["partners_path"])


def load_h2020(ctx: dict) -> Any:
    """``ecosystem.load`` on the participation CSV: detects the affiliation table, projects it."""
    return load(ctx["relations_path"], **ctx.get("load_kwargs", {}))


def project_h2020(ctx: dict) -> Any:
    """The projection step alone: ``project_affiliations`` on the already-read table."""
    return project_affiliations(read_participations(ctx))


def build_ties(ctx: dict) -> Any:
    return ctx["eco"].ties


def build_igraph(ctx: dict) -> Any:
    return ctx["eco"].igraph


def build_networkx(ctx: dict) -> Any:
    return ctx["eco"].graph


# --------------------------------------------------------------------------- centrality
def run_centrality(ctx: dict) -> Any:
    c = DEFAULTS["centrality"]
    return centrality(ctx["eco"], sample=c["sample"], n_samples=c["n_samples"], seed=ctx["seed"])


def engine_pagerank(ctx: dict) -> Any:
    """The engine's PageRank expression, exactly as ``centrality()`` evaluates it."""
    g = ctx["eco"].igraph
    return np.asarray(g.pagerank(weights="weight", damping=DAMPING, directed=False), dtype=float)


def engine_paths(ctx: dict) -> Any:
    """The engine's betweenness/closeness/harmonic step (``centrality._path_measures``)."""
    sample, k = sample_plan(ctx)
    eco = ctx["eco"]
    return _path_measures(eco, eco.igraph, "distance", sample=sample, k=k,
                          seed=ctx["seed"], directed=False)


def centrality_notes(ctx: dict, res: Any) -> str:
    params = dict(getattr(res, "params", {}) or {})
    keep = {k: v for k, v in params.items() if not isinstance(v, (list, dict)) or len(v) < 8}
    return f"sampled={getattr(res, 'sampled', '?')} {keep}"


# --------------------------------------------------------------------------- communities
def run_communities(ctx: dict) -> Any:
    c = DEFAULTS["communities"]
    return detect_communities(ctx["eco"], method=c["method"], resolution=c["resolution"],
                              seed=ctx["seed"])


def partition_notes(ctx: dict, part: Any) -> str:
    return (f"{part.n_communities} communities, Q={part.modularity:.4f}, "
            f"params={part.params}")


def run_community_summary(ctx: dict) -> Any:
    table = ctx.get("centrality")
    return community_summary(ctx["eco"], ctx["partition"],
                             centrality_table=getattr(table, "table", None))


def run_stability(ctx: dict) -> Any:
    c = DEFAULTS["communities"]
    return community_stability(ctx["eco"], method=c["method"], resolution=c["resolution"],
                               seed=ctx["seed"], runs=c["stability_runs"],
                               reference=ctx.get("partition"))


# --------------------------------------------------------------------------- roles / anchors
def run_roles(ctx: dict) -> Any:
    return functional_roles(ctx["eco"], ctx["partition"])


def run_anchors(ctx: dict) -> Any:
    return anchor_partners(ctx["eco"], partition=ctx.get("partition"),
                           centrality=ctx.get("centrality"), roles=ctx.get("roles"),
                           weights=DEFAULTS["anchors"]["weights"] or None, seed=ctx["seed"])


# --------------------------------------------------------------------------- holes / fragility
def run_holes(ctx: dict) -> Any:
    return structural_holes(ctx["eco"])


def run_constraint(ctx: dict) -> Any:
    return burt_constraint(ctx["eco"])


def run_brokerage(ctx: dict) -> Any:
    return brokerage_roles(ctx["eco"], ctx["partition"])


def run_fragility(ctx: dict) -> Any:
    return fragility(ctx["eco"])


# --------------------------------------------------------------------------- gaps
def run_community_gaps(ctx: dict) -> Any:
    return community_gaps(ctx["eco"], ctx["partition"], top=TOP["gaps"])


def run_sector_gaps(ctx: dict) -> Any:
    return sector_gaps(ctx["eco"], partition=ctx.get("partition"), top=TOP["gaps"],
                       helix=DEFAULTS["sectors"]["helix"] or None)


# --------------------------------------------------------------------------- recommendations
def run_recommend(ctx: dict) -> Any:
    """``recommend_partnerships`` with the pipeline's default options (``recommendations``)."""
    rc = DEFAULTS["recommendations"]
    return recommend_partnerships(
        ctx["eco"], top=TOP["recommendations"], partition=ctx.get("partition"), seed=ctx["seed"],
        gaps=ctx.get("community_gaps"),  # as the pipeline: its gaps step's result
        method=rc["method"], favour=rc["favour"], per_partner=rc["per_partner"],
        diversity=rc["diversity"], group=rc["group"], evidence=rc["evidence"],
        target_sector=rc["target_sector"], exclude=rc["exclude"],
        competitors=rc["competitors"], bonus=rc["bonus"])


def run_evaluate(ctx: dict) -> Any:
    """``evaluate_recommendations`` (hide 10 % of ties, re-rank) for the default method."""
    return evaluate_recommendations(ctx["eco"], seed=ctx["seed"], k=TOP["recommendations"],
                                    methods=[DEFAULTS["recommendations"]["method"]])


# --------------------------------------------------------------------------- resilience / health
def run_removal_curves(ctx: dict, *, strategies: list[str] | None = None,
                       efficiency: bool | None = None) -> Any:
    """``removal_curves`` with the pipeline's default settings (the arguments change some)."""
    r = DEFAULTS["resilience"]
    cent = ctx.get("centrality")
    return removal_curves(
        ctx["eco"], strategies=r["strategies"] if strategies is None else strategies,
        steps=r["steps"], runs=r["runs"], seed=ctx["seed"], max_share=r["max_share"],
        efficiency=r["efficiency"] if efficiency is None else efficiency,
        centrality=getattr(cent, "table", None), anchors=ctx.get("anchors"))


def resilience_notes(ctx: dict, curves: Any) -> str:
    p = dict(getattr(curves, "attrs", {}).get("params", {}))
    keep = {k: p.get(k) for k in ("strategies", "runs", "steps", "efficiency_sampled", "n_sources")}
    return str(keep)


def run_removal_degree(ctx: dict) -> Any:
    return run_removal_curves(ctx, strategies=["degree"])


def run_removal_lcc_only(ctx: dict) -> Any:
    return run_removal_curves(ctx, efficiency=False)


def run_key_players(ctx: dict) -> Any:
    k = min(TOP["key_players"], ctx["eco"].n_partners - 1)
    return key_players(ctx["eco"], k, seed=ctx["seed"])


def run_what_if(ctx: dict) -> Any:
    """The pipeline's what-if scenarios: each of the top anchors alone, then the key players
    (``what_if_scenarios``: one shared baseline)."""
    r = DEFAULTS["resilience"]
    n = int(r.get("what_if", 0) or 0)
    scenarios: list[list[str]] = []
    anchors = ctx.get("anchors")
    if n and isinstance(anchors, pd.DataFrame) and "rank" in anchors:
        scenarios += [[str(i)] for i in anchors.sort_values("rank").index[:n]]
    kp = ctx.get("key_players")
    if n and isinstance(kp, pd.DataFrame) and len(kp) > 1:
        scenarios.append([str(i) for i in kp.index])
    return what_if_scenarios(ctx["eco"], scenarios, partition=ctx.get("partition"),
                             seed=ctx["seed"], efficiency=r["efficiency"])


def run_health(ctx: dict) -> Any:
    return health_kpis(ctx["eco"], partition=ctx.get("partition"), seed=ctx["seed"])


# --------------------------------------------------------------------------- pipeline / outputs
def run_pipeline(ctx: dict) -> Any:
    return analyze(ctx["eco"])


def pipeline_breakdown(ctx: dict, analysis: Any) -> dict:
    return dict(getattr(analysis, "timings", {}) or {})


def analysis_of(ctx: dict) -> Any:
    """The pipeline's ``Analysis`` - or, when that stage was skipped, one assembled from
    the stages' own results (so maps and reports can still be timed)."""
    if ctx.get("analysis") is not None:
        return ctx["analysis"]
    a = Analysis(eco=ctx["eco"], config=resolve_config(None))
    for key in ("centrality", "partition", "stability", "roles", "anchors", "holes", "brokerage",
                "fragility", "community_gaps", "sector_gaps", "recommendations", "key_players",
                "health", "layout"):
        if ctx.get(key) is not None:
            setattr(a, key, ctx[key])
    a.communities = ctx.get("community_summary")
    a.resilience = ctx.get("resilience", ctx.get("resilience_lcc"))
    a.notes["benchmark"] = "assembled from the benchmark stages (pipeline stage skipped)"
    ctx["analysis"] = a
    return a


def run_layout(ctx: dict) -> Any:
    """``compute_layout`` without the partition (the pipeline passes ``communities=``;
    left out here so the bare Fruchterman-Reingold call does the same work)."""
    return compute_layout(ctx["eco"], seed=ctx["seed"])


def run_map(ctx: dict) -> Any:
    spec = map_spec(ctx["eco"], analysis=analysis_of(ctx), seed=ctx["seed"])
    return write_map(spec, Path(ctx["tmp"]) / "map.html")


def run_write_report(ctx: dict) -> Any:
    """``Analysis.write_report``: every output file (report, maps, CSV, XLSX, JSON)."""
    progress = Progress(quiet=True)
    out = Path(ctx["tmp"]) / "report_folder"
    written = analysis_of(ctx).write_report(out, progress=progress)
    return {"written": written, "timings": dict(progress.timings), "dir": out}


def report_breakdown(ctx: dict, value: Any) -> dict:
    return dict(value.get("timings", {}))


def report_notes(ctx: dict, value: Any) -> str:
    total = sum(p.stat().st_size for p in Path(value["dir"]).rglob("*") if p.is_file())
    files = len([p for p in Path(value["dir"]).rglob("*") if p.is_file()])
    return f"{files} files, {total / 1e6:.1f} MB"


def file_size_note(ctx: dict, path: Any) -> str:
    try:
        return f"{Path(path).stat().st_size / 1e6:.2f} MB"
    except Exception:                                          # noqa: BLE001
        return ""


def len_note(ctx: dict, value: Any) -> str:
    try:
        return f"{len(value)} rows"
    except TypeError:
        return ""
