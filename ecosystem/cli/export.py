"""``ecosystem export``: the network with every metric, community and role as attributes."""
from __future__ import annotations

import click

from .common import handle_errors, run_overrides, run_progress, to_json
from .options import Command, DataSource, data_options, format_option, output_option, run_options


@click.command("export", cls=Command)
@data_options
@click.option("--to", "to", type=click.Choice(["gexf", "graphml", "json", "cytoscape", "kumu"]),
              default=None, help="Format (default: from the file suffix).")
@output_option("File to write.", metavar="FILE", required=True)
@run_options
@format_option(("table", "json"), "What to print about the written file.")
@handle_errors
def export_command(source: DataSource, to: str | None, output: str, config_path: str | None,
                   seed: int | None, method: str | None, resolution: float | None,
                   cpus: int | None, quiet: bool, verbose: bool, fmt: str) -> None:
    """Write the network with every metric, community, role and colour as attributes.

    GEXF (Gephi, with colours, positions and sizes), GraphML (yEd, Cytoscape, igraph),
    node-link JSON (networkx, d3), Cytoscape.js JSON (Cytoscape) or a Kumu import
    workbook (Elements and Connections sheets, .xlsx).

    \b
    Example:
      ecosystem export relations.csv -p partners.csv --to gexf -o network.gexf
    """
    from ..config import OUTPUTS, resolve_config
    from ..pipeline import analyze, load_data
    from ..export import export_graph
    from ..render.folder import output_file

    output_file(output)  # before the analysis: a bad path fails fast (exit 2)

    cfg = resolve_config(config_path)
    overrides = run_overrides(source, cfg, {
        "seed": seed, "cpus": cpus, "communities.method": method,
        "communities.resolution": resolution})
    overrides.update({"communities.stability_runs": 0, "analyses.resilience": False,
                      "analyses.recommendations": False, "analyses.gaps": False,
                      "analyses.evolution": False,
                      **{f"outputs.{o}": False for o in OUTPUTS if o != "map.html"}})
    cfg = cfg.override(overrides)
    progress = run_progress(quiet, verbose)
    with progress.step("load"):
        eco = load_data(cfg, source.data)
    analysis = analyze(eco, cfg, progress)
    path = export_graph(analysis, output, to=to)
    table = analysis.partners_table()
    info = {"command": "export", "path": str(path),
            "format": to or path.suffix.lstrip("."), "partners": eco.n_partners,
            "ties": eco.n_ties, "node_attributes": ["label", *map(str, table.columns)],
            "edge_attributes": ["weight", "strength", "distance", "count", "types",
                                "same_community", "bridge", "color"],
            "notes": {k: v for k, v in analysis.notes.items() if "switched off" not in v}}
    if fmt == "json":
        click.echo(to_json(info))
    else:
        click.echo(f"Wrote {path} ({eco.n_partners} partners, {eco.n_ties} ties, "
                   f"{len(info['node_attributes'])} node attributes)")
