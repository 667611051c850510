"""Fonts for static images: Hangul and Latin names must render as text, not boxes.

matplotlib's default font (DejaVu Sans) has no Hangul. The engine depends on the
``koreanize-matplotlib`` package only for the font files it ships (NanumGothic, SIL Open
Font License); we register them with matplotlib without importing that package (which
would change global settings). A system font with Hangul (Debian ``fonts-nanum`` or
``fonts-noto-cjk``) is used when the package is missing.

:func:`embedded_font_css` does the same for HTML: a ``@font-face`` rule carrying a subset
of NanumGothic (only the characters a page uses), so that a browser without any CJK
font still draws Hangul.
"""
from __future__ import annotations

import base64
import importlib.util
import io
from functools import lru_cache
from pathlib import Path

FALLBACK = ["DejaVu Sans"]

EMBEDDED_FAMILY = "Ecosystem Hangul"
"""The CSS family name of the embedded NanumGothic subset (see :func:`embedded_font_css`)."""


def bundled_font_file() -> Path | None:
    """The regular NanumGothic file shipped by ``koreanize-matplotlib`` (SIL OFL), if installed.

    Examples
    --------
    >>> f = bundled_font_file()
    >>> f is None or f.name == "NanumGothic.ttf"
    True
    """
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec and spec.origin:
        f = Path(spec.origin).parent / "fonts" / "NanumGothic.ttf"
        if f.is_file():
            return f
    f = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
    return f if f.is_file() else None


@lru_cache(maxsize=64)
def _subset_woff(font_file: str, codepoints: tuple[int, ...]) -> tuple[bytes, tuple[int, ...]]:
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "TSI0 NOT subset" chatter
    # no bounding-box recalculation on save: the glyphs are kept as they are (their boxes do
    # not change by subsetting), about 2x faster than expanding every glyph to recompile it
    font = TTFont(font_file, recalcTimestamp=False, recalcBBoxes=False)
    cmap = font.getBestCmap() or {}
    covered = tuple(c for c in codepoints if c in cmap)
    if not covered:
        return b"", ()
    options = subset.Options()
    options.flavor = "woff"            # zlib-compressed; woff2 would need brotli
    options.layout_features = ["*"]
    options.name_IDs = ["*"]           # keep the copyright and OFL licence records
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False   # same text -> same bytes
    sub = subset.Subsetter(options)
    sub.populate(unicodes=covered)
    sub.subset(font)
    font.flavor = "woff"
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    return buf.getvalue(), covered


def _unicode_range(codepoints: tuple[int, ...]) -> str:
    ranges: list[str] = []
    start = prev = None
    for c in codepoints:
        if start is None:
            start = prev = c
        elif c == prev + 1:
            prev = c
        else:
            ranges.append(f"U+{start:X}" if start == prev else f"U+{start:X}-{prev:X}")
            start = prev = c
    if start is not None:
        ranges.append(f"U+{start:X}" if start == prev else f"U+{start:X}-{prev:X}")
    return ", ".join(ranges)


def text_chars(text: str) -> set[str]:
    """``set(text)``, in a few C passes over the text instead of one step per character.

    ASCII characters are counted on the UTF-8 bytes (they never occur inside a multi-byte
    sequence); the rest is decoded from what remains once those bytes are dropped.

    Examples
    --------
    >>> sorted(text_chars("가a나a!"))
    ['!', 'a', '가', '나']
    """
    import numpy as np

    raw = text.encode("utf-8", "surrogatepass")
    seen = np.zeros(256, dtype=bool)
    seen[np.frombuffer(raw, dtype=np.uint8)] = True
    chars = {chr(b) for b in np.flatnonzero(seen[:128]).tolist()}
    rest = raw.translate(None, bytes(range(128)))
    if rest:
        chars |= set(rest.decode("utf-8", "surrogatepass"))
    return chars


def embedded_font_css(text: str, family: str = EMBEDDED_FAMILY, *,
                      font_file: str | Path | None = None) -> str:
    """A CSS ``@font-face`` rule embedding the glyphs ``text`` needs, as a base64 WOFF.

    The font is a subset (``fontTools.subset``) of the bundled NanumGothic (SIL Open Font
    License; the licence records are kept in the subset) with exactly the characters of
    ``text`` the font covers (Hangul, Latin, digits, punctuation ...); ``unicode-range``
    lists them, so the browser uses the rule only for those characters. Use it first in a
    ``font-family`` list: ``font-family: "Ecosystem Hangul", system-ui, sans-serif``.
    Deterministic: the same text gives the same bytes. Returns ``""`` when no font file
    is available or the font covers none of the characters.

    Parameters
    ----------
    text : str
        Every text the page shows (order and repetitions do not matter).
    family : str
        The CSS family name to declare.
    font_file : path, optional
        A TrueType file to subset instead of the bundled NanumGothic.

    Examples
    --------
    >>> css = embedded_font_css("생태계 report")
    >>> css == "" or ("@font-face {" in css and "U+C0DD" in css)
    True
    >>> embedded_font_css("생태계") == embedded_font_css("계태생계")
    True
    """
    path = Path(font_file) if font_file is not None else bundled_font_file()
    if path is None:
        return ""
    codepoints = tuple(sorted({ord(ch) for ch in str(text) if ord(ch) >= 0x20}))
    data, covered = _subset_woff(str(path), codepoints)
    if not data:
        return ""
    quoted = '"' + "".join(ch for ch in family if ch.isalnum() or ch in " -_") + '"'
    b64 = base64.b64encode(data).decode("ascii")
    return (f"/* {path.stem} subset, SIL Open Font License 1.1 (scripts.sil.org/OFL) */\n"
            "@font-face {\n"
            f"  font-family: {quoted};\n"
            "  font-style: normal;\n"
            "  font-weight: 400;\n"           # bold is synthesised, not squashed to 400
            "  font-display: block;\n"
            f"  src: url(data:font/woff;base64,{b64}) format(\"woff\");\n"
            f"  unicode-range: {_unicode_range(covered)};\n"
            "}\n")


@lru_cache(maxsize=1)
def font_families() -> list[str]:
    """Font family list for matplotlib: a Hangul-capable font first, DejaVu Sans after.

    Examples
    --------
    >>> font_families()[-1]
    'DejaVu Sans'
    """
    from matplotlib import font_manager

    files: list[Path] = []
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec and spec.origin:
        files += sorted((Path(spec.origin).parent / "fonts").glob("NanumGothic*.ttf"))
    for folder in ("/usr/share/fonts/truetype/nanum", "/usr/share/fonts/opentype/noto"):
        files += sorted(Path(folder).glob("Nanum*.ttf")) + sorted(Path(folder).glob("NotoSansCJK*.ttc"))
    families: list[str] = []
    for f in files:
        try:
            font_manager.fontManager.addfont(str(f))
            name = font_manager.FontProperties(fname=str(f)).get_name()
        except Exception:  # an unreadable font file is skipped, not fatal
            continue
        if name not in families:
            families.append(name)
    return families + FALLBACK


def has_hangul_font() -> bool:
    """Whether a Hangul-capable font was found."""
    return len(font_families()) > len(FALLBACK)
