"""The benchmark stages: what the engine does, and the bare library call doing the same work.

Each :class:`Stage` has an ``engine`` callable (our public API, as a user calls it) and,
where one exists, a ``bare`` callable: the plain igraph / scipy / pandas call computing
the same numbers on the same graph (the same ``eco.igraph`` object, same weights, same
parameters). ``ratio = engine seconds / bare seconds`` is the engine's overhead.

Stages run in order in one process and share a context dict ``ctx`` (the ecosystem, the
partition, the centrality table...), the way ``ecosystem.pipeline.analyze`` shares them,
so the graph is built once, in the "graph build" stage, and every later stage reuses it.
A stage whose module is missing or fails is recorded with its error and the run goes on.
"""
from __future__ import annotations

import importlib
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd


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


def _mod(name: str):
    return importlib.import_module(name)


def _call(func: Callable, *args: Any, **kwargs: Any) -> Any:
    """Call like the pipeline does: keyword arguments the function does not take are dropped."""
    return _mod("ecosystem.pipeline")._call(func, *args, **kwargs)


def _defaults() -> dict:
    """The pipeline's default configuration (what ``ecosystem analyze`` runs with)."""
    return _mod("ecosystem.config").DEFAULTS


def _seeded(fn: Callable[[], Any], seed: int = 0) -> Any:
    """Run an igraph call with igraph's RNG seeded from Python's ``random`` (like the engine)."""
    import igraph as ig

    state = random.getstate()
    random.seed(seed)
    try:
        ig.set_random_number_generator(random)
        return fn()
    finally:
        random.setstate(state)


# --------------------------------------------------------------------------- load / build
def load_synthetic(ctx: dict) -> Any:
    from ecosystem import load

    return load(ctx["relations_path"], ctx["partners_path"])


def bare_read_csv(ctx: dict) -> Any:
    rel = pd.read_csv(ctx["relations_path"], dtype=str, keep_default_na=False)
    part = pd.read_csv(ctx["partners_path"], dtype=str, keep_default_na=False)
    return rel, part


def load_h2020(ctx: dict) -> Any:
    """``ecosystem.load`` on the participation CSV: detects the affiliation table, projects it."""
    from ecosystem import load

    return load(ctx["relations_path"], **ctx.get("load_kwargs", {}))


def project_h2020(ctx: dict) -> Any:
    """The projection step alone: ``project_affiliations`` on the already-read table."""
    from ecosystem.io.affiliation import project_affiliations

    df = ctx.get("participations")
    if df is None:
        df = ctx["participations"] = pd.read_csv(ctx["relations_path"], dtype=str,
                                                 keep_default_na=False)
    return project_affiliations(df)


def bare_projection(ctx: dict) -> Any:
    """scipy projection of the same table: triu(B @ B.T) (pairs with shared-project counts)."""
    import scipy.sparse as sp

    df = ctx.get("participations")
    if df is None:
        df = ctx["participations"] = pd.read_csv(ctx["relations_path"], dtype=str,
                                                 keep_default_na=False)
    org, orgs = pd.factorize(df["pic"])
    prj, prjs = pd.factorize(df["rcn"])
    b = sp.csr_matrix((np.ones(len(org)), (org, prj)), shape=(len(orgs), len(prjs)))
    b.data[:] = 1.0
    return sp.triu(b @ b.T, k=1).tocoo()


def bare_h2020(ctx: dict) -> Any:
    """pandas read + scipy projection B @ B.T (shared-project counts), the same work."""
    import scipy.sparse as sp

    df = pd.read_csv(ctx["relations_path"], dtype=str, keep_default_na=False)
    org, orgs = pd.factorize(df["pic"])
    prj, prjs = pd.factorize(df["rcn"])
    b = sp.csr_matrix((np.ones(len(org)), (org, prj)), shape=(len(orgs), len(prjs)))
    b.data[:] = 1.0
    a = sp.triu(b @ b.T, k=1).tocoo()
    return a


def build_ties(ctx: dict) -> Any:
    return ctx["eco"].ties


def bare_ties(ctx: dict) -> Any:
    """pandas groupby-sum of relation strengths per pair (+ count), no type lists."""
    eco = ctx["eco"]
    src, dst = eco._pair_codes()
    frame = pd.DataFrame({"a": src, "b": dst, "s": eco.relations["strength"].to_numpy(float)})
    return frame.groupby(["a", "b"], sort=True)["s"].agg(["sum", "size"])


def build_igraph(ctx: dict) -> Any:
    return ctx["eco"].igraph


def bare_igraph(ctx: dict) -> Any:
    import igraph as ig

    t = ctx["eco"].undirected_ties
    g = ig.Graph(n=ctx["eco"].n_partners,
                 edges=np.column_stack([t["source_index"].to_numpy(), t["target_index"].to_numpy()]))
    g.es["weight"] = t["strength"].to_numpy(float)
    return g


def build_networkx(ctx: dict) -> Any:
    return ctx["eco"].graph


# --------------------------------------------------------------------------- centrality
def run_centrality(ctx: dict) -> Any:
    mod = _mod("ecosystem.analysis.centrality")
    return mod.centrality(ctx["eco"], seed=ctx["seed"])


def _sample_plan(ctx: dict) -> tuple[bool, int]:
    """Whether the engine sampled paths and with how many pivots (from its params)."""
    res = ctx.get("centrality")
    params = dict(getattr(res, "params", {}) or {})
    if res is None:
        mod = _mod("ecosystem.analysis.centrality")
        n = ctx["eco"].n_partners
        return n > mod.SAMPLE_THRESHOLD, mod.default_n_samples(n)
    k = params.get("n_samples") or _mod("ecosystem.analysis.centrality").default_n_samples(
        ctx["eco"].n_partners)
    return bool(getattr(res, "sampled", False)), int(k)


def _components(g) -> list[np.ndarray]:
    memb = np.asarray(g.connected_components().membership)
    order = np.argsort(memb, kind="stable")
    cuts = np.flatnonzero(np.diff(memb[order])) + 1
    comps = np.split(order, cuts)
    comps.sort(key=lambda c: (-len(c), int(c[0])))
    return comps


def bare_paths(ctx: dict, *, with_distances: bool = True) -> Any:
    """The igraph calls behind betweenness/closeness/harmonic, as the engine plans them:
    per component larger than k: induced subgraph, ``betweenness(sources=k pivots)`` and
    ``distances(source=pivots)``; the small components together: exact calls."""
    g = ctx["eco"].igraph
    sample, k = _sample_plan(ctx)
    rng = np.random.default_rng(ctx["seed"])
    small = []
    out = []
    for comp in _components(g):
        if len(comp) == 1:
            continue
        if not (sample and len(comp) > k):
            small.append(comp)
            continue
        sg = g.induced_subgraph(comp.tolist())
        pivots = sorted(rng.choice(len(comp), size=k, replace=False).tolist())
        out.append(sg.betweenness(sources=pivots, weights="distance", directed=False))
        if with_distances:
            out.append(sg.distances(source=pivots, weights="distance"))
    if small:
        sg = g.induced_subgraph(np.sort(np.concatenate(small)).tolist())
        out.append(sg.betweenness(weights="distance", directed=False))
        if with_distances:
            out.append(sg.closeness(weights="distance"))
            out.append(sg.harmonic_centrality(weights="distance", normalized=False))
    return out


def bare_centrality(ctx: dict) -> Any:
    """The igraph calls behind the centrality table's columns, on the same graph
    (weighted clustering has no library call and is left out of the bare side)."""
    g = ctx["eco"].igraph
    out = {"degree": g.degree(), "strength": g.strength(weights="weight"),
           "pagerank": g.pagerank(weights="weight", damping=0.85, directed=False),
           "eigenvector": g.eigenvector_centrality(weights="weight", scale=True),
           "paths": bare_paths(ctx), "coreness": g.coreness(),
           "clustering": g.transitivity_local_undirected(mode="zero"),
           "reach2": g.neighborhood_size(order=2)}
    return out


def bare_pagerank(ctx: dict) -> Any:
    return ctx["eco"].igraph.pagerank(weights="weight")


def engine_pagerank(ctx: dict) -> Any:
    """The engine's PageRank expression, exactly as ``centrality()`` evaluates it."""
    mod = _mod("ecosystem.analysis.centrality")
    g = ctx["eco"].igraph
    return np.asarray(g.pagerank(weights="weight", damping=mod.DAMPING, directed=False), dtype=float)


def engine_paths(ctx: dict) -> Any:
    """The engine's betweenness/closeness/harmonic step (``centrality._path_measures``)."""
    mod = _mod("ecosystem.analysis.centrality")
    sample, k = _sample_plan(ctx)
    eco = ctx["eco"]
    return mod._path_measures(eco, eco.igraph, "distance", sample=sample, k=k,
                              seed=ctx["seed"], directed=False)


def bare_sampled_betweenness(ctx: dict) -> Any:
    return bare_paths(ctx, with_distances=False)


def centrality_notes(ctx: dict, res: Any) -> str:
    params = dict(getattr(res, "params", {}) or {})
    keep = {k: v for k, v in params.items() if not isinstance(v, (list, dict)) or len(v) < 8}
    return f"sampled={getattr(res, 'sampled', '?')} {keep}"


# --------------------------------------------------------------------------- communities
def run_communities(ctx: dict) -> Any:
    from ecosystem.analysis.communities import detect_communities

    return detect_communities(ctx["eco"], seed=ctx["seed"])


def _leiden_iterations(ctx: dict) -> int:
    part = ctx.get("partition")
    if part is None:
        return -1
    it = part.params.get("leiden_iterations", part.params.get("n_iterations", -1))
    return -1 if it == "until stable" else int(it)


def bare_leiden(ctx: dict) -> Any:
    g = ctx["eco"].igraph
    n_iter = _leiden_iterations(ctx)
    return _seeded(lambda: g.community_leiden(objective_function="modularity", weights="weight",
                                              n_iterations=n_iter), ctx["seed"])


def bare_leiden2(ctx: dict) -> Any:
    g = ctx["eco"].igraph
    return _seeded(lambda: g.community_leiden(objective_function="modularity", weights="weight",
                                              n_iterations=2), ctx["seed"])


def partition_notes(ctx: dict, part: Any) -> str:
    return (f"{part.n_communities} communities, Q={part.modularity:.4f}, "
            f"params={part.params}")


def run_community_summary(ctx: dict) -> Any:
    mod = _mod("ecosystem.analysis.communities")
    table = ctx.get("centrality")
    return _call(mod.community_summary, ctx["eco"], ctx["partition"],
                 centrality_table=getattr(table, "table", None))


def run_stability(ctx: dict) -> Any:
    mod = _mod("ecosystem.analysis.communities")
    runs = _defaults()["communities"]["stability_runs"]
    return _call(mod.community_stability, ctx["eco"], method="leiden", resolution=1.0,
                 seed=ctx["seed"], runs=runs, reference=ctx.get("partition"))


def bare_stability(ctx: dict) -> Any:
    g = ctx["eco"].igraph
    n_iter = _leiden_iterations(ctx)
    return [_seeded(lambda: g.community_leiden(objective_function="modularity",
                                               weights="weight", n_iterations=n_iter), s)
            for s in range(_defaults()["communities"]["stability_runs"])]


# --------------------------------------------------------------------------- roles / anchors
def run_roles(ctx: dict) -> Any:
    return _mod("ecosystem.analysis.roles").functional_roles(ctx["eco"], ctx["partition"])


def run_anchors(ctx: dict) -> Any:
    mod = _mod("ecosystem.analysis.anchors")
    return _call(mod.anchor_partners, ctx["eco"], partition=ctx.get("partition"),
                 centrality=ctx.get("centrality"), roles=ctx.get("roles"))


# --------------------------------------------------------------------------- holes
def run_holes(ctx: dict) -> Any:
    return _mod("ecosystem.analysis.holes").structural_holes(ctx["eco"])


def bare_constraint(ctx: dict) -> Any:
    return ctx["eco"].igraph.constraint(weights="weight")


def run_constraint(ctx: dict) -> Any:
    return _mod("ecosystem.analysis.holes").burt_constraint(ctx["eco"])


def run_brokerage(ctx: dict) -> Any:
    return _mod("ecosystem.analysis.holes").brokerage_roles(ctx["eco"], ctx["partition"])


# --------------------------------------------------------------------------- fragility
def run_fragility(ctx: dict) -> Any:
    return _mod("ecosystem.analysis.fragility").fragility(ctx["eco"])


def bare_fragility(ctx: dict) -> Any:
    g = ctx["eco"].igraph
    return g.articulation_points(), g.bridges(), g.connected_components().membership


# --------------------------------------------------------------------------- gaps
def run_community_gaps(ctx: dict) -> Any:
    top = _defaults()["top"]["gaps"]
    return _call(_mod("ecosystem.analysis.gaps").community_gaps, ctx["eco"], ctx["partition"],
                 top=top)


def run_sector_gaps(ctx: dict) -> Any:
    top = _defaults()["top"]["gaps"]
    return _call(_mod("ecosystem.analysis.gaps").sector_gaps, ctx["eco"],
                 partition=ctx.get("partition"), top=top)


# --------------------------------------------------------------------------- recommendations
def run_recommend(ctx: dict) -> Any:
    mod = _mod("ecosystem.analysis.recommend")
    return _call(mod.recommend_partnerships, ctx["eco"], top=_defaults()["top"]["recommendations"],
                 partition=ctx.get("partition"), seed=ctx["seed"],
                 gaps=ctx.get("community_gaps"))  # as the pipeline: its gaps step's result


def adjacency(ctx: dict):
    import scipy.sparse as sp

    eco = ctx["eco"]
    t = eco.undirected_ties
    n = eco.n_partners
    i, j = t["source_index"].to_numpy(), t["target_index"].to_numpy()
    a = sp.csr_matrix((np.ones(2 * len(i)), (np.concatenate([i, j]), np.concatenate([j, i]))),
                      shape=(n, n))
    return a


def bare_linkpred(ctx: dict, budget: int = 2_000_000) -> Any:
    """Adamic-Adar for every two-hop pair, ``A @ diag(1/log deg) @ A`` with scipy.sparse,
    in row blocks of about ``budget`` two-step paths (the full product at once does not
    fit in memory on the H2020 graph); each block's product is computed and dropped.
    Returns the number of two-hop pairs scored."""
    import scipy.sparse as sp

    a = adjacency(ctx).tocsr()
    deg = np.diff(a.indptr).astype(float)
    inv = np.zeros_like(deg)
    ok = deg > 1
    inv[ok] = 1.0 / np.log(deg[ok])
    right = sp.csr_matrix(sp.diags(inv) @ a)
    work = np.cumsum(deg * deg + 1)
    n, start, pairs = a.shape[0], 0, 0
    while start < n:
        base = work[start - 1] if start else 0
        stop = min(max(int(np.searchsorted(work, base + budget, side="right")), start + 1), n)
        pairs += (a[start:stop] @ right).nnz
        start = stop
    return pairs


def run_evaluate(ctx: dict) -> Any:
    """``evaluate_recommendations`` as the pipeline calls it (hide 10 % of ties, re-rank)."""
    mod = _mod("ecosystem.analysis.recommend")
    rc = _defaults().get("recommendations", {})
    return _call(mod.evaluate_recommendations, ctx["eco"], seed=ctx["seed"],
                 k=_defaults()["top"]["recommendations"],
                 methods=[rc.get("method", "adamic_adar")])


def run_what_if(ctx: dict) -> Any:
    """The pipeline's what-if scenarios: each of the top anchors alone, then the key players."""
    mod = _mod("ecosystem.analysis.resilience")
    n = int(_defaults()["resilience"].get("what_if", 0) or 0)
    scenarios: list[list[str]] = []
    anchors = ctx.get("anchors")
    if n and isinstance(anchors, pd.DataFrame) and "rank" in anchors:
        scenarios += [[str(i)] for i in anchors.sort_values("rank").index[:n]]
    kp = ctx.get("key_players")
    if n and isinstance(kp, pd.DataFrame) and len(kp) > 1:
        scenarios.append([str(i) for i in kp.index])
    return [_call(mod.what_if, ctx["eco"], remove=ids, partition=ctx.get("partition"),
                  seed=ctx["seed"]) for ids in scenarios]


# --------------------------------------------------------------------------- resilience / health
def run_removal_curves(ctx: dict, **override: Any) -> Any:
    """``removal_curves`` with the pipeline's default settings (``override`` changes some)."""
    r = dict(_defaults()["resilience"])
    r.update(override)
    cent = ctx.get("centrality")
    kwargs = {k: v for k, v in r.items() if k in ("strategies", "steps", "runs", "max_share")}
    for extra in ("efficiency", "n_sources", "sample_above"):
        if extra in override:
            kwargs[extra] = override[extra]
    return _call(_mod("ecosystem.analysis.resilience").removal_curves,
                 ctx["eco"], seed=ctx["seed"], centrality=getattr(cent, "table", None),
                 anchors=ctx.get("anchors"), **kwargs)


def resilience_notes(ctx: dict, curves: Any) -> str:
    p = dict(getattr(curves, "attrs", {}).get("params", {}))
    keep = {k: p.get(k) for k in ("strategies", "runs", "steps", "efficiency_sampled", "n_sources")}
    return str(keep)


def run_removal_degree(ctx: dict) -> Any:
    return run_removal_curves(ctx, strategies=["degree"])


def run_removal_lcc_only(ctx: dict) -> Any:
    return run_removal_curves(ctx, efficiency=False)


def run_key_players(ctx: dict) -> Any:
    k = min(_defaults()["top"]["key_players"], ctx["eco"].n_partners - 1)
    return _call(_mod("ecosystem.analysis.resilience").key_players, ctx["eco"], k, seed=ctx["seed"])


def run_health(ctx: dict) -> Any:
    return _call(_mod("ecosystem.analysis.health").health_kpis, ctx["eco"],
                 partition=ctx.get("partition"), seed=ctx["seed"])


# --------------------------------------------------------------------------- pipeline / outputs
def run_pipeline(ctx: dict) -> Any:
    return _mod("ecosystem.pipeline").analyze(ctx["eco"])


def pipeline_breakdown(ctx: dict, analysis: Any) -> dict:
    return dict(getattr(analysis, "timings", {}) or {})


def run_write_report(ctx: dict) -> Any:
    """``Analysis.write_report``: every output file (report, maps, CSV, XLSX, JSON)."""
    from ecosystem.progress import Progress

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


def run_layout(ctx: dict) -> Any:
    return _mod("ecosystem.analysis.layout").compute_layout(ctx["eco"], seed=ctx["seed"])


def bare_layout(ctx: dict) -> Any:
    g = ctx["eco"].igraph
    return _seeded(lambda: g.layout_fruchterman_reingold(weights="weight", grid="auto"),
                   ctx["seed"])


def analysis_of(ctx: dict) -> Any:
    """The pipeline's ``Analysis`` - or, when that stage was skipped, one assembled from
    the stages' own results (so maps and reports can still be timed)."""
    if ctx.get("analysis") is not None:
        return ctx["analysis"]
    pipeline = _mod("ecosystem.pipeline")
    config = _mod("ecosystem.config")
    cfg = config.resolve_config(None)
    a = pipeline.Analysis(eco=ctx["eco"], config=cfg)
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


def run_map(ctx: dict) -> Any:
    mod = _mod("ecosystem.render.maps")
    spec = mod.map_spec(ctx["eco"], analysis=analysis_of(ctx), seed=ctx["seed"])
    return mod.write_map(spec, Path(ctx["tmp"]) / "map.html")


def file_size_note(ctx: dict, path: Any) -> str:
    try:
        return f"{Path(path).stat().st_size / 1e6:.2f} MB"
    except Exception:                                          # noqa: BLE001
        return ""


def _len_note(ctx: dict, value: Any) -> str:
    try:
        return f"{len(value)} rows"
    except TypeError:
        return ""


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
              notes=_len_note, needs=("eco", "partition", "centrality")),
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
              "scipy A @ diag(1/log deg) @ A in row blocks (all two-hop pairs)", heavy=True, notes=_len_note,
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
