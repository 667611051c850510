"""``ecosystem health``: ecosystem health KPIs, each defined."""
from __future__ import annotations

import click

from .common import data_info, emit, handle_errors
from .options import Command, DataSource, data_options, format_option, seed_option


@click.command("health", cls=Command)
@data_options
@seed_option(0, "Seed for every random step (communities, sampling, runs).")
@format_option()
@handle_errors
def health_command(source: DataSource, seed: int, fmt: str) -> None:
    """Ecosystem health KPIs (density, components, clustering, paths, diversity...), each defined.

    \b
    Examples:
      ecosystem health relations.csv -p partners.csv
      ecosystem health relations.csv --format json
    """
    from ..analysis.communities import detect_communities
    from ..analysis.health import health_kpis, health_params, health_table

    eco = source.load()
    partition = detect_communities(eco, seed=seed) if eco.n_partners else None
    kpis = health_kpis(eco, partition, seed=seed)
    table = health_table(kpis)
    if fmt == "table":
        emit(table[["kpi", "value"]].assign(value=table["value"].map(
            lambda v: f"{v:.4g}" if isinstance(v, float) else v)), "table", title="Ecosystem health")
        return
    emit(table, fmt, payload={"command": "health", "data": data_info(eco), "kpis": kpis,
                              "parameters": health_params(partition, seed=seed)})
