"""Limits for hostile sizes: a clear error instead of memory exhaustion or a hang.

A file may declare counts it does not hold (``*Vertices 2000000000``), nest JSON
100,000 levels deep, carry a 2 GB cell, or be a device (``/dev/zero``) that never ends.
Every reader checks these limits and raises :class:`~ecosystem.exceptions.InputDataError`
naming the file, the limit and how to raise it.

=====================  ===========  =====================================================
limit                  default      what it bounds
=====================  ===========  =====================================================
``max_file_mb``        2048         bytes read from a regular file (after gunzip)
``max_stream_mb``      256          bytes read from a non-regular file (pipe, device)
``max_declared_count`` 1,000,000    a count a file declares (Pajek ``*Vertices n``,
                                    UCINET ``N=``/``NR=``/``NC=``/``NM=`` cells)
``max_json_depth``     100          nesting of JSON arrays/objects
``max_field_chars``    1,000,000    characters in one cell / label / attribute value
``max_number_digits``  300          digits of one integer in JSON
=====================  ===========  =====================================================

Configurable in the configuration file (``limits:`` section), with
:func:`ecosystem.load(..., limits=...)` or for a block of code with :func:`use_limits`.

Examples
--------
>>> with use_limits(Limits(max_json_depth=10)):
...     current().max_json_depth
10
>>> current().max_json_depth
100
"""
from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass, fields, replace
from typing import Any, Iterator, Mapping

from ..exceptions import InvalidParameterError


@dataclass(frozen=True)
class Limits:
    """Upper bounds applied while reading input files (see module notes)."""

    max_file_mb: float = 2048
    max_stream_mb: float = 256
    max_declared_count: int = 1_000_000
    max_json_depth: int = 100
    max_field_chars: int = 1_000_000
    max_number_digits: int = 300

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None) -> "Limits":
        """Limits from a mapping (config ``limits:`` section); unknown keys are errors.

        Examples
        --------
        >>> Limits.from_mapping({"max_json_depth": 20}).max_json_depth
        20
        """
        known = {f.name for f in fields(cls)}
        out = cls()
        for key, value in dict(values or {}).items():
            if value is None:
                continue
            if key not in known:
                raise InvalidParameterError(f"unknown limit {key!r}; known: {', '.join(sorted(known))}")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise InvalidParameterError(f"limit {key} must be a number > 0, got {value!r}")
            out = replace(out, **{key: value})
        return out

    def bytes_for(self, regular: bool) -> int:
        """Most bytes read from a regular (True) or non-regular (False) file."""
        return int((self.max_file_mb if regular else self.max_stream_mb) * 1024 * 1024)


_CURRENT: contextvars.ContextVar[Limits] = contextvars.ContextVar("ecosystem_limits",
                                                                 default=Limits())


def current() -> Limits:
    """The limits in force (the defaults unless inside :func:`use_limits`)."""
    return _CURRENT.get()


@contextlib.contextmanager
def use_limits(limits: Limits | Mapping[str, Any] | None) -> Iterator[Limits]:
    """Apply ``limits`` (a :class:`Limits` or a mapping of overrides) inside the block."""
    if limits is None:
        yield current()
        return
    if not isinstance(limits, Limits):
        limits = Limits.from_mapping(limits)
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


def limit_hint(name: str) -> str:
    """How a user raises one limit (for error messages)."""
    return f"raise it with 'limits: {{{name}: ...}}' in the configuration if the file is genuine"


__all__ = ["Limits", "current", "use_limits", "limit_hint"]
