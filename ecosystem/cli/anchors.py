"""``ecosystem anchors``, ``ecosystem communities`` and ``ecosystem centrality``."""
from __future__ import annotations

from typing import Any

import click
import pandas as pd

from .common import data_options, emit, format_option, handle_errors, load_ecosystem, pop_data_options

COMMUNITY_METHODS = ("leiden", "louvain", "label_propagation")


def _sampling_options(func):
    func = click.option("--sample", "sample_k", type=int, default=None, metavar="K",
                        help="Estimate betweenness/closeness from K sampled source partners per "
                             "large component (default: automatic above 5,000 partners).")(func)
    func = click.option("--exact", is_flag=True,
                        help="Always compute betweenness/closeness exactly (can be slow on big networks).")(func)
    return func


def _seed_option(func):
    return click.option("--seed", type=int, default=0, show_default=True,
                        help="Seed for every random step (communities, sampling).")(func)


def _community_options(func):
    func = click.option("--resolution", type=float, default=1.0, show_default=True,
                        help="Modularity resolution: > 1 gives more, smaller communities.")(func)
    func = click.option("--method", type=click.Choice(COMMUNITY_METHODS), default="leiden",
                        show_default=True, help="Community detection algorithm.")(func)
    return func


def _sampling(exact: bool, sample_k: int | None) -> dict[str, Any]:
    if exact and sample_k is not None:
        raise click.UsageError("use either --exact or --sample K, not both")
    if sample_k is not None and sample_k < 1:
        raise click.BadParameter(f"K must be >= 1, got {sample_k}", param_hint="--sample")
    if exact:
        return {"sample": False, "n_samples": None}
    if sample_k is not None:
        return {"sample": True, "n_samples": sample_k}
    return {"sample": "auto", "n_samples": None}


def _sampling_note(cres) -> str:
    if not cres.sampled:
        return "betweenness/closeness: exact"
    p = cres.params
    return (f"betweenness/closeness: SAMPLED ESTIMATE ({p['n_samples']} source partners per "
            f"large component, seed {p['seed']}; use --exact for exact values)")


def _data_info(eco) -> dict[str, Any]:
    return {"name": eco.name, "partners": eco.n_partners, "relations": eco.n_relations,
            "ties": eco.n_ties, **eco.settings()}


# ---------------------------------------------------------------------- anchors
@click.command("anchors")
@data_options
@click.option("--top", type=int, default=10, show_default=True, help="How many anchors to list (per group with --by).")
@click.option("--by", "by", default=None, metavar="ATTRIBUTE",
              help="Rank within each value of a partner column, e.g. --by sector ('top university anchors').")
@click.option("--weights", default=None, metavar="M=W,...",
              help="Composite score weights, e.g. strength=1,pagerank=1,betweenness=2,participation=1 "
                   "(any centrality or role measure).")
@click.option("--lang", type=click.Choice(["en", "ko"]), default="en", show_default=True,
              help="Language of the 'why' explanations.")
@_community_options
@_seed_option
@_sampling_options
@format_option
@handle_errors
def anchors_cmd(**kwargs: Any) -> None:
    """Rank anchor partners by a transparent composite score, with a one-line why.

    The score is the weighted mean of rank-normalised strength, PageRank, betweenness
    and participation (configurable with --weights); each anchor gets its
    Guimerà-Amaral role and a plain-language explanation.
    """
    from ..analysis.anchors import anchor_partners, anchors_by, parse_weights
    from ..analysis.centrality import centrality
    from ..analysis.communities import detect_communities
    from ..analysis.roles import functional_roles

    data_opts = pop_data_options(kwargs)
    fmt, top, by, seed = kwargs["fmt"], kwargs["top"], kwargs["by"], kwargs["seed"]
    if top < 1:
        raise click.BadParameter(f"must be >= 1, got {top}", param_hint="--top")
    sampling = _sampling(kwargs["exact"], kwargs["sample_k"])
    weights = parse_weights(kwargs["weights"]) if kwargs["weights"] is not None else None
    eco = load_ecosystem(**data_opts)
    eco.require_ties()
    if by is not None:
        eco.attribute(by)          # fail early on an unknown column
    cres = centrality(eco, seed=seed, **sampling)
    part = detect_communities(eco, method=kwargs["method"], resolution=kwargs["resolution"], seed=seed)
    roles = functional_roles(eco, part)
    table = anchor_partners(eco, partition=part, centrality=cres, roles=roles, weights=weights,
                            seed=seed, lang=kwargs["lang"])
    params = table.attrs["params"]
    w = params["weights"]
    formula = " + ".join(f"{v:g}x{k}" for k, v in w.items())
    provenance = {"command": "anchors", "data": _data_info(eco),
                  "method": "composite of rank-normalised measures",
                  "score": f"({formula}) / {sum(w.values()):g}, each measure rank-normalised to 0..1",
                  "params": {**params, "top": top, "by": by,
                             "community_method": kwargs["method"],
                             "resolution": kwargs["resolution"]},
                  "centrality": cres.to_dict(), "sampled": cres.sampled,
                  "modularity": part.modularity, "n_communities": part.n_communities}
    if by is not None:
        grouped = anchors_by(eco, by, top, anchors=table)
        facts = table.drop(columns=[c for c in ("name", "sector", "rank", "anchor_score", "role", "why")
                                    if c in table]).reset_index()
        rows = grouped.merge(facts, on="id", how="left")
        if by in grouped.columns:          # e.g. --by sector: the group column repeats it
            shown = grouped.drop(columns=["group"])
            shown.insert(0, by, shown.pop(by))
        else:
            shown = grouped.rename(columns={"group": by})
        rows = rows.drop(columns=["group"]) if by in rows.columns else rows.rename(columns={"group": by})
        rows.insert(0, by, rows.pop(by))
        title = (f"Top {top} anchor partners per {by} (of {eco.n_partners} partners); "
                 f"{_sampling_note(cres)}")
        emit(shown if fmt == "table" else rows, fmt, payload={**provenance, "rows": rows}, title=title)
        return
    head = table.head(top).reset_index()
    shown = head[["rank", "id", "name", "sector", "anchor_score", "role", "why"]]
    title = (f"Top {min(top, len(table))} anchor partners of {eco.n_partners}; score = {formula} "
             f"(rank-normalised); {part.n_communities} communities ({part.method}); {_sampling_note(cres)}")
    emit(shown if fmt == "table" else head, fmt, payload={**provenance, "rows": head}, title=title)


# ---------------------------------------------------------------------- communities
@click.command("communities")
@data_options
@_community_options
@_seed_option
@click.option("--runs", type=int, default=10, show_default=True,
              help="Seeded runs for the stability check (1 = no stability check).")
@click.option("--top", type=int, default=3, show_default=True, help="Top partners and links listed per community.")
@click.option("--members", is_flag=True, help="List every partner with its community (and consistency) instead.")
@format_option
@handle_errors
def communities_cmd(**kwargs: Any) -> None:
    """Find communities (Leiden by default), describe them and check their stability.

    Communities are numbered by size (largest = 0). With --runs R > 1 the detection is
    repeated with seeds seed..seed+R-1 and each partner's consistency (share of its
    community mates it is grouped with, averaged over runs) is reported.
    """
    from ..analysis.communities import community_stability, community_summary, detect_communities

    data_opts = pop_data_options(kwargs)
    fmt, seed, runs, top = kwargs["fmt"], kwargs["seed"], kwargs["runs"], kwargs["top"]
    if runs < 1:
        raise click.BadParameter(f"must be >= 1, got {runs}", param_hint="--runs")
    if top < 1:
        raise click.BadParameter(f"must be >= 1, got {top}", param_hint="--top")
    eco = load_ecosystem(**data_opts)
    eco.require_ties()
    part = detect_communities(eco, method=kwargs["method"], resolution=kwargs["resolution"], seed=seed)
    summary = community_summary(eco, part, top=top)
    stability = None
    if runs > 1:
        stability = community_stability(eco, method=kwargs["method"], resolution=kwargs["resolution"],
                                        seed=seed, runs=runs, reference=part)
        cons = stability.communities.set_index("community")
        summary["consistency"] = summary["community"].map(cons["consistency"])
        summary["min_consistency"] = summary["community"].map(cons["min_consistency"])
    provenance: dict[str, Any] = {
        "command": "communities", "data": _data_info(eco), "method": part.method,
        "params": {**part.params, "method": part.method, "runs": runs, "top": top},
        "modularity": part.modularity, "n_communities": part.n_communities}
    members = pd.DataFrame({"id": eco.ids, "name": eco.names.to_numpy(),
                            "sector": eco.sectors.to_numpy(),
                            "community": part.membership.reindex(eco.ids).to_numpy()})
    members["label"] = members["community"].map(summary.set_index("community")["label"])
    if stability is not None:
        from ..analysis.communities import _nmi

        members["consistency"] = stability.partners["consistency"].reindex(eco.ids).to_numpy()
        provenance["stability"] = {
            **stability.to_dict(),
            "definition": "consistency = mean over runs of the share of a partner's community "
                          "mates grouped with it in that run",
            "consensus_nmi_to_shown": _nmi(stability.consensus.membership.to_numpy(),
                                           part.membership.reindex(eco.ids).to_numpy())}
    note = ""
    if stability is not None:
        note = (f"; stability over {runs} runs (seeds {seed}-{seed + runs - 1}): "
                f"mean NMI {stability.mean_nmi:.3f}, mean consistency "
                f"{float(stability.partners['consistency'].mean()):.3f}")
    title = (f"{part.n_communities} communities ({part.method}, resolution {kwargs['resolution']:g}, "
             f"seed {seed}), modularity {part.modularity:.4f}{note}")
    if kwargs["members"]:
        members = members.sort_values(["community"], kind="stable")
        emit(members, fmt, payload={**provenance, "rows": members, "communities": summary}, title=title)
        return
    cols = ["community", "label", "size", "density", "internal_strength", "external_strength",
            "sector_mix", "top_partners", "strongest_links"]
    if stability is not None:
        cols.append("consistency")
    emit(summary[cols] if fmt == "table" else summary, fmt,
         payload={**provenance, "rows": summary, "partners": members}, title=title)


# ---------------------------------------------------------------------- centrality
@click.command("centrality")
@data_options
@_seed_option
@_sampling_options
@click.option("--sort", "sort_by", default="pagerank", show_default=True, metavar="MEASURE",
              help="Sort partners by this measure (descending); 'none' keeps data order.")
@click.option("--top", type=int, default=None, help="Only list the first K partners.")
@format_option
@handle_errors
def centrality_cmd(**kwargs: Any) -> None:
    """Every centrality measure per partner (weighted; paths use distance = 1/strength).

    Columns: degree, strength, pagerank, eigenvector, betweenness, closeness, harmonic,
    coreness, clustering, clustering_weighted, reach2 (+ in/out variants with --directed).
    """
    from ..analysis.centrality import centrality
    from ..exceptions import InvalidParameterError

    data_opts = pop_data_options(kwargs)
    fmt, seed, top, sort_by = kwargs["fmt"], kwargs["seed"], kwargs["top"], kwargs["sort_by"]
    if top is not None and top < 1:
        raise click.BadParameter(f"must be >= 1, got {top}", param_hint="--top")
    sampling = _sampling(kwargs["exact"], kwargs["sample_k"])
    eco = load_ecosystem(**data_opts)
    eco.require_ties()
    cres = centrality(eco, seed=seed, **sampling)
    table = cres.table.copy()
    if sort_by != "none":
        if sort_by not in table:
            raise InvalidParameterError(
                f"--sort: unknown measure {sort_by!r}; available: {', '.join(table.columns)}, none")
        order = table[sort_by].rank(method="first", ascending=False).sort_values().index
        table = table.loc[order]
    table.insert(0, "name", eco.names.reindex(table.index).to_numpy())
    table.insert(1, "sector", eco.sectors.reindex(table.index).to_numpy())
    table = table.reset_index()
    if top is not None:
        table = table.head(top)
    provenance = {"command": "centrality", "data": _data_info(eco), "method": cres.method,
                  "sampled": cres.sampled, "params": {**cres.params, "sort": sort_by, "top": top},
                  "measures": cres.measures}
    title = f"Centrality of {eco.n_partners} partners; {_sampling_note(cres)}"
    emit(table, fmt, payload={**provenance, "rows": table}, title=title)


COMMANDS = [anchors_cmd, communities_cmd, centrality_cmd]
