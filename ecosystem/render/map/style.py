"""Visual encoding rules shared by the HTML map, the static image and their legends.

Every colour, size and width a map shows comes from here, and every legend is generated
from the same objects, so the legend cannot disagree with the drawing. Colours and the
rules that assign them live in :mod:`ecosystem.palette` (shared with the charts and the
graph exports) and are re-exported here for the map's modules.
"""
from __future__ import annotations

import math
from typing import Iterable

import numpy as np
import pandas as pd

from ...palette import (BRIDGE_COLOR, EDGE_OTHER_COLOR, EDGE_PALETTE, ISOLATED_COLOR,
                        NEUTRAL_EDGE, OTHER_COLOR, PALETTE, RECOMMENDED_COLOR, SECTOR_COLORS,
                        UNKNOWN_COLOR, UNKNOWN_VALUES, category_colors, category_keys,
                        color_lookup, edge_type_styles, is_unknown, tint)

#: Node radius range (pixels at zoom 1) and edge width range.
MIN_SIZE, MAX_SIZE = 6.0, 30.0
MIN_WIDTH, MAX_WIDTH = 0.8, 7.0


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


__all__ = ["PALETTE", "EDGE_PALETTE", "SECTOR_COLORS", "UNKNOWN_VALUES", "UNKNOWN_COLOR",
           "OTHER_COLOR", "ISOLATED_COLOR", "EDGE_OTHER_COLOR", "NEUTRAL_EDGE",
           "RECOMMENDED_COLOR", "BRIDGE_COLOR", "is_unknown", "category_colors", "color_lookup",
           "category_keys", "edge_type_styles", "tint", "size_scale", "width_scale",
           "group_items", "MAX_COLORS", "OTHER_KEY", "ISOLATED_KEY", "MIN_SIZE", "MAX_SIZE",
           "MIN_WIDTH", "MAX_WIDTH"]
