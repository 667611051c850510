"""Visual encoding rules shared by the HTML map, the static image and their legends.

Every colour, size and width a map shows comes from the functions here, and every
legend is generated from the same objects, so the legend cannot disagree with the
drawing.

Palettes are colour-blind safe: Okabe & Ito (2008) first, then colours from Paul Tol's
"muted" scheme. Colours are stable across runs: community ``k`` always gets palette
colour ``k`` (communities are numbered by size), well-known sectors have fixed colours,
other categories get the remaining colours in sorted order. Categories beyond the
palette share one light grey ("other"); unknown values are a darker grey.
"""
from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np
import pandas as pd

#: Okabe-Ito (without black), then Paul Tol "muted" colours that differ from them.
PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
           "#332288", "#117733", "#882255", "#999933", "#88CCEE"]
UNKNOWN_COLOR = "#A0A0A0"
OTHER_COLOR = "#D9D9D9"
#: Relation-type colours (Paul Tol "bright", darker so thin lines stay visible).
EDGE_PALETTE = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377",
                "#444444", "#997700"]
EDGE_OTHER_COLOR = "#BBBBBB"
RECOMMENDED_COLOR = "#7A1FA2"
BRIDGE_COLOR = "#000000"

#: Fixed colours for common sector names (matched case-insensitively).
SECTOR_COLORS = {
    "company": "#0072B2", "corporate": "#0072B2", "industry": "#0072B2", "기업": "#0072B2",
    "startup": "#56B4E9", "스타트업": "#56B4E9",
    "university": "#E69F00", "academia": "#E69F00", "대학": "#E69F00",
    "research institute": "#009E73", "research": "#009E73", "institute": "#009E73",
    "연구소": "#009E73", "연구기관": "#009E73",
    "government": "#D55E00", "public": "#D55E00", "정부": "#D55E00", "공공기관": "#D55E00",
    "ngo": "#CC79A7", "non-profit": "#CC79A7", "nonprofit": "#CC79A7",
    "investor": "#F0E442", "vc": "#F0E442", "투자사": "#F0E442",
    "other": "#999933",
}
UNKNOWN_VALUES = {"", "unknown", "nan", "none", "n/a", "na", "미상", "알수없음"}

#: Node radius range (pixels at zoom 1) and edge width range.
MIN_SIZE, MAX_SIZE = 6.0, 30.0
MIN_WIDTH, MAX_WIDTH = 0.8, 7.0


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


def size_scale(values: pd.Series, *, min_size: float = MIN_SIZE,
               max_size: float = MAX_SIZE) -> tuple[np.ndarray, dict]:
    """Node radii (area proportional to the value) and the legend samples.

    The baseline is ``min(0, smallest value)``, so for non-negative metrics the disc
    area is proportional to the value; missing values get the smallest size.

    Examples
    --------
    >>> sizes, legend = size_scale(pd.Series([0.0, 0.25, 1.0]))
    >>> [round(float(s), 1) for s in sizes]
    [6.0, 18.0, 30.0]
    >>> [round(s["size"], 1) for s in legend["samples"]]
    [6.0, 18.0, 30.0]
    """
    v = pd.to_numeric(values, errors="coerce").to_numpy(float)
    finite = v[np.isfinite(v)]
    if finite.size == 0 or float(finite.max()) == float(min(0.0, finite.min())):
        sizes = np.full(len(v), (min_size + max_size) / 3.0)
        return sizes, {"samples": [], "min": None, "max": None, "baseline": None}
    lo = float(min(0.0, finite.min()))
    hi = float(finite.max())

    def radius(x: np.ndarray) -> np.ndarray:
        t = np.clip((x - lo) / (hi - lo), 0.0, 1.0)
        return min_size + (max_size - min_size) * np.sqrt(t)

    sizes = np.where(np.isfinite(v), radius(np.nan_to_num(v, nan=lo)), min_size)
    sample_values = sorted({float(finite.min()), float(np.median(finite)), hi})
    samples = [{"value": s, "size": float(radius(np.array([s]))[0])} for s in sample_values]
    return sizes, {"samples": samples, "min": float(finite.min()), "max": hi, "baseline": lo}


def width_scale(strength: pd.Series, *, min_width: float = MIN_WIDTH,
                max_width: float = MAX_WIDTH) -> tuple[np.ndarray, dict]:
    """Edge widths from tie strength (logarithmic) and the legend samples.

    Examples
    --------
    >>> w, legend = width_scale(pd.Series([1.0, 3.0, 15.0]))
    >>> round(float(w[0]), 2), round(float(w[-1]), 2)
    (0.8, 7.0)
    """
    s = pd.to_numeric(strength, errors="coerce").to_numpy(float)
    if s.size == 0:
        return s, {"samples": [], "min": None, "max": None}
    lo, hi = float(np.nanmin(s)), float(np.nanmax(s))

    def width(x: np.ndarray) -> np.ndarray:
        if hi <= lo:
            return np.full(np.shape(x), (min_width + max_width) / 3.0)
        t = (np.log1p(np.maximum(x, 0)) - math.log1p(max(lo, 0))) / (
            math.log1p(max(hi, 0)) - math.log1p(max(lo, 0)) or 1.0)
        return min_width + (max_width - min_width) * np.clip(t, 0.0, 1.0)

    widths = width(s)
    sample_values = sorted({lo, float(np.nanmedian(s)), hi})
    samples = [{"value": x, "width": float(width(np.array([x]))[0])} for x in sample_values]
    return widths, {"samples": samples, "min": lo, "max": hi}


#: At most this many categorical colours on a map; the rest share "other".
MAX_COLORS = 10
#: Fill of partners without any tie (drawn hollow-looking, one legend row).
ISOLATED_COLOR = "#F2F2F2"
#: Ties between partners of different colours (and of "other" partners).
NEUTRAL_EDGE = "#B4B4B4"
#: Legend values of the grouped rows (cannot clash with a category called "other").
OTHER_KEY = "__other__"
ISOLATED_KEY = "__isolated__"


def group_items(items: list[dict], keys: list[str], *, other_label: str,
                isolated: Iterable[bool] | None = None,
                isolated_label: str = "isolated") -> tuple[list[dict], list[str]]:
    """One legend row for every category beyond the palette, and one for isolates.

    ``items`` come from :func:`category_colors`, ``keys`` are the partners' legend
    values (:func:`category_keys`). Every item drawn in :data:`OTHER_COLOR` becomes part
    of one ``"other"`` row (``other_label`` may hold ``{n}``: how many categories it
    groups); partners flagged in ``isolated`` move to one ``"isolated"`` row. Rows left
    without partners are dropped. Returns the new items and keys.

    Examples
    --------
    >>> items = category_colors([0, 0, 1, 2, 3], kind="community", max_colors=2)
    >>> new, keys = group_items(items, ["0", "0", "1", "2", "3"], other_label="other ({n})",
    ...                         isolated=[False, False, False, False, True])
    >>> [(i["value"], i["label"], i["count"]) for i in new]
    [('0', 'Community 0', 2), ('1', 'Community 1', 1), ('__other__', 'other (1)', 1), ('__isolated__', 'isolated', 1)]
    >>> keys
    ['0', '0', '1', '__other__', '__isolated__']
    """
    other_values = {str(i["value"]) for i in items if i["color"] == OTHER_COLOR}
    iso = list(isolated) if isolated is not None else [False] * len(keys)
    new_keys = [ISOLATED_KEY if flag else (OTHER_KEY if k in other_values else k)
                for k, flag in zip(keys, iso)]
    counts = pd.Series(new_keys, dtype=object).value_counts()
    grouped = {k for k, flag in zip(keys, iso) if not flag and k in other_values}
    out = [dict(i) for i in items if i["color"] != OTHER_COLOR and int(counts.get(str(i["value"]), 0))]
    for i in out:
        i["count"] = int(counts[str(i["value"])])
    unknown = [i for i in out if i["value"] == "unknown"]
    out = [i for i in out if i["value"] != "unknown"]
    if counts.get(OTHER_KEY, 0):
        out.append({"value": OTHER_KEY, "label": other_label.format(n=len(grouped)),
                    "color": OTHER_COLOR, "count": int(counts[OTHER_KEY]), "grouped": len(grouped)})
    out += unknown
    if counts.get(ISOLATED_KEY, 0):
        out.append({"value": ISOLATED_KEY, "label": isolated_label, "color": ISOLATED_COLOR,
                    "count": int(counts[ISOLATED_KEY])})
    return out, new_keys


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
