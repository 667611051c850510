"""``ecosystem init``: write a commented configuration template."""
from __future__ import annotations

from pathlib import Path

import click

from .common import handle_errors, to_json
from .options import Command, format_option


@click.command("init", cls=Command)
@click.argument("path", required=False, default="ecosystem.yaml", metavar="[PATH]")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@format_option(("table", "json"), None)
@handle_errors
def init_command(path: str, force: bool, fmt: str) -> None:
    """Write a commented configuration template (default ecosystem.yaml).

    Edit it, then run `ecosystem analyze --config ecosystem.yaml`.
    """
    from ..config import template
    from ..exceptions import InvalidParameterError
    from ..io.safe import write_text_atomic

    target = Path(path)
    if target.is_dir():
        target = target / "ecosystem.yaml"
    if target.exists() and not force:
        raise InvalidParameterError(f"{str(target)!r} already exists (use --force to overwrite)")
    write_text_atomic(target, template(target.name))
    if fmt == "json":
        click.echo(to_json({"command": "init", "path": str(target)}))
    else:
        click.echo(f"Wrote {target}. Edit it, then: ecosystem analyze --config {target}")
