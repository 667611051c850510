"""The benchmark stages: what the engine does, and the bare library call doing the same work.

Each :class:`Stage` has an ``engine`` callable (our public API, as a user calls it; in
``engine.py``) and, where one exists, a ``bare`` callable (in ``bare.py``): the plain
igraph / scipy / pandas call computing the same numbers on the same graph (the same
``eco.igraph`` object, same weights, same parameters). ``ratio = engine seconds / bare
seconds`` is the engine's overhead.

Stages run in order in one process and share a context dict ``ctx`` (the ecosystem, the
partition, the centrality table...), the way ``ecosystem.pipeline.analyze`` shares them,
so the graph is built once, in the "graph build" stage, and every later stage reuses it.
A stage that fails is recorded with its error and the run goes on.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from bare import (bare_centrality, bare_constraint, bare_fragility, bare_h2020, bare_igraph,
                  bare_layout, bare_leiden, bare_leiden2, bare_linkpred, bare_pagerank,
                  bare_paths, bare_projection, bare_read_csv, bare_sampled_betweenness,
                  bare_stability, bare_ties)
from engine import (build_igraph, build_networkx, build_ties, centrality_notes, engine_pagerank,
                    engine_paths, file_size_note, len_note, load_h2020, load_synthetic,
                    partition_notes, pipeline_breakdown, project_h2020, report_breakdown,
                    report_notes, resilience_notes, run_anchors, run_brokerage, run_centrality,
                    run_communities, run_community_gaps, run_community_summary, run_constraint,
                    run_evaluate, run_fragility, run_health, run_holes, run_key_players,
                    run_layout, run_map, run_pipeline, run_recommend, run_removal_curves,
                    run_removal_degree, run_removal_lcc_only, run_roles, run_sector_gaps,
                    run_stability, run_what_if, run_write_report)


@dataclass
class Stage:
    name: str
    engine: Callable[[dict], Any]
    bare: Callable[[dict], Any] | None = None
    bare_call: str = ""
    store: str | None = None           # ctx key for the engine's result
    repeatable: bool = True            # False for cached properties (second call is free)
    notes: Callable[[dict, Any], str] | None = None
    heavy: bool = False                # counts towards the 1.5x overhead target
    needs: tuple[str, ...] = ("eco",)  # ctx keys this stage reads
    breakdown: Callable[[dict, Any], dict] | None = None   # sub-step -> seconds


# --------------------------------------------------------------------------- the list
def stages(kind: str = "synthetic") -> list[Stage]:
    """All stages in run order. ``kind`` is ``synthetic`` (CSV pair) or ``h2020`` (affiliation)."""
    if kind == "h2020":
        first = [Stage("projection only (project_affiliations)", project_h2020, bare_projection,
                       "scipy triu(B @ B.T)", notes=lambda c, v: f"{len(v.relations)} relation rows",
                       needs=()),
                 Stage("load (CSV -> affiliation -> projection -> Ecosystem)", load_h2020,
                       bare_h2020, "pandas read_csv + scipy triu(B @ B.T)", store="eco", needs=())]
    else:
        first = [Stage("load (CSV, validate)", load_synthetic, bare_read_csv,
                       "pandas read_csv x2", store="eco", needs=())]
    return first + [
        Stage("graph build: ties", build_ties, bare_ties, "pandas groupby sum+size",
              repeatable=False, notes=lambda c, v: f"{len(v)} ties"),
        Stage("graph build: igraph", build_igraph, bare_igraph, "igraph Graph(n, edges) + weight",
              repeatable=False),
        Stage("centrality (all columns)", run_centrality, bare_centrality,
              "igraph degree/strength/pagerank/eigenvector/betweenness/closeness/coreness/"
              "transitivity/neighborhood_size", store="centrality", notes=centrality_notes),
        Stage("pagerank (engine expression)", engine_pagerank, bare_pagerank, "igraph pagerank",
              heavy=True),
        Stage("betweenness+closeness+harmonic (sampled paths)", engine_paths, bare_paths,
              "igraph betweenness(sources=k) + distances(source=k) per component", heavy=True,
              needs=("eco", "centrality")),
        Stage("  same, bare betweenness only", bare_sampled_betweenness, None, "",
              needs=("eco", "centrality")),
        Stage("communities (Leiden)", run_communities, bare_leiden,
              "igraph community_leiden(modularity, same n_iterations)", store="partition",
              notes=partition_notes, heavy=True),
        Stage("leiden n_iterations=2 (reference)", bare_leiden2, None, "",
              notes=lambda c, v: f"Q={v.modularity:.4f}, {len(set(v.membership))} communities"),
        Stage("community summary", run_community_summary, store="community_summary",
              notes=len_note, needs=("eco", "partition", "centrality")),
        Stage("community stability", run_stability, bare_stability,
              "igraph community_leiden x runs", store="stability", needs=("eco", "partition")),
        Stage("roles", run_roles, store="roles", needs=("eco", "partition")),
        Stage("anchors", run_anchors, store="anchors",
              needs=("eco", "partition", "centrality", "roles")),
        Stage("Burt constraint (burt_constraint)", run_constraint, bare_constraint,
              "igraph constraint", heavy=True),
        # four measures in one sparse pass; igraph has constraint only, so this ratio is
        # not like for like and does not count towards the 1.5x target
        Stage("structural holes (4 measures)", run_holes, bare_constraint, "igraph constraint",
              store="holes"),
        Stage("brokerage roles", run_brokerage, store="brokerage", needs=("eco", "partition")),
        Stage("fragility", run_fragility, bare_fragility,
              "igraph articulation_points + bridges + components", store="fragility"),
        Stage("community gaps", run_community_gaps, store="community_gaps",
              notes=lambda c, v: f"{len(v.pairs)} pairs, {len(v.gaps)} gaps", needs=("eco", "partition")),
        Stage("sector gaps", run_sector_gaps, store="sector_gaps", needs=("eco", "partition")),
        Stage("recommendations", run_recommend, bare_linkpred,
              "scipy A @ diag(1/log deg) @ A in row blocks (all two-hop pairs)", heavy=True, notes=len_note,
              store="recommendations", needs=("eco", "partition")),
        Stage("recommendation quality (evaluate_recommendations)", run_evaluate,
              needs=("eco",)),
        Stage("removal curves (pipeline defaults)", run_removal_curves, notes=resilience_notes,
              store="resilience", needs=("eco", "centrality", "anchors")),
        Stage("  same, degree attack only (1/8 of the default checkpoints)", run_removal_degree,
              notes=resilience_notes, needs=("eco", "centrality", "anchors")),
        Stage("  same, largest component only (efficiency=False)", run_removal_lcc_only,
              store="resilience_lcc", needs=("eco", "centrality", "anchors")),
        Stage("key players", run_key_players, store="key_players"),
        Stage("what-if scenarios (top anchors, key players)", run_what_if,
              notes=lambda c, v: f"{len(v)} scenarios", needs=("eco", "anchors", "key_players",
                                                                "partition")),
        Stage("health KPIs", run_health, store="health", needs=("eco", "partition")),
        Stage("pipeline.analyze (everything)", run_pipeline, store="analysis",
              breakdown=pipeline_breakdown, repeatable=False),
        Stage("layout", run_layout, bare_layout, "igraph layout_fruchterman_reingold(grid=auto)",
              store="layout"),
        Stage("map (spec + HTML)", run_map, notes=file_size_note, needs=("eco", "layout")),
        Stage("write_report (all output files)", run_write_report, notes=report_notes,
              breakdown=report_breakdown, needs=("eco", "layout"), repeatable=False),
        Stage("graph build: networkx (if used)", build_networkx, None, "", repeatable=False),
    ]


def plan(all_stages: list[Stage], only: list[str] | None) -> list[tuple[Stage, bool]]:
    """``(stage, report_it)`` in run order: the wanted stages plus what they need.

    Examples
    --------
    >>> [(s.name, rep) for s, rep in plan(stages(), ["community summary"])]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('load (CSV, validate)', False), ('centrality (all columns)', False),
     ('communities (Leiden)', False), ('community summary', True)]
    """
    if not only:
        return [(s, True) for s in all_stages]
    wanted = [any(o.lower() in s.name.lower() for o in only) for s in all_stages]
    need: set[str] = set()
    keep = list(wanted)
    for i in range(len(all_stages) - 1, -1, -1):
        s = all_stages[i]
        if not keep[i] and s.store and s.store in need:
            keep[i] = True
        if keep[i]:
            need.update(s.needs)
    return [(s, w) for s, k, w in zip(all_stages, keep, wanted) if k]
