"""Data commands: ``validate``, ``info``, ``datasets``."""
from __future__ import annotations

import sys
from typing import Any

import click
import pandas as pd

from ..exceptions import EcosystemError, InputDataError, Problem
from .common import (data_options, emit, format_option, handle_errors, load_ecosystem,
                     pop_data_options, to_json)


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


@click.command("validate")
@data_options
@format_option
@handle_errors
def validate_command(fmt: str, **kwargs: Any) -> None:
    """Check DATA and report every problem (file, row, column, value).

    Prints "OK: N partners, M relations, C components, S sectors" and the repairs made
    (merged duplicates, dropped self-loops, added partners), or every problem found.
    Exit code 0 when the data can be used, 2 when it cannot (with --strict also when
    anything had to be repaired).
    """
    from ..analysis.overview import overview, summary_line

    opts = pop_data_options(kwargs)
    try:
        eco = load_ecosystem(**opts)
    except InputDataError as err:
        problems = err.problems
        errors = [p for p in problems if p.severity == "error"]
        payload = {"ok": False, "errors": len(errors),
                   "warnings": sum(p.severity == "warning" for p in problems),
                   "problems": [p.to_dict() for p in problems], "data": opts.get("data"),
                   "strict": bool(opts.get("strict"))}
        if fmt == "json":
            click.echo(to_json(payload))
        elif fmt == "csv":
            emit(_problem_frame(problems), "csv")
        else:
            click.echo(f"FAILED: {len(errors):,} error{'s' if len(errors) != 1 else ''} in "
                       f"{opts.get('data')}" + (f" ({_counts_text(_count(errors))})" if errors else ""))
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
                            "overview": info, "data": opts.get("data")}))
    elif fmt == "csv":
        emit(_problem_frame(problems), "csv")
    else:
        click.echo(f"OK: {summary_line(info)}")
        read = _read_text(eco)
        if read:
            click.echo(f"Read: {read}")
        from .common import echo_skipped

        echo_skipped(eco.report, err=False)
        warnings = [p for p in warnings if p.code != "skipped_row"]
        if warnings:
            click.echo(f"{len(warnings):,} warning{'s' if len(warnings) != 1 else ''} (repaired: "
                       f"{_counts_text(_count(warnings))}):")
            _print_problems(warnings, limit=50)
        for p in notes:
            click.echo(f"note: {p}")


def _read_text(eco, *, encoding: bool = True) -> str:
    """How the input was read: format, encoding, delimiter, sheets, projection."""
    source = eco.metadata.get("source") or {}
    parts = []
    fmt = source.get("format")
    if fmt:
        parts.append(fmt if fmt != "table" else "text table")
    enc = eco.report.encoding
    if enc and encoding:
        parts.append("encoding " + ", ".join(f"{k} {v}" for k, v in enc.items()))
    if source.get("delimiter"):
        parts.append(f"{source['delimiter']}-separated")
    if source.get("sheets"):
        sheets = source["sheets"]
        parts.append("sheets " + ", ".join(f"{k} '{v}'" for k, v in sheets.items() if v))
    aff = source.get("affiliation")
    if aff:
        parts.append(f"affiliation projected by {aff['partner_col']} x {aff['group_col']} "
                     f"({aff['weighting']}; {aff['projects']:,} projects, "
                     f"{aff['participations']:,} participations)")
    return "; ".join(parts)


def _count(problems: list[Problem]) -> dict[str, int]:
    out: dict[str, int] = {}
    for p in problems:
        out[p.code] = out.get(p.code, 0) + 1
    return out


@click.command("info")
@data_options
@format_option
@handle_errors
def info_command(fmt: str, **kwargs: Any) -> None:
    """Headline numbers of DATA: partners, relations, ties, density, components, sectors, types."""
    from ..analysis.overview import overview

    eco = load_ecosystem(**pop_data_options(kwargs))
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
    read = _read_text(eco, encoding=False)
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


@click.command("datasets")
@click.argument("name", required=False)
@format_option
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


COMMANDS = [validate_command, info_command, datasets_command]
