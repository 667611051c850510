"""The ``ecosystem`` command line (click).

Each command lives in the module named after it and is registered here by import.
Shared options are in :mod:`ecosystem.cli.options`, shared printing and error handling
in :mod:`ecosystem.cli.common`. Exit codes: 0 ok, 1 internal error, 2 bad input or usage.
"""
from __future__ import annotations

import click

from ..version import __version__
from .analyze import analyze_command
from .anchors import anchors_command
from .batch import batch_command
from .centrality import centrality_command
from .communities import communities_command
from .datasets import datasets_command
from .diff import diff_command
from .evolve import evolve_command
from .export import export_command
from .gaps import gaps_command
from .health import health_command
from .info import info_command
from .init import init_command
from .map import map_command
from .recommend import recommend_command
from .resilience import resilience_command
from .trust import trust_command
from .validate import validate_command


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="ecosystem")
def main() -> None:
    """Analyse partner ecosystems: anchor partners, communities, gaps, resilience, maps.

    DATA is a relations file (CSV, TSV, XLSX, GraphML, GEXF, JSON), an affiliation
    table, or the name of a bundled dataset (see `ecosystem datasets`).
    """


COMMANDS: tuple[click.Command, ...] = (
    analyze_command, anchors_command, batch_command, centrality_command, communities_command,
    datasets_command, diff_command, evolve_command, export_command, gaps_command,
    health_command, info_command, init_command, map_command, recommend_command,
    resilience_command, trust_command, validate_command)
"""Every command, in the order ``ecosystem --help`` lists them."""

for _command in COMMANDS:
    main.add_command(_command)

__all__ = ["COMMANDS", "main"]
