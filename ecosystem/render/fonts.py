"""Fonts for static images: Hangul and Latin names must render as text, not boxes.

matplotlib's default font (DejaVu Sans) has no Hangul. The engine depends on the
``koreanize-matplotlib`` package only for the font files it ships (NanumGothic, SIL Open
Font License); we register them with matplotlib without importing that package (which
would change global settings). A system font with Hangul (Debian ``fonts-nanum`` or
``fonts-noto-cjk``) is used when the package is missing.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

FALLBACK = ["DejaVu Sans"]


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
