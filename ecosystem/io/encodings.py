"""Decode the bytes of a text file: UTF-8 (with or without BOM), CP949/EUC-KR, Latin-1.

Detection order (each step must decode the *whole* file strictly):

0. a UTF-16/UTF-32 byte-order mark (Excel's "Unicode Text" export is UTF-16, tab-separated);
1. ``utf-8-sig`` (plain UTF-8, or UTF-8 with the BOM Excel writes);
2. ``cp949`` (Korean Excel's "CSV"; a superset of EUC-KR), accepted only when the
   decoded non-ASCII text is mostly Hangul, so Western text is not misread as Korean;
3. a file that is almost UTF-8 or almost CP949 (a few damaged bytes), or whose rows are in
   different encodings (one UTF-8 row, one CP949 row), is an error naming the first row
   that cannot be decoded: never a silent re-reading as Latin-1;
4. the best guess of ``charset_normalizer``, when backed by at least 64 non-ASCII bytes
   (short samples give unreliable guesses);
5. ``cp1252`` (Windows Western, what Excel writes) if it decodes, else ``latin-1``
   (never fails: every byte is a character).

Steps 4 and 5 are guesses: :attr:`DecodedText.note` says so and names the first row with
non-ASCII text, and the readers add it to the validation report as a warning.

A forced encoding (``--encoding``) that does not fit gives an error naming the file,
the byte position and the row.
"""
from __future__ import annotations

import codecs
import gzip
from dataclasses import dataclass
from pathlib import Path

from ..exceptions import InputDataError, InvalidParameterError, Problem

ENCODING_ALIASES = {"euckr": "cp949", "euc-kr": "cp949", "euc_kr": "cp949", "ks_c_5601-1987": "cp949",
                    "uhc": "cp949", "ms949": "cp949", "excel": "utf-8-sig", "utf8bom": "utf-8-sig",
                    "latin1": "latin-1", "iso-8859-1": "latin-1"}


@dataclass(frozen=True)
class DecodedText:
    """Text of a file and how it was decoded (``detected`` False when forced)."""

    text: str
    encoding: str
    detected: bool
    note: str | None = None
    """Set when the encoding is a guess (Western single-byte text): says so, names the row."""


def read_bytes(path: str | Path) -> bytes:
    """The raw bytes of a file (gunzipped when it ends in ``.gz``), within the size limits.

    A missing or unreadable file, a folder, a file larger than ``max_file_mb`` or a pipe/
    device giving more than ``max_stream_mb`` (see :mod:`ecosystem.io.limits`) is an
    :class:`InputDataError` naming the file and the reason.
    """
    from .limits import current, limit_hint

    path = Path(path)
    file = str(path)
    if not path.exists():
        raise InputDataError([Problem("file not found", file=file, code="missing_file")])
    if path.is_dir():
        raise InputDataError([Problem("is a folder, not a file", file=file, code="missing_file")])
    limits = current()
    try:
        regular = path.is_file()
        cap = limits.bytes_for(regular)
        if regular and path.stat().st_size > cap:
            raise InputDataError([Problem(
                f"file is {path.stat().st_size / 2**20:,.0f} MB, more than the "
                f"{limits.max_file_mb:g} MB limit (max_file_mb); {limit_hint('max_file_mb')}",
                file=file, code="too_large")])
        with open(path, "rb") as fh:
            data = fh.read(cap + 1)
    except OSError as err:
        raise InputDataError([Problem(f"cannot be read: {err.strerror or err}", file=file,
                                      code="unreadable")]) from None
    if len(data) > cap:
        name = "max_file_mb" if regular else "max_stream_mb"
        raise InputDataError([Problem(
            f"more than {getattr(limits, name):g} MB read from "
            f"{'the file' if regular else 'a pipe or device (not a regular file)'}; stopped "
            f"({name}); {limit_hint(name)}", file=file, code="too_large")])
    if path.suffix.lower() == ".gz":
        import io

        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                data = gz.read(limits.bytes_for(True) + 1)
        except (OSError, EOFError) as err:
            raise InputDataError([Problem(f"not a valid gzip file ({err})", file=file,
                                          code="bad_file")]) from None
        if len(data) > limits.bytes_for(True):
            raise InputDataError([Problem(
                f"unpacks to more than {limits.max_file_mb:g} MB (max_file_mb); "
                f"{limit_hint('max_file_mb')}", file=file, code="too_large")])
    return data


def normalise_encoding(name: str) -> str:
    """Canonical codec name for a user-given encoding; unknown names are an error.

    Examples
    --------
    >>> normalise_encoding("EUC-KR")
    'cp949'
    >>> normalise_encoding("utf8")
    'utf-8'
    """
    key = str(name).strip().lower()
    if key in ENCODING_ALIASES:
        return ENCODING_ALIASES[key]
    try:
        name = codecs.lookup(key).name
        return {"iso8859-1": "latin-1", "euc_kr": "cp949"}.get(name, name)
    except LookupError:
        raise InvalidParameterError(
            f"unknown encoding {name!r}; use e.g. utf-8, utf-8-sig, cp949 (Korean Excel), "
            "euc-kr or latin-1") from None


def _row_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def _mostly_hangul(text: str) -> bool:
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    hangul = sum(1 for c in non_ascii
                 if "\uac00" <= c <= "\ud7a3" or "\u3130" <= c <= "\u318f" or "\u1100" <= c <= "\u11ff")
    # CP949 also holds Hanja, punctuation and symbols; Latin-1 text misread as CP949
    # decodes mostly to Hanja and rare symbols instead.
    return hangul >= 0.6 * len(non_ascii)


def _nearly_utf8(data: bytes, limit: int = 10) -> list[int]:
    """Byte positions of invalid UTF-8 sequences when the rest is clearly UTF-8, else []."""
    positions: list[int] = []
    pos = 0
    while len(positions) < limit:
        try:
            data[pos:].decode("utf-8")
            break
        except UnicodeDecodeError as err:
            positions.append(pos + err.start)
            pos += err.end
    if not positions:
        return []
    valid = data.decode("utf-8", errors="ignore")
    multibyte = sum(1 for c in valid if ord(c) > 127)
    return positions if multibyte >= 20 * len(positions) else []


def decode_bytes(data: bytes, *, encoding: str | None = None, file: str = "input") -> DecodedText:
    """Decode ``data`` with the given encoding, or detect it (see module notes).

    Raises
    ------
    InputDataError
        When a forced encoding does not fit, naming the byte position and the row.

    Examples
    --------
    >>> decode_bytes("삼성전자".encode("cp949")).encoding
    'cp949'
    >>> decode_bytes(b"\\xef\\xbb\\xbfid\\n1\\n").encoding
    'utf-8-sig'
    >>> decode_bytes("Société".encode("latin-1")).text
    'Société'
    """
    if encoding:
        codec = normalise_encoding(encoding)
        try:
            text = data.decode(codec, errors="strict")
        except UnicodeDecodeError as err:
            bad = data[err.start:err.start + 4]
            try:
                guess = decode_bytes(data, file=file).encoding
            except InputDataError:
                guess = "utf-8"  # UTF-8 with damaged bytes
            raise InputDataError([Problem(
                f"cannot be read as {encoding!r}: byte {bad[:1].hex(' ')} at byte position "
                f"{err.start} is not valid {codec} ({err.reason}); the file looks like "
                f"{guess!r}: try --encoding {guess} or leave --encoding out to detect it",
                file=file, row=_row_of(data, err.start), value=bad.hex(" "),
                code="bad_encoding")]) from None
        if codec == "utf-8" and text.startswith("\ufeff"):
            text = text[1:]
        return DecodedText(text, codec, False)
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):  # Excel "Unicode Text" export is UTF-16 with a BOM
            try:
                return DecodedText(data.decode(codec, errors="strict"), codec, True)
            except UnicodeDecodeError:
                break
    try:
        text = data.decode("utf-8-sig", errors="strict")
        return DecodedText(text, "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8", True)
    except UnicodeDecodeError:
        pass
    broken = _nearly_utf8(data)
    if broken:
        first: dict[int, int] = {}
        for pos in broken:
            first.setdefault(_row_of(data, pos), pos)
        raise InputDataError([Problem(
            "the file is UTF-8 except for invalid bytes here (damaged by copy-paste or a partial "
            f"save?): byte position {pos}. Fix this cell, or pass --encoding to read the whole "
            "file in another encoding", file=file, row=row, code="bad_encoding")
            for row, pos in first.items()])
    try:
        text = data.decode("cp949", errors="strict")
        if _mostly_hangul(text):
            return DecodedText(text, "cp949", True)
    except UnicodeDecodeError:
        pass
    damaged = _damaged_cp949(data, file) or _mixed_lines(data, file)
    if damaged:
        raise InputDataError([damaged])
    non_ascii = sum(1 for b in data if b > 127)
    first = _row_of(data, next(i for i, b in enumerate(data) if b > 127)) if non_ascii else None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            codec = codecs.lookup(best.encoding).name
            # short samples make guesses unreliable: trust a non-Latin guess only with evidence
            if codec not in ("utf-8", "cp949") and non_ascii >= 64:
                return DecodedText(data.decode(codec, errors="strict"), codec, True,
                                   _guess_note(codec, first))
    except (ImportError, LookupError, UnicodeDecodeError):  # pragma: no cover - fallbacks
        pass
    try:
        return DecodedText(data.decode("cp1252", errors="strict"), "cp1252", True,
                           _guess_note("cp1252", first))
    except UnicodeDecodeError:
        return DecodedText(data.decode("latin-1"), "latin-1", True, _guess_note("latin-1", first))


def _guess_note(codec: str, row: int | None) -> str:
    return (f"encoding not certain: read as {codec} (not UTF-8, not Korean CP949); the first "
            f"row with non-ASCII text is row {row}. Check the names there; if they look wrong, "
            "pass --encoding (e.g. cp949, utf-8, latin-1) or save the file as UTF-8")


def _invalid_positions(data: bytes, codec: str, limit: int = 10) -> list[int]:
    positions: list[int] = []
    pos = 0
    while len(positions) < limit and pos < len(data):
        try:
            data[pos:].decode(codec)
            break
        except UnicodeDecodeError as err:
            positions.append(pos + err.start)
            pos += max(err.end, err.start + 1)
    return positions


def _damaged_cp949(data: bytes, file: str) -> Problem | None:
    """Korean CP949 text with a few bytes that are not CP949 (a stray 0xFF...)."""
    bad = _invalid_positions(data, "cp949")
    if not bad:
        return None
    text = data.decode("cp949", errors="ignore")
    hangul = sum(1 for c in text if "\uac00" <= c <= "\ud7a3")
    if hangul < 20 * len(bad) or not _mostly_hangul(text):
        return None
    pos = bad[0]
    return Problem(
        f"the file looks like Korean CP949 (EUC-KR) but byte {data[pos:pos + 1].hex()} at byte "
        f"position {pos} is not valid CP949{' (and ' + str(len(bad) - 1) + ' more)' if len(bad) > 1 else ''}"
        "; fix this row (damaged by copy-paste or a partial save?), or pass --encoding to read "
        "the whole file in one encoding", file=file, row=_row_of(data, pos), value=data[pos:pos + 4].hex(" "),
        code="bad_encoding")


def _mixed_lines(data: bytes, file: str) -> Problem | None:
    """Some rows are UTF-8 and others are not: two encodings in one file."""
    utf8_row = other_row = None
    for row, line in enumerate(data.split(b"\n"), start=1):
        if not any(b > 127 for b in line):
            continue
        try:
            line.decode("utf-8")
            utf8_row = utf8_row or row
        except UnicodeDecodeError:
            other_row = other_row or row
        if utf8_row and other_row:
            return Problem(
                f"rows in different encodings: row {utf8_row} reads as UTF-8, row {other_row} "
                f"does not (the first row that cannot be decoded as UTF-8 is row {other_row}); "
                "save the file in one encoding (UTF-8), or pass --encoding to read it all in one",
                file=file, row=other_row, code="bad_encoding")
    return None


def read_text(path: str | Path, *, encoding: str | None = None) -> DecodedText:
    """Read and decode a text file (see :func:`decode_bytes`).

    Examples
    --------
    >>> from ecosystem.io.datasets import datasets_dir
    >>> read_text(datasets_dir() / "zachary_karate" / "karate_edges.csv").encoding
    'utf-8'
    """
    return decode_bytes(read_bytes(path), encoding=encoding, file=str(path))
