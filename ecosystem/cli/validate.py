"""``ecosystem validate``: check DATA and report every problem (file, row, column, value)."""
from __future__ import annotations

import sys

import click
import pandas as pd

from ..exceptions import InputDataError, Problem
from .common import echo_skipped, emit, handle_errors, read_text, to_json
from .options import Command, DataSource, data_options, format_option


def _problem_frame(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame([p.to_dict() for p in problems],
                        columns=["severity", "code", "file", "row", "column", "value", "message"])


def _print_problems(problems: list[Problem], *, err: bool = False, limit: int | None = None) -> None:
    shown = problems if limit is None else problems[:limit]
    for p in shown:
        click.echo(f"  - {p.severity}: {p}", err=err)
    if limit is not None and len(problems) > limit:
        click.echo(f"  ... and {len(problems) - limit} more (use --format json or csv for all)", err=err)


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in sorted(counts.items()))


@click.command("validate", cls=Command)
@data_options
@format_option()
@handle_errors
def validate_command(source: DataSource, fmt: str) -> None:
    """Check DATA and report every problem (file, row, column, value).

    Prints "OK: N partners, M relations, C components, S sectors" and the repairs made
    (merged duplicates, dropped self-loops, added partners), or every problem found.
    Exit code 0 when the data can be used, 2 when it cannot (with --strict also when
    anything had to be repaired).
    """
    from ..analysis.overview import overview, summary_line

    try:
        eco = source.load()
    except InputDataError as err:
        problems = err.problems
        errors = [p for p in problems if p.severity == "error"]
        payload = {"ok": False, "errors": len(errors),
                   "warnings": sum(p.severity == "warning" for p in problems),
                   "problems": [p.to_dict() for p in problems], "data": source.data,
                   "strict": bool(source.get("strict"))}
        if fmt == "json":
            click.echo(to_json(payload))
        elif fmt == "csv":
            emit(_problem_frame(problems), "csv")
        else:
            click.echo(f"FAILED: {len(errors):,} error{'s' if len(errors) != 1 else ''} in "
                       f"{source.data}" + (f" ({_counts_text(_count(errors))})" if errors else ""))
            _print_problems(errors)
            others = [p for p in problems if p.severity == "warning"]
            if others:
                click.echo(f"and {len(others):,} warning{'s' if len(others) != 1 else ''}:")
                _print_problems(others, limit=50)
            for p in problems:
                if p.severity == "info":
                    click.echo(f"note: {p}")
        sys.exit(2)
    info = overview(eco)
    problems = eco.report.problems
    warnings = [p for p in problems if p.severity == "warning"]
    notes = [p for p in problems if p.severity == "info"]
    if fmt == "json":
        click.echo(to_json({"ok": True, "summary": summary_line(info), "errors": 0,
                            "warnings": len(warnings), "problems": [p.to_dict() for p in problems],
                            "rows": eco.report.rows, "skipped_rows": eco.report.skipped(),
                            "overview": info, "data": source.data}))
    elif fmt == "csv":
        emit(_problem_frame(problems), "csv")
    else:
        click.echo(f"OK: {summary_line(info)}")
        read = read_text(eco)
        if read:
            click.echo(f"Read: {read}")
        echo_skipped(eco.report, err=False)
        warnings = [p for p in warnings if p.code != "skipped_row"]
        if warnings:
            click.echo(f"{len(warnings):,} warning{'s' if len(warnings) != 1 else ''} (repaired: "
                       f"{_counts_text(_count(warnings))}):")
            _print_problems(warnings, limit=50)
        for p in notes:
            click.echo(f"note: {p}")


def _count(problems: list[Problem]) -> dict[str, int]:
    out: dict[str, int] = {}
    for p in problems:
        out[p.code] = out.get(p.code, 0) + 1
    return out
