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

from ..exceptions import InvalidParameterError, OutputError
from ..i18n import check_lang
from ..io.paths import REPORT_MARKER
from . import report as _report
from .summary import summary_dict

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis_result import AnalysisResult
    from ..progress import Progress

MARKER = REPORT_MARKER


# ---------------------------------------------------------------------- writing
SYSTEM_FOLDERS = ("/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/opt",
                  "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/usr", "/var", "/home",
                  "/tmp", "/mnt", "/media", "/Users", "/System", "/Library", "/Applications")
"""Folders an output may never be (nor, for /proc, /sys, /dev, lie inside)."""
NEVER_INSIDE = ("/proc", "/sys", "/dev")


def output_folder(directory: str | Path) -> Path:
    """The folder a report (or a batch) may be written to, or an error saying why not.

    A symlink is followed (the link is kept, its target receives the report). Refused:
    system folders (``/``, ``/etc``, ``/usr``, your home folder...), anything inside
    ``/proc``, ``/sys`` or ``/dev``, a path that is (or lies inside) a regular file, and a
    folder whose parent cannot be written.

    Examples
    --------
    >>> output_folder("/")
    Traceback (most recent call last):
    ...
    ecosystem.exceptions.InvalidParameterError: output '/' is a system folder; choose a folder of its own, e.g. reports/NAME
    """
    target = Path(directory).expanduser()
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    absolute = Path(os.path.abspath(target))
    text = absolute.as_posix()
    system = {Path(f).as_posix() for f in SYSTEM_FOLDERS} | {Path.home().as_posix()}
    if text in system or len(absolute.parts) <= 1 or any(
            text == f or text.startswith(f + "/") for f in NEVER_INSIDE):
        raise InvalidParameterError(f"output {str(directory)!r} is a system folder; choose a "
                                    "folder of its own, e.g. reports/NAME")
    if target.exists() and not target.is_dir():
        raise InvalidParameterError(f"output {str(directory)!r} exists and is not a folder")
    for parent in absolute.parents:
        if parent.exists():
            if not parent.is_dir():
                raise InvalidParameterError(
                    f"output {str(directory)!r}: {str(parent)!r} is a file, not a folder")
            if not os.access(parent, os.W_OK | os.X_OK):
                raise OutputError(str(parent), "permission denied (the folder cannot be written)")
            break
    return target


def output_file(path: str | Path) -> Path:
    """A file an output may be written to (``export -o``, ``map -o``), or an error: never
    inside ``/proc``, ``/sys`` or ``/dev``, never a folder, never below a regular file.

    Examples
    --------
    >>> output_file("/proc/x")
    Traceback (most recent call last):
    ...
    ecosystem.exceptions.InvalidParameterError: output '/proc/x' is inside a system folder; write into a folder of your own
    """
    target = Path(path).expanduser()
    absolute = Path(os.path.abspath(target))
    text = absolute.as_posix()
    if any(text == f or text.startswith(f + "/") for f in NEVER_INSIDE) or len(absolute.parts) <= 1:
        raise InvalidParameterError(f"output {str(path)!r} is inside a system folder; write into a "
                                    "folder of your own")
    if target.is_dir():
        raise InvalidParameterError(f"output {str(path)!r} is a folder; give a file name")
    for parent in absolute.parents:
        if parent.exists():
            if not parent.is_dir():
                raise InvalidParameterError(
                    f"output {str(path)!r}: {str(parent)!r} is a file, not a folder")
            break
    return target


def _check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise InvalidParameterError(f"output {str(target)!r} exists and is not a folder")
    if target.is_dir() and any(p for p in target.iterdir()):
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


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def recover_output(target: Path) -> None:
    """Tidy what killed runs left beside ``target``: restore the previous report when a
    crash came between the two renames of a swap, remove stale temporary folders.

    A temporary folder ``.NAME.tmp-PID-XXXX`` of a process still running is left alone.
    """
    parent = target.parent
    if not parent.is_dir():
        return
    prefix = f".{target.name}."
    olds, tmps = [], []
    try:
        for p in parent.iterdir():
            if not p.name.startswith(prefix):
                continue
            rest = p.name[len(prefix):]
            if rest.startswith("old-"):
                olds.append(p)
            elif rest.startswith("tmp-"):
                tmps.append(p)
    except OSError:
        return
    for p in tmps:
        pid = p.name[len(prefix) + 4:].split("-")[0]
        if not (pid.isdigit() and _pid_alive(int(pid)) and int(pid) != os.getpid()):
            shutil.rmtree(p, ignore_errors=True)
    olds.sort(key=lambda p: p.stat().st_mtime if p.exists() else 0, reverse=True)
    if olds and not target.exists() and not target.is_symlink():
        try:
            os.replace(olds[0], target)  # the last good report, back under its own name
            olds = olds[1:]
        except OSError:
            pass
    for p in olds:
        shutil.rmtree(p, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(str(a)), at_fdcwd, os.fsencode(str(b)),
                 rename_exchange) == 0:
        return True
    return False  # EINVAL/ENOSYS (filesystem without it): fall back to two renames


def _swap_into_place(tmp: Path, target: Path) -> None:
    """Put ``tmp`` at ``target``. With an existing report, swap the two atomically where the
    system allows (the output path is never empty); otherwise rename the old one aside
    first: a crash between the two renames is repaired by :func:`recover_output`."""
    if target.exists() and _exchange(tmp, target):
        shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the previous report
        return
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


def write_report(analysis: "AnalysisResult", directory: str | Path, *, lang: str | None = None,
                 outputs: Mapping[str, bool] | Iterable[str] | None = None,
                 progress: "Progress | None" = None) -> dict[str, Any]:
    """Write the report folder atomically; return ``{"directory", "files", "lang", ...}``.

    Files (each switchable in the configuration's ``outputs``): report.html, report.md,
    partners.csv, communities.csv, recommendations.csv, summary.json, metrics.xlsx (with
    ties.csv, every tie: the workbook's ``ties`` sheet holds only the
    :data:`~ecosystem.export.XLSX_MAX_TIES` strongest, see
    :func:`~ecosystem.export.workbook_tables`; the cap is noted in the workbook's
    ``notes`` sheet and in the returned ``notes["metrics.xlsx"]``), map.html, map.png.
    They are written into a hidden sibling folder which replaces ``directory`` only after every file was written, so an interrupted or failed run
    leaves the previous report untouched.
    """
    from ..config import OUTPUTS
    from ..progress import Progress
    from .image import write_image
    from .map.spec import result_map_spec
    from .map.view import map_files, map_html, write_map

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
    target = output_folder(directory)
    try:
        recover_output(target)
        _check_target(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.parent / f".{target.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        tmp.mkdir()
    except OSError as err:
        raise OutputError(str(err.filename or target), err.strerror or str(err)) from None
    files: list[str] = []
    notes = dict(analysis.notes)
    try:
        with progress.run("report", total=sum(wanted.values()) + 1
                          + int(want_ties and "ties.csv" not in wanted)
                          + int(wanted["report.html"] or wanted["report.md"])):
            spec = None
            map_page = None
            png = None
            # the tables (CSV files, metrics.xlsx) are written beside the map and the report
            tables_job = _start_tables(analysis, tmp, wanted, want_ties, lang)
            if wanted["map.html"] or wanted["map.png"] or wanted["report.html"]:
                with progress.step("map"):
                    spec = result_map_spec(analysis, lang=lang)
                    map_page = map_html(spec, embed=True) if wanted["report.html"] else None
            if wanted["map.html"] and spec is not None:
                with progress.step("map.html"):
                    write_map(spec, tmp / "map.html")
                    files += [p.name for p in map_files(spec, tmp / "map.html") if p.exists()]
            if wanted["map.png"] and spec is not None:
                with progress.step("map.png"):
                    write_image(spec, tmp / "map.png")
                    files.append("map.png")
                    png = (tmp / "map.png").read_bytes()
            tables_at = len(files)  # the table files are listed here when they are done
            ctx = None
            if wanted["report.html"] or wanted["report.md"]:
                with progress.step("report context"):  # every section's data and charts
                    ctx = _report.report_context(analysis, lang, map_html=map_page, map_png=png)
                ctx["map_links"] = {"html": "map.html" in files, "png": "map.png" in files}
                if "map" in notes:
                    ctx["notes"].append(["map", notes["map"]])
            if wanted.get("risk_matrix.png") and analysis.risk is not None:
                with progress.step("risk_matrix.png"):
                    from .trust import write_risk_png

                    sec = ((ctx or {}).get("trust_risk") or {}).get("risk") or {}
                    if write_risk_png(analysis, tmp / "risk_matrix.png", lang,
                                      png=sec.get("png_bytes")):
                        files.append("risk_matrix.png")
            if wanted["report.html"]:
                with progress.step("report.html"):
                    (tmp / "report.html").write_text(_report.render_html(ctx), encoding="utf-8")
                    files.append("report.html")
            if wanted["report.md"]:
                with progress.step("report.md"):
                    (tmp / "report.md").write_text(_report.render_markdown(ctx), encoding="utf-8")
                    files.append("report.md")
            written = tables_job.result()  # the table files, written meanwhile
            for name, seconds, cpu, peak in written["steps"]:
                progress.record(name, seconds, cpu, worker=tables_job.in_worker, peak=peak)
            files[tables_at:tables_at] = written["files"]
            capped = written["cap"] or {}
            said = [f"the {sheets} hold{s} the {cap['rows']:,} {best} of {cap['of']:,} {what}; "
                    + (f"every {one} is in {cap['full_table']}" if cap["full_table"]
                       else f"{file} was not written")
                    for key, sheets, s, best, what, one, file in (
                        ("partners", "partner sheets", "", "best-ranked", "partners", "partner",
                         "partners.csv"),
                        ("ties", "ties sheet", "s", "strongest", "ties", "tie", "ties.csv"))
                    if (cap := capped.get(key))]
            if said:
                notes["metrics.xlsx"] = "; ".join(said)
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
    except OSError as err:  # a full disk, permissions: a user's problem, the old report stays
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(err, OutputError):
            raise
        raise OutputError(str(target), err.strerror or str(err)) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return {"directory": str(Path(directory)), "files": files, "lang": lang, "notes": notes}


def _start_tables(analysis: "AnalysisResult", tmp: Path, wanted: Mapping[str, bool],
                  want_ties: bool, lang: str = "en"):
    """Start writing the table files into ``tmp``: partners.csv, communities.csv,
    recommendations.csv, risk_matrix.csv and ties.csv, then metrics.xlsx (in a worker
    when there is a free core, see :class:`~ecosystem.parallel.Background`).
    The explanations (``why``) are in ``lang``, the English ones beside them.
    ``.result()`` gives ``{"files", "steps": [(file, seconds, cpu, peak)], "cap"}``
    (``cap``: the workbook's ties cap or None)."""
    import time

    from .. import export as _export
    from ..parallel import Background
    from ..progress import peak_memory
    from ..tables import all_tables, partners_table

    table_files = ("partners.csv", "communities.csv", "recommendations.csv", "risk_matrix.csv",
                   "ties.csv", "metrics.xlsx")

    def write() -> dict[str, Any]:
        files: list[str] = []
        steps: list[tuple[str, float, float, int | None]] = []
        out: dict[str, Any] = {"files": files, "steps": steps, "cap": None}

        def csv(name: str, frame: Any, step: bool = True) -> None:
            start, cpu = time.perf_counter(), time.process_time()
            _export.write_csv(frame() if callable(frame) else frame, tmp / name)
            files.append(name)
            if step:
                steps.append((name, time.perf_counter() - start, time.process_time() - cpu,
                              peak_memory()))

        if wanted["partners.csv"]:
            csv("partners.csv", lambda: partners_table(analysis, lang).reset_index())
        tables = None
        if (wanted["communities.csv"] or wanted["recommendations.csv"] or wanted["metrics.xlsx"]
                or want_ties):
            tables = all_tables(analysis, lang)
        for name in ("communities", "recommendations"):
            if wanted[f"{name}.csv"]:
                frame = tables.get(name) if tables else None
                csv(f"{name}.csv", pd.DataFrame() if frame is None else frame)
        if want_ties and tables is not None and "risk_matrix" in tables:
            csv("risk_matrix.csv", tables["risk_matrix"], step=False)
        if want_ties and tables is not None and "ties" in tables:
            csv("ties.csv", tables["ties"])
        if wanted["metrics.xlsx"]:
            start, cpu = time.perf_counter(), time.process_time()
            sheets = _export.workbook_tables(
                tables, max_ties=_export.XLSX_MAX_TIES, ties_file="ties.csv" if want_ties else None,
                max_partners=_export.XLSX_MAX_PARTNERS,
                partners_file="partners.csv" if wanted["partners.csv"] else None)
            _export.write_xlsx(sheets, tmp / "metrics.xlsx")
            files.append("metrics.xlsx")
            steps.append(("metrics.xlsx", time.perf_counter() - start,
                          time.process_time() - cpu, peak_memory()))
            out["cap"] = sheets.attrs["capped"]
        return out

    def cleanup() -> None:  # a failed worker: start again from nothing
        for name in table_files:
            (tmp / name).unlink(missing_ok=True)
            for leftover in tmp.glob(f".{name}.*.tmp"):
                leftover.unlink(missing_ok=True)

    return Background(write, cpus=analysis.config.values.get("cpus"), cleanup=cleanup)


__all__ = ["write_report", "MARKER", "output_folder", "output_file", "recover_output"]
