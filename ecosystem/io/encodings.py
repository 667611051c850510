"""Decode the bytes of a text file: UTF-8 (with or without BOM), CP949/EUC-KR, Latin-1.

Detection order (each step must decode the *whole* file strictly):

0. a UTF-16/UTF-32 byte-order mark (Excel's "Unicode Text" export is UTF-16, tab-separated);
1. ``utf-8-sig`` (plain UTF-8, or UTF-8 with the BOM Excel writes);
2. ``cp949`` (Korean Excel's "CSV"; a superset of EUC-KR), accepted only when the
   decoded non-ASCII text is mostly Hangul, so Western text is not misread as Korean;
3. the best guess of ``charset_normalizer``, when backed by at least 64 non-ASCII bytes
   (short samples give unreliable guesses);
4. ``cp1252`` (Windows Western, what Excel writes) if it decodes, else ``latin-1``
   (never fails: every byte is a character).

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


def read_bytes(path: str | Path) -> bytes:
    """The raw bytes of a file (gunzipped when it ends in ``.gz``)."""
    path = Path(path)
    if not path.exists():
        raise InputDataError([Problem("file not found", file=str(path), code="missing_file")])
    if path.is_dir():
        raise InputDataError([Problem("is a folder, not a file", file=str(path), code="missing_file")])
    data = path.read_bytes()
    if path.suffix.lower() == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as err:
            raise InputDataError([Problem(f"not a valid gzip file ({err})", file=str(path),
                                          code="bad_file")]) from None
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
    non_ascii = sum(1 for b in data if b > 127)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            codec = codecs.lookup(best.encoding).name
            # short samples make guesses unreliable: trust a non-Latin guess only with evidence
            if codec not in ("utf-8", "cp949") and non_ascii >= 64:
                return DecodedText(data.decode(codec, errors="strict"), codec, True)
    except (ImportError, LookupError, UnicodeDecodeError):  # pragma: no cover - fallbacks
        pass
    try:
        return DecodedText(data.decode("cp1252", errors="strict"), "cp1252", True)
    except UnicodeDecodeError:
        return DecodedText(data.decode("latin-1"), "latin-1", True)


def read_text(path: str | Path, *, encoding: str | None = None) -> DecodedText:
    """Read and decode a text file (see :func:`decode_bytes`).

    Examples
    --------
    >>> from ecosystem.io.datasets import datasets_dir
    >>> read_text(datasets_dir() / "zachary_karate" / "karate_edges.csv").encoding
    'utf-8'
    """
    return decode_bytes(read_bytes(path), encoding=encoding, file=str(path))
