"""``ecosystem communities``: communities, described, with their stability."""
from __future__ import annotations

from typing import Any

import click
import pandas as pd

from .common import data_info, emit, handle_errors
from .options import (Command, DataSource, community_options, data_options, format_option,
                      seed_option, top_option)


@click.command("communities", cls=Command)
@data_options
@community_options
@seed_option(0, "Seed for every random step (communities, sampling).")
@click.option("--runs", type=int, default=10, show_default=True,
              help="Seeded runs for the stability check (1 = no stability check).")
@top_option(3, "Top partners and links listed per community.")
@click.option("--members", is_flag=True, help="List every partner with its community (and consistency) instead.")
@format_option()
@handle_errors
def communities_command(source: DataSource, method: str, resolution: float, seed: int, runs: int,
                        top: int, members: bool, fmt: str) -> None:
    """Find communities (Leiden by default), describe them and check their stability.

    Communities are numbered by size (largest = 0). With --runs R > 1 the detection is
    repeated with seeds seed..seed+R-1 and each partner's consistency (share of its
    community mates it is grouped with, averaged over runs) is reported.
    """
    from ..analysis.communities import community_stability, community_summary, detect_communities

    if runs < 1:
        raise click.BadParameter(f"must be >= 1, got {runs}", param_hint="--runs")
    if top < 1:
        raise click.BadParameter(f"must be >= 1, got {top}", param_hint="--top")
    eco = source.load()
    eco.require_ties()
    part = detect_communities(eco, method=method, resolution=resolution, seed=seed)
    summary = community_summary(eco, part, top=top)
    stability = None
    if runs > 1:
        stability = community_stability(eco, method=method, resolution=resolution,
                                        seed=seed, runs=runs, reference=part, seed_partition=part)
        cons = stability.communities.set_index("community")
        summary["consistency"] = summary["community"].map(cons["consistency"])
        summary["min_consistency"] = summary["community"].map(cons["min_consistency"])
    provenance: dict[str, Any] = {
        "command": "communities", "data": data_info(eco), "method": part.method,
        "params": {**part.params, "method": part.method, "runs": runs, "top": top},
        "modularity": part.modularity, "n_communities": part.n_communities}
    table = pd.DataFrame({"id": eco.ids, "name": eco.names.to_numpy(),
                            "sector": eco.sectors.to_numpy(),
                            "community": part.membership.reindex(eco.ids).to_numpy()})
    table["label"] = table["community"].map(summary.set_index("community")["label"])
    if stability is not None:
        from ..analysis.communities import _nmi

        table["consistency"] = stability.partners["consistency"].reindex(eco.ids).to_numpy()
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
    title = (f"{part.n_communities} communities ({part.method}, resolution {resolution:g}, "
             f"seed {seed}), modularity {part.modularity:.4f}{note}")
    if members:
        table = table.sort_values(["community"], kind="stable")
        emit(table, fmt, payload={**provenance, "rows": table, "communities": summary}, title=title)
        return
    cols = ["community", "label", "size", "density", "internal_strength", "external_strength",
            "sector_mix", "top_partners", "strongest_links"]
    if stability is not None:
        cols.append("consistency")
    emit(summary[cols] if fmt == "table" else summary, fmt,
         payload={**provenance, "rows": summary, "partners": table}, title=title)
