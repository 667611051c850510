"""How input files are named in messages and reports: no author's folder names by default.

A report is shared with boards and partners; the absolute path of an input file
(``/home/kim/Documents/2024 strategy/partners.csv``) tells them the author's folders.
By default a file is named by its path relative to the working folder when it lies
inside it, by ``dataset/file`` for a bundled dataset, else by its file name alone.
``load(..., full_paths=True)`` (CLI ``--full-paths``, config ``report.full_paths``) keeps
full paths.
"""
from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

from ..exceptions import InputDataError, UnsupportedFormatError
from .datasets import datasets_dir

#: The file that marks a folder as a report ``ecosystem`` wrote (never input data).
REPORT_MARKER = ".ecosystem-report"

_SHEET = re.compile(r"^(?P<path>.*?)(?P<sheet> \[[^\]]*\])?$", re.S)


def display_path(text: str | os.PathLike | None, cwd: str | Path | None = None) -> str | None:
    """A file's name as shown in reports (see module notes); ``" [Sheet]"`` is kept.

    Examples
    --------
    >>> display_path("/home/kim/secret/partners.csv", cwd="/tmp")
    'partners.csv'
    >>> display_path("/tmp/data/relations.xlsx [Relations]", cwd="/tmp")
    'data/relations.xlsx [Relations]'
    >>> display_path("rel.csv", cwd="/tmp")
    'rel.csv'
    """
    if text is None:
        return None
    m = _SHEET.match(str(text))
    raw, sheet = m.group("path"), m.group("sheet") or ""
    if not raw:
        return str(text)
    base = Path(os.path.abspath(cwd if cwd is not None else os.getcwd()))
    path = Path(os.path.abspath(os.path.join(base, raw)))
    try:
        return path.relative_to(base).as_posix() + sheet if path != base else path.name + sheet
    except ValueError:
        pass
    try:
        return path.relative_to(Path(os.path.abspath(datasets_dir()))).as_posix() + sheet
    except ValueError:
        return path.name + sheet


def _relabel_text(text: str, paths: Iterable[str]) -> str:
    for p in sorted(set(paths), key=len, reverse=True):
        if p and p in text:
            text = text.replace(p, display_path(p) or p)
    return text


def relabel_error(err: Exception, paths: Iterable[Any] = ()) -> Exception:
    """The same error with file paths shown as :func:`display_path` gives them."""
    known = [str(p) for p in paths if p is not None]
    if isinstance(err, InputDataError):
        problems = [replace(p, file=display_path(p.file),
                            message=_relabel_text(p.message, known + ([p.file] if p.file else [])))
                    for p in err.problems]
        new = InputDataError(problems)
        return new
    if isinstance(err, UnsupportedFormatError):
        text = str(err)
        found = re.findall(r"(?:^|\s)(/[^\s:]+)", text)
        return UnsupportedFormatError(_relabel_text(text, known + found))
    return err


def relabel_ecosystem(eco: Any) -> None:
    """Show file paths of ``eco``'s validation report and metadata as in reports (in place)."""
    report = eco.report
    report.problems[:] = [replace(p, file=display_path(p.file),
                                  message=_relabel_text(p.message, [p.file] if p.file else []))
                          for p in report.problems]
    for key, value in list(report.sources.items()):
        report.sources[key] = display_path(value)
    source = (eco.metadata or {}).get("source")
    if isinstance(source, dict) and isinstance(source.get("files"), dict):
        source["files"] = {k: display_path(v) for k, v in source["files"].items()}


__all__ = ["display_path", "relabel_error", "relabel_ecosystem"]
