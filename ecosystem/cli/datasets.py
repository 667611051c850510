"""``ecosystem datasets``: the bundled datasets and their cards."""
from __future__ import annotations

import click
import pandas as pd

from ..exceptions import EcosystemError
from .common import emit, handle_errors, to_json
from .options import Command, format_option


@click.command("datasets", cls=Command)
@click.argument("name", required=False)
@format_option()
@handle_errors
def datasets_command(name: str | None, fmt: str) -> None:
    """List the bundled datasets, or show one dataset's card (provenance, licence, columns).

    Any DATA argument accepts these names, e.g. `ecosystem info karate`.
    """
    from ..io import datasets as D

    try:
        root = D.datasets_dir()
    except EcosystemError:
        root = None
    if name is None:
        rows = []
        for spec in D.list_datasets():
            d = spec.to_dict(root)
            rows.append({"name": spec.name, "kind": spec.kind, "title": spec.title,
                         "size_kb": round(d.get("size_bytes", 0) / 1024, 1),
                         "licence": spec.licence, "commercial_use": spec.commercial_use})
        table = pd.DataFrame(rows)
        if fmt == "json":
            click.echo(to_json({"datasets": [s.to_dict(root) for s in D.list_datasets()],
                                "folder": str(root) if root else None}))
        elif fmt == "csv":
            emit(table, "csv")
        else:
            view = table[["name", "kind", "size_kb", "title"]]
            emit(view, "table", title=f"Bundled datasets ({root})")
            click.echo("\nShow one: ecosystem datasets NAME   Use one: ecosystem info NAME")
        return
    spec = D.get(name)
    if fmt == "json":
        d = spec.to_dict(root)
        d["card"] = D.card(spec.name)
        click.echo(to_json(d))
        return
    d = spec.to_dict(root)
    lines = [f"{spec.name}: {spec.title}", "", spec.description, "",
             f"Licence: {spec.licence}", f"Cite: {spec.citation}",
             f"Commercial use: {'yes' if spec.commercial_use else 'no (non-commercial licence)'}",
             f"Files: {', '.join(d.get('files', {}).values())}", ""]
    click.echo("\n".join(lines))
    click.echo(D.card(spec.name))
