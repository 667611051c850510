"""``ecosystem batch``: many ecosystems or scenarios from one BATCH.yaml, one report each."""
from __future__ import annotations

import sys

import click
import pandas as pd

from .common import emit, handle_errors, run_progress, to_json
from .options import (Command, format_option, lang_option, output_option, quiet_option,
                      verbose_option)


@click.command("batch", cls=Command)
@click.argument("batch_file", metavar="BATCH.yaml", type=click.Path(dir_okay=False))
@output_option("Folder for the reports and index.html (default: the file's 'output' key, "
               "else reports/<batch name>/).", metavar="DIR")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Local worker processes running reports in parallel.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Run on a Dask distributed cluster, e.g. tcp://10.0.0.5:8786 "
                   "(needs dask[distributed]; data paths must be readable by the workers).")
@lang_option(None, "Language of every report.")
@quiet_option()
@verbose_option("Log each run with its duration (stderr).")
@format_option(("table", "json"), None)
@handle_errors
def batch_command(batch_file: str, output: str | None, jobs: int, scheduler: str | None,
                  lang: str | None, quiet: bool, verbose: bool, fmt: str) -> None:
    """Run many ecosystems or scenarios from BATCH.yaml; one report each plus index.html.

    Keeps going past a failing run, lists failures at the end and exits with
    code 2 if any run failed.

    \b
    BATCH.yaml:
      output: reports/regions
      config: base.yaml            # shared settings (optional)
      defaults: {seed: 1}          # shared overrides (optional)
      runs:
        - name: seoul
          data: seoul_relations.csv
          partners: seoul_partners.csv
        - name: busan-2023
          data: busan.csv
          config: {communities: {resolution: 1.2}}
    """
    from ..batch import load_batch, run_batch

    spec = load_batch(batch_file, output=output, lang=lang)
    progress = run_progress(quiet, verbose)
    result = run_batch(spec, jobs=jobs, scheduler=scheduler, progress=progress)
    failed = [r for r in result["runs"] if r["status"] != "ok"]
    if fmt == "json":
        click.echo(to_json({"command": "batch", **result}))
    else:
        rows = pd.DataFrame([{"run": r["name"], "status": r["status"],
                              "partners": (r.get("kpis") or {}).get("partners"),
                              "communities": (r.get("kpis") or {}).get("communities"),
                              "seconds": r.get("seconds"),
                              "report": r.get("report") or ""} for r in result["runs"]])
        emit(rows, "table", title=f"Batch {result['name']}: {len(result['runs']) - len(failed)} "
                                   f"ok, {len(failed)} failed -> {result['index']}")
    if failed:
        click.echo(f"{len(failed)} run{'s' if len(failed) != 1 else ''} failed:", err=True)
        for r in failed:
            click.echo(f"  - {r['name']}: {r['error']}", err=True)
        sys.exit(2)
