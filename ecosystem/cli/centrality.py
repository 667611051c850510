"""``ecosystem centrality``: every centrality measure per partner."""
from __future__ import annotations

import click

from .common import data_info, emit, handle_errors, sampling_note
from .options import (Command, DataSource, data_options, format_option, sampling,
                      sampling_options, seed_option, top_option)


@click.command("centrality", cls=Command)
@data_options
@seed_option(0, "Seed for every random step (communities, sampling).")
@sampling_options
@click.option("--sort", "sort_by", default="pagerank", show_default=True, metavar="MEASURE",
              help="Sort partners by this measure (descending); 'none' keeps data order.")
@top_option(None, "Only list the first K partners.")
@format_option()
@handle_errors
def centrality_command(source: DataSource, seed: int, sample_k: int | None, exact: bool,
                       sort_by: str, top: int | None, fmt: str) -> None:
    """Every centrality measure per partner (weighted; paths use distance = 1/strength).

    Columns: degree, strength, pagerank, eigenvector, betweenness, closeness, harmonic,
    coreness, clustering, clustering_weighted, reach2 (+ in/out variants with --directed).
    """
    from ..analysis.centrality import centrality
    from ..exceptions import InvalidParameterError

    if top is not None and top < 1:
        raise click.BadParameter(f"must be >= 1, got {top}", param_hint="--top")
    how = sampling(exact, sample_k)
    eco = source.load()
    eco.require_ties()
    cres = centrality(eco, seed=seed, **how)
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
    provenance = {"command": "centrality", "data": data_info(eco), "method": cres.method,
                  "sampled": cres.sampled, "params": {**cres.params, "sort": sort_by, "top": top},
                  "measures": cres.measures}
    title = f"Centrality of {eco.n_partners} partners; {sampling_note(cres)}"
    emit(table, fmt, payload={**provenance, "rows": table}, title=title)
