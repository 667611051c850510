"""``ecosystem info``: headline numbers of DATA."""
from __future__ import annotations

from typing import Any

import click
import pandas as pd

from .common import emit, handle_errors, read_text, to_json
from .options import Command, DataSource, data_options, format_option


@click.command("info", cls=Command)
@data_options
@format_option()
@handle_errors
def info_command(source: DataSource, fmt: str) -> None:
    """Headline numbers of DATA: partners, relations, ties, density, components, sectors, types."""
    from ..analysis.overview import overview

    eco = source.load()
    info = overview(eco)
    scalar_keys = ["name", "partners", "relations", "ties", "directed", "density", "components",
                   "largest_component", "largest_component_share", "isolates", "total_strength",
                   "mean_degree", "warnings"]
    rows = [{"measure": k, "value": info[k]} for k in scalar_keys]
    rows.append({"measure": "encoding", "value": ", ".join(f"{k}: {v}" for k, v in info["encoding"].items())})
    if info.get("dates") and info["dates"]["first"]:
        d = info["dates"]
        rows.append({"measure": "dates", "value": f"{d['first']} .. {d['last']} ({d['column']}"
                     + (f"; {d['undated']:,} undated)" if d["undated"] else ")")})
    read = read_text(eco, encoding=False)
    if read:
        rows.append({"measure": "read as", "value": read})
    sectors = pd.DataFrame({"sector": list(info["sectors"]), "partners": list(info["sectors"].values())})
    types = pd.DataFrame({"type": list(info["relation_types"]),
                          "relations": list(info["relation_types"].values())})
    if fmt == "json":
        payload = dict(info)
        payload["metadata"] = eco.metadata
        payload["method"] = {"components": "connected components of the undirected view, isolates included",
                             "density": "2m/(n(n-1)) undirected; m/(n(n-1)) directed"}
        click.echo(to_json(payload))
        return
    if fmt == "csv":
        flat = rows + [{"measure": f"sector:{k}", "value": v} for k, v in info["sectors"].items()] + \
            [{"measure": f"type:{k}", "value": v} for k, v in info["relation_types"].items()]
        emit(pd.DataFrame(flat), "csv")
        return
    click.echo(f"Ecosystem {eco.name!r}")
    width = max(len(r["measure"]) for r in rows)
    for r in rows:
        click.echo(f"  {r['measure']:<{width}}  {_fmt_value(r['value'])}")
    click.echo("")
    emit(sectors, "table", title="Sectors")
    click.echo("")
    emit(types, "table", title="Relation types")


def _fmt_value(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        if v.is_integer():
            return f"{int(v):,}"
        return f"{v:,.1f}" if abs(v) >= 1000 else f"{v:.4g}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)
