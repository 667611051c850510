"""One family of user-facing errors.

Every error the engine raises on purpose for a user's data or parameters derives from
:class:`EcosystemError`. The CLI turns it into a message on stderr and exit code 2;
anything else is a bug (exit code 1).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable


@dataclass(frozen=True)
class Problem:
    """One problem found in the input: where it is, what it is.

    ``severity`` is ``"error"`` (the input cannot be used), ``"warning"`` (something was
    repaired: merged, dropped, added) or ``"info"``.
    """

    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None
    severity: str = "error"
    code: str = "invalid"

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        prefix = ", ".join(where)
        value = ""
        if self.value is not None and self.value != "":
            value = f" (value: {self.value!r})"
        return f"{prefix}: {self.message}{value}" if prefix else f"{self.message}{value}"

    def to_dict(self) -> dict:
        value = self.value
        if value is not None and not isinstance(value, (str, int, float, bool)):
            value = str(value)
        return {"severity": self.severity, "code": self.code, "file": self.file,
                "row": self.row, "column": self.column, "value": value,
                "message": self.message}


class EcosystemError(Exception):
    """Root of every error raised on purpose (exit code 2 in the CLI)."""

    exit_code = 2


class InputDataError(EcosystemError, ValueError):
    """The input files or tables cannot be used. Carries every problem found."""

    def __init__(self, problems: Iterable[Problem] | str, *, file: str | None = None):
        if isinstance(problems, str):
            problems = [Problem(problems, file=file)]
        self.problems: list[Problem] = list(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        errors = [p for p in self.problems if p.severity == "error"] or self.problems
        head = f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in the input"
        lines = [head + ":"] + [f"  - {p}" for p in errors[:200]]
        if len(errors) > 200:
            lines.append(f"  ... and {len(errors) - 200} more")
        return "\n".join(lines)


class UnsupportedFormatError(EcosystemError, ValueError):
    """Unknown file type, or a format that needs a missing optional dependency."""


class PartnerNotFoundError(EcosystemError, LookupError):
    """A partner named by the user is not in the ecosystem."""

    def __str__(self) -> str:  # LookupError/KeyError would add quotes
        return str(self.args[0]) if self.args else ""


class EmptyGraphError(EcosystemError, ValueError):
    """The analysis needs at least one partner (or one relation)."""


class InvalidParameterError(EcosystemError, ValueError):
    """A parameter is out of range or unknown; the message names it and its value."""


class OutputError(EcosystemError, OSError):
    """An output cannot be written (permissions, a full disk, a path that is not a folder);
    the message names the path and the reason. Nothing half-written is left behind."""

    def __init__(self, path: str, reason: str):
        self.path, self.reason = str(path), reason
        Exception.__init__(self, f"cannot write {str(path)!r}: {reason}")

    def __str__(self) -> str:
        return f"cannot write {self.path!r}: {self.reason}"


class EcosystemWarning(UserWarning):
    """Data was repaired (merged, dropped, added) or a result is approximate."""
