"""The colours of communities and sectors, shared by the map, the image and the exports.

Palettes are colour-blind safe: Okabe & Ito (2008) first, then colours from Paul Tol's
"muted" scheme. Colours are stable across runs: community ``k`` always gets palette
colour ``k`` (communities are numbered by size), well-known sectors have fixed colours,
other categories get the remaining colours in sorted order. Categories beyond the
palette share one light grey ("other"); unknown values are a darker grey.
"""
from __future__ import annotations

import math
from typing import Any, Iterable

import pandas as pd

#: Okabe-Ito (without black), then Paul Tol "muted" colours that differ from them.
PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
           "#332288", "#117733", "#882255", "#999933", "#88CCEE"]
UNKNOWN_COLOR = "#A0A0A0"
OTHER_COLOR = "#D9D9D9"
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


__all__ = ["OTHER_COLOR", "PALETTE", "SECTOR_COLORS", "UNKNOWN_COLOR", "UNKNOWN_VALUES",
           "category_colors", "category_keys", "color_lookup", "is_unknown"]
