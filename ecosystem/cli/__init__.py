"""The ``ecosystem`` command line (click).

Each command lives in its own module and is registered here. Exit codes: 0 ok,
1 internal error, 2 bad input or usage.
"""
from __future__ import annotations

import click

from ..version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="ecosystem")
def main() -> None:
    """Analyse partner ecosystems: anchor partners, communities, gaps, resilience, maps.

    DATA is a relations file (CSV, TSV, XLSX, GraphML, GEXF, JSON), an affiliation
    table, or the name of a bundled dataset (see `ecosystem datasets`).
    """


def _register() -> None:
    import importlib

    for name in COMMAND_MODULES:
        module = importlib.import_module(f".{name}", __name__)
        for command in getattr(module, "COMMANDS", []):
            main.add_command(command)


# One module per group of commands; each exposes COMMANDS = [click commands].
COMMAND_MODULES: list[str] = ["anchors", "data", "evolve", "analyze", "gaps", "map", "trust"]

_register()
