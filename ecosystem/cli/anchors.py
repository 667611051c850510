"""``ecosystem anchors``: anchor partners by a transparent composite score, with a why."""
from __future__ import annotations

import click

from .common import data_info, emit, handle_errors, sampling_note
from .options import (Command, DataSource, community_options, data_options, format_option,
                      lang_option, sampling, sampling_options, seed_option, top_option)


@click.command("anchors", cls=Command)
@data_options
@top_option(10, "How many anchors to list (per group with --by).")
@click.option("--by", "by", default=None, metavar="ATTRIBUTE",
              help="Rank within each value of a partner column, e.g. --by sector ('top university anchors').")
@click.option("--weights", default=None, metavar="M=W,...",
              help="Composite score weights, e.g. strength=1,pagerank=1,betweenness=2,participation=1 "
                   "(any centrality or role measure).")
@lang_option("en", "Language of the 'why' explanations.")
@community_options
@seed_option(0, "Seed for every random step (communities, sampling).")
@sampling_options
@format_option()
@handle_errors
def anchors_command(source: DataSource, top: int, by: str | None, weights: str | None, lang: str,
                    method: str, resolution: float, seed: int, sample_k: int | None, exact: bool,
                    fmt: str) -> None:
    """Rank anchor partners by a transparent composite score, with a one-line why.

    The score is the weighted mean of rank-normalised strength, PageRank, betweenness
    and participation (configurable with --weights); each anchor gets its
    Guimerà-Amaral role and a plain-language explanation.
    """
    from ..analysis.anchors import anchor_partners, anchors_by, parse_weights
    from ..analysis.centrality import centrality
    from ..analysis.communities import detect_communities
    from ..analysis.roles import functional_roles

    if top < 1:
        raise click.BadParameter(f"must be >= 1, got {top}", param_hint="--top")
    how = sampling(exact, sample_k)
    measure_weights = parse_weights(weights) if weights is not None else None
    eco = source.load()
    eco.require_ties()
    if by is not None:
        eco.attribute(by)          # fail early on an unknown column
    cres = centrality(eco, seed=seed, **how)
    part = detect_communities(eco, method=method, resolution=resolution, seed=seed)
    roles = functional_roles(eco, part)
    table = anchor_partners(eco, partition=part, centrality=cres, roles=roles, weights=measure_weights,
                            seed=seed, lang=lang)
    params = table.attrs["params"]
    w = params["weights"]
    formula = " + ".join(f"{v:g}x{k}" for k, v in w.items())
    provenance = {"command": "anchors", "data": data_info(eco),
                  "method": "composite of rank-normalised measures",
                  "score": f"({formula}) / {sum(w.values()):g}, each measure rank-normalised to 0..1",
                  "params": {**params, "top": top, "by": by,
                             "community_method": method,
                             "resolution": resolution},
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
                 f"{sampling_note(cres)}")
        emit(shown if fmt == "table" else rows, fmt, payload={**provenance, "rows": rows}, title=title)
        return
    head = table.head(top).reset_index()
    shown = head[["rank", "id", "name", "sector", "anchor_score", "role", "why"]]
    title = (f"Top {min(top, len(table))} anchor partners of {eco.n_partners}; score = {formula} "
             f"(rank-normalised); {part.n_communities} communities ({part.method}); {sampling_note(cres)}")
    emit(shown if fmt == "table" else head, fmt, payload={**provenance, "rows": head}, title=title)
