"""Every colour the package draws with, and the rules that give categories their colours.

One place for the map (HTML and image), the report's charts, the risk matrix and the
graph exports (which colour nodes as the map does). Palettes are colour-blind safe:
Okabe & Ito (2008) first, then colours from Paul Tol's schemes. Colours are stable across
runs: community ``k`` always gets ``PALETTE[k]`` (communities are numbered by size),
well-known sectors have fixed colours, other categories get the remaining colours in
sorted order. Categories beyond the palette share one light grey ("other"); unknown
values are a darker grey.

(``render/map/assets/map.js`` still names some of these colours itself — recommended
ties, bridges, the neutral and overview tie greys, "other" — because the page must stay
byte-identical; keep them in step.)

Examples
--------
>>> PALETTE[:3] == [ORANGE, SKY_BLUE, BLUISH_GREEN]
True
>>> [i["color"] for i in category_colors([0, 1, 1, 2], kind="community")]
['#E69F00', '#56B4E9', '#009E73']
"""
from __future__ import annotations

import functools
import math
from typing import Any, Iterable

import pandas as pd

# ---------------------------------------------------------------------- named colours
#: Okabe & Ito (2008), colour-blind safe.
ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW = "#E69F00", "#56B4E9", "#009E73", "#F0E442"
BLUE, VERMILION, REDDISH_PURPLE, BLACK = "#0072B2", "#D55E00", "#CC79A7", "#000000"
#: Paul Tol "muted" colours that differ from Okabe-Ito.
INDIGO, GREEN, WINE, OLIVE, CYAN = "#332288", "#117733", "#882255", "#999933", "#88CCEE"

# ---------------------------------------------------------------------- by use
#: Categories (communities, sectors, attributes) on maps and in graph exports:
#: Okabe-Ito (without black), then Paul Tol "muted".
PALETTE = [ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW, BLUE, VERMILION, REDDISH_PURPLE,
           INDIGO, GREEN, WINE, OLIVE, CYAN]
UNKNOWN_COLOR = "#A0A0A0"
OTHER_COLOR = "#D9D9D9"
#: Partners without ties (the map's "isolated" legend row).
ISOLATED_COLOR = "#F2F2F2"
#: Relation-type colours (Paul Tol "bright", darker so thin lines stay visible).
EDGE_PALETTE = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377",
                "#444444", "#997700"]
EDGE_OTHER_COLOR = "#BBBBBB"
#: Ties when they are not coloured by type.
NEUTRAL_EDGE = "#B4B4B4"
#: Aggregated ties between communities on an overview map.
OVERVIEW_EDGE = "#888888"
RECOMMENDED_COLOR = "#7A1FA2"
BRIDGE_COLOR = BLACK

#: Fixed colours for common sector names (matched case-insensitively).
SECTOR_COLORS = {
    "company": BLUE, "corporate": BLUE, "industry": BLUE, "기업": BLUE,
    "startup": SKY_BLUE, "스타트업": SKY_BLUE,
    "university": ORANGE, "academia": ORANGE, "대학": ORANGE,
    "research institute": BLUISH_GREEN, "research": BLUISH_GREEN, "institute": BLUISH_GREEN,
    "연구소": BLUISH_GREEN, "연구기관": BLUISH_GREEN,
    "government": VERMILION, "public": VERMILION, "정부": VERMILION, "공공기관": VERMILION,
    "ngo": REDDISH_PURPLE, "non-profit": REDDISH_PURPLE, "nonprofit": REDDISH_PURPLE,
    "investor": YELLOW, "vc": YELLOW, "투자사": YELLOW,
    "other": OLIVE,
}
UNKNOWN_VALUES = {"", "unknown", "nan", "none", "n/a", "na", "미상", "알수없음"}

#: Lines and bars of the report's charts (Okabe-Ito, strongest contrast first).
CHART_PALETTE = [BLUE, ORANGE, BLUISH_GREEN, VERMILION, REDDISH_PURPLE, SKY_BLUE, YELLOW, BLACK]
#: The quadrants of the partner risk matrix.
QUADRANT_COLORS = {"act_now": VERMILION, "keep_close": BLUE, "watch": ORANGE,
                   "stable": "#7f8c8d"}


# ---------------------------------------------------------------------- rules
def is_unknown(value: Any) -> bool:
    """Whether a category value means "unknown" (empty, NaN, "unknown", ...)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    return str(value).strip().lower() in UNKNOWN_VALUES


def category_colors(values: Iterable[Any], *, kind: str = "category",
                    max_colors: int = len(PALETTE)) -> list[dict]:
    """Legend items ``{value, label, color, count}`` for a categorical variable.

    ``kind="community"``: integer communities keep their number's colour (community
    ``k`` -> ``PALETTE[k]``); ``kind="sector"``: common sector names have fixed colours;
    otherwise categories are coloured in sorted order. Items are ordered by
    community number / by count, with "other" and "unknown" last.

    Examples
    --------
    >>> [i["color"] for i in category_colors([0, 1, 1, 2], kind="community")]
    ['#E69F00', '#56B4E9', '#009E73']
    >>> [(i["value"], i["color"]) for i in category_colors(["university", "unknown"], kind="sector")]
    [('university', '#E69F00'), ('unknown', '#A0A0A0')]
    """
    series = pd.Series(list(values), dtype=object)
    unknown_mask = series.map(is_unknown).astype(bool)
    known = series[~unknown_mask].astype(str)
    counts = known.value_counts()
    items: list[dict] = []
    max_colors = max(0, min(int(max_colors), len(PALETTE)))
    if kind == "community":
        def keyfn(v: str) -> tuple:
            try:
                return (0, int(float(v)), v)
            except ValueError:
                return (1, 0, v)
        ordered = sorted(counts.index, key=keyfn)
        for v in ordered:
            k = keyfn(v)
            color = PALETTE[k[1]] if k[0] == 0 and 0 <= k[1] < max_colors else OTHER_COLOR
            items.append({"value": v, "label": f"Community {v}" if k[0] == 0 else v,
                          "color": color, "count": int(counts[v])})
    else:
        used: set[str] = set()
        fixed: dict[str, str] = {}
        if kind == "sector":
            for v in counts.index:
                color = SECTOR_COLORS.get(v.strip().lower())
                if color and color in PALETTE[:max_colors] and color not in used:
                    fixed[v] = color
                    used.add(color)
        free = [c for c in PALETTE[:max_colors] if c not in used]
        for v in sorted(v for v in counts.index if v not in fixed):
            fixed[v] = free.pop(0) if free else OTHER_COLOR
        ordered = sorted(counts.index, key=lambda v: (-int(counts[v]), v))
        items = [{"value": v, "label": v, "color": fixed[v], "count": int(counts[v])}
                 for v in ordered]
    other = [i for i in items if i["color"] == OTHER_COLOR]
    items = [i for i in items if i["color"] != OTHER_COLOR] + other
    n_unknown = int(unknown_mask.sum())
    if n_unknown:
        items.append({"value": "unknown", "label": "unknown", "color": UNKNOWN_COLOR,
                      "count": n_unknown})
    return items


def color_lookup(items: list[dict]) -> dict[str, str]:
    """``value -> colour`` from legend items (unknown values map to the grey)."""
    return {str(i["value"]): i["color"] for i in items}


def category_keys(values: Iterable[Any]) -> list[str]:
    """The legend value of each raw value (``"unknown"`` for unknowns)."""
    return ["unknown" if is_unknown(v) else str(v) for v in values]


def edge_type_styles(type_counts: pd.Series) -> list[dict]:
    """Legend items ``{value, label, color, count}`` for relation types.

    The most frequent types (ties: alphabetical) get the palette in order; types
    beyond it share a light grey.

    Examples
    --------
    >>> [(i["value"], i["color"]) for i in edge_type_styles(pd.Series({"pilot": 2, "R&D": 5}))]
    [('R&D', '#4477AA'), ('pilot', '#EE6677')]
    """
    ordered = sorted(type_counts.index, key=lambda v: (-int(type_counts[v]), str(v)))
    out = []
    for k, v in enumerate(ordered):
        color = EDGE_PALETTE[k] if k < len(EDGE_PALETTE) else EDGE_OTHER_COLOR
        out.append({"value": str(v), "label": str(v), "color": color,
                    "count": int(type_counts[v])})
    return out


@functools.lru_cache(maxsize=1024)  # one call per tie on a map: a handful of colours
def tint(hex_color: str, share: float = 0.45) -> str:
    """``hex_color`` mixed with white (``share`` of the colour kept), for tie lines.

    Examples
    --------
    >>> tint("#000000", 0.5)
    '#808080'
    """
    c = hex_color.lstrip("#")
    rgb = [int(c[k:k + 2], 16) for k in (0, 2, 4)]
    mixed = [int(math.floor(255 - (255 - v) * share + 0.5)) for v in rgb]  # as JS Math.round
    return "#" + "".join(f"{v:02X}" for v in mixed)


__all__ = ["PALETTE", "CHART_PALETTE", "EDGE_PALETTE", "SECTOR_COLORS", "QUADRANT_COLORS",
           "UNKNOWN_COLOR", "OTHER_COLOR", "ISOLATED_COLOR", "EDGE_OTHER_COLOR", "NEUTRAL_EDGE",
           "OVERVIEW_EDGE", "RECOMMENDED_COLOR", "BRIDGE_COLOR", "is_unknown", "category_colors",
           "color_lookup", "category_keys", "edge_type_styles", "tint"]
