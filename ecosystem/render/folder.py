"""Write a report folder atomically: every file into a hidden sibling, then swap it in.

An interrupted or failed run never leaves a half-written report in place of a good one,
and a folder that is not an ecosystem report is never replaced.
"""
from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

import pandas as pd

from ..exceptions import InvalidParameterError
from ..i18n import check_lang
from . import report as _report
from .summary import summary_dict

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import Analysis
    from ..progress import Progress

MARKER = ".ecosystem-report"


# ---------------------------------------------------------------------- writing
def _check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise InvalidParameterError(f"output {str(target)!r} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()):
        if not (target / MARKER).exists() and not _is_report(target / "summary.json"):
            raise InvalidParameterError(
                f"output folder {str(target)!r} is not empty and does not hold an ecosystem "
                "report; choose a new folder (it would be replaced)")


def _is_report(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and (data.get("generator") or {}).get("name") == "ecosystem"


def _swap_into_place(tmp: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{uuid.uuid4().hex[:8]}"
        os.replace(target, old)
    try:
        os.replace(tmp, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_report(analysis: "Analysis", directory: str | Path, *, lang: str | None = None,
                 outputs: Mapping[str, bool] | Iterable[str] | None = None,
                 progress: "Progress | None" = None) -> dict[str, Any]:
    """Write the report folder atomically; return ``{"directory", "files", "lang", ...}``.

    Files (each switchable in the configuration's ``outputs``): report.html, report.md,
    partners.csv, communities.csv, recommendations.csv, summary.json, metrics.xlsx (with
    ties.csv, every tie: the workbook's ``ties`` sheet holds only the
    :data:`~ecosystem.render.export.XLSX_MAX_TIES` strongest, see
    :func:`~ecosystem.render.export.workbook_tables`; the cap is noted in the workbook's
    ``notes`` sheet and in the returned ``notes["metrics.xlsx"]``), map.html, map.png.
    They are written into a hidden sibling folder which replaces ``directory`` only after every file was written, so an interrupted or failed run
    leaves the previous report untouched.
    """
    from ..config import OUTPUTS
    from ..progress import Progress
    from .export import all_tables, partners_table, write_csv
    from . import export as _export

    lang = check_lang(lang or analysis.config.lang)
    wanted = {o: analysis.config.wants(o) for o in OUTPUTS}
    if outputs is not None:
        if isinstance(outputs, Mapping):
            wanted.update({k: bool(v) for k, v in outputs.items()})
        else:
            chosen = set(outputs)
            wanted = {o: o in chosen for o in OUTPUTS}
        unknown = set(wanted) - set(OUTPUTS)
        if unknown:
            raise InvalidParameterError(f"unknown output {sorted(unknown)[0]!r}; "
                                        f"known: {', '.join(OUTPUTS)}")
    progress = progress or Progress(quiet=True)
    # ties.csv (every tie) comes with metrics.xlsx unless switched on its own
    want_ties = wanted.get("ties.csv", wanted["metrics.xlsx"])
    target = Path(directory)
    _check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.tmp-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    files: list[str] = []
    notes = dict(analysis.notes)
    try:
        with progress.run("report", total=sum(wanted.values()) + 1
                          + int(want_ties and "ties.csv" not in wanted)):
            spec = None
            map_page = None
            png = None
            xlsx = None  # the workbook is the slowest file: written beside the others
            if wanted["metrics.xlsx"]:
                xlsx = _start_workbook(analysis, tmp, want_ties)
            if wanted["map.html"] or wanted["map.png"] or wanted["report.html"]:
                with progress.step("map"):
                    try:
                        from .maps import map_files, map_html, write_map

                        spec = analysis.map_spec(lang=lang)
                        map_page = map_html(spec, embed=True) if wanted["report.html"] else None
                    except ImportError as err:
                        notes["map"] = f"maps are not available ({err})"
            if wanted["map.html"] and spec is not None:
                with progress.step("map.html"):
                    write_map(spec, tmp / "map.html")
                    files += [p.name for p in map_files(spec, tmp / "map.html") if p.exists()]
            if wanted["map.png"] and spec is not None:
                with progress.step("map.png"):
                    try:
                        from .image import write_image

                        write_image(spec, tmp / "map.png")
                        files.append("map.png")
                        png = (tmp / "map.png").read_bytes()
                    except ImportError as err:
                        notes["map.png"] = f"static images are not available ({err})"
            tables = None
            if wanted["partners.csv"]:
                with progress.step("partners.csv"):
                    write_csv(partners_table(analysis).reset_index(), tmp / "partners.csv")
                    files.append("partners.csv")
            if (wanted["communities.csv"] or wanted["recommendations.csv"] or wanted["metrics.xlsx"]
                    or want_ties):
                tables = all_tables(analysis)
            for name in ("communities", "recommendations"):
                if wanted[f"{name}.csv"]:
                    with progress.step(f"{name}.csv"):
                        frame = tables.get(name) if tables else None
                        if frame is None:
                            frame = pd.DataFrame()
                        write_csv(frame, tmp / f"{name}.csv")
                        files.append(f"{name}.csv")
            if want_ties and tables is not None and "ties" in tables:
                with progress.step("ties.csv"):
                    write_csv(tables["ties"], tmp / "ties.csv")
                    files.append("ties.csv")
            if wanted["metrics.xlsx"]:
                with progress.step("metrics.xlsx"):
                    cap = xlsx.result()
                    files.append("metrics.xlsx")
                    if cap:
                        notes["metrics.xlsx"] = (
                            f"the ties sheet holds the {cap['rows']:,} strongest of {cap['of']:,} "
                            "ties; " + (f"every tie is in {cap['full_table']}"
                                        if cap["full_table"] else "ties.csv was not written"))
            ctx = None
            if wanted["report.html"] or wanted["report.md"]:
                ctx = _report.report_context(analysis, lang, map_html=map_page, map_png=png)
                ctx["map_links"] = {"html": "map.html" in files, "png": "map.png" in files}
                if "map" in notes:
                    ctx["notes"].append(["map", notes["map"]])
            if wanted["report.html"]:
                with progress.step("report.html"):
                    (tmp / "report.html").write_text(_report.render_html(ctx), encoding="utf-8")
                    files.append("report.html")
            if wanted["report.md"]:
                with progress.step("report.md"):
                    (tmp / "report.md").write_text(_report.render_markdown(ctx), encoding="utf-8")
                    files.append("report.md")
            if wanted["summary.json"]:
                with progress.step("summary.json"):
                    summary = summary_dict(analysis)
                    summary["notes"] = notes
                    summary["outputs"] = files + ["summary.json"]
                    summary["lang"] = lang
                    (tmp / "summary.json").write_text(
                        json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
                    files.append("summary.json")
            (tmp / MARKER).write_text(json.dumps({"generator": "ecosystem", "files": files}),
                                      encoding="utf-8")
        mask = os.umask(0)
        os.umask(mask)
        for f in tmp.iterdir():  # mkstemp files are 0600; give them normal permissions
            if f.is_file():
                f.chmod(0o666 & ~mask)
        _swap_into_place(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return {"directory": str(target), "files": files, "lang": lang, "notes": notes}


def _start_workbook(analysis: "Analysis", tmp: Path, want_ties: bool):
    """Start writing ``metrics.xlsx`` (in a worker when there is a free core, see
    :class:`~ecosystem.parallel.Background`); ``.result()`` gives the ties cap or None."""
    from ..parallel import Background
    from . import export as _export

    def write() -> dict[str, Any] | None:
        sheets = _export.workbook_tables(_export.all_tables(analysis),
                                         max_ties=_export.XLSX_MAX_TIES,
                                         ties_file="ties.csv" if want_ties else None)
        _export.write_xlsx(sheets, tmp / "metrics.xlsx")
        return sheets.attrs["capped"].get("ties")

    def cleanup() -> None:
        for leftover in tmp.glob(".metrics.xlsx.*.tmp"):
            leftover.unlink(missing_ok=True)

    return Background(write, cpus=analysis.config.values.get("cpus"), cleanup=cleanup)


__all__ = ["write_report", "MARKER"]
