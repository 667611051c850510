"""What loading found (:class:`ValidationReport`) and ``--skip-bad-rows``.

``--skip-bad-rows`` analyses the rest of a file, listing every row left out.

Strict by default: a row whose id, weight, date or year cannot be read stops the run
(exit 2, every problem listed). With ``skip_bad_rows`` such rows are left out instead;
each becomes a warning with code ``skipped_row`` naming the file, row, column and the
reason, and :attr:`ValidationReport.rows` counts, per table, the rows ``read``,
``skipped``, ``dropped`` (self-loops, merged duplicates) and ``used``, so that
``read = skipped + dropped + used``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

from .exceptions import Problem

SKIPPABLE = frozenset({"empty_id", "bad_weight", "bad_date", "unknown_partner", "bad_id"})
"""Problem codes of a single row that ``--skip-bad-rows`` may leave out."""


def skip_bad_rows(problems: list[Problem], files: Iterable[str]
                  ) -> tuple[list[Problem], dict[str, set[int]]]:
    """Turn row errors of ``files`` into ``skipped_row`` warnings; return the rows to drop.

    Examples
    --------
    >>> p = Problem("empty partner id in source", file="r.csv", row=3, column="source",
    ...             code="empty_id")
    >>> out, rows = skip_bad_rows([p], ["r.csv"])
    >>> out[0].code, out[0].severity, rows
    ('skipped_row', 'warning', {'r.csv': {3}})
    """
    files = set(files)
    rows: dict[str, set[int]] = {}
    out = []
    for p in problems:
        if (p.severity == "error" and p.code in SKIPPABLE and p.row is not None
                and p.file in files):
            rows.setdefault(p.file, set()).add(int(p.row))
            p = replace(p, message=f"row skipped (--skip-bad-rows): {p.message}",
                        severity="warning", code="skipped_row")
        out.append(p)
    return out, rows


def skipped_list(problems: Iterable[Problem]) -> list[dict]:
    """Every skipped row as ``{file, row, column, value, reason}`` (for summary.json)."""
    prefix = "row skipped (--skip-bad-rows): "
    return [{"file": p.file, "row": p.row, "column": p.column,
             "value": p.to_dict()["value"], "reason": p.message[len(prefix):]
             if p.message.startswith(prefix) else p.message}
            for p in problems if p.code == "skipped_row"]


@dataclass
class ValidationReport:
    """What loading found and repaired: every problem, and counts of each repair."""

    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    encoding: dict[str, str] = field(default_factory=dict)
    rows: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per table: rows ``read``, ``skipped`` (--skip-bad-rows), ``dropped`` (self-loops,
    merged duplicates) and ``used``; ``read = skipped + dropped + used``."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.problems:
            out[p.code] = out.get(p.code, 0) + 1
        return out

    def to_dict(self) -> dict:
        return {"errors": len(self.errors), "warnings": len(self.warnings),
                "counts": self.counts(), "sources": dict(self.sources),
                "encoding": dict(self.encoding), "rows": {k: dict(v) for k, v in self.rows.items()},
                "skipped_rows": self.skipped(),
                "problems": [p.to_dict() for p in self.problems]}

    def skipped(self) -> list[dict]:
        """Rows left out by ``--skip-bad-rows``: ``{file, row, column, value, reason}``."""
        return skipped_list(self.problems)


__all__ = ["SKIPPABLE", "ValidationReport", "skip_bad_rows", "skipped_list"]
